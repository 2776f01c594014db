#include "reconciler/counting_transport.h"

namespace reconciler {

absl::StatusOr<solana::HttpResponse> CountingTransport::Post(const std::string& url,
                                                             const std::string& body,
                                                             absl::Duration timeout) {
  ++posts_;
  // Each JSON-RPC request object carries exactly one "method" member; our own
  // client writes it without spaces.
  uint64_t n = 0;
  for (size_t at = body.find("\"method\""); at != std::string::npos;
       at = body.find("\"method\"", at + 1)) {
    ++n;
  }
  requests_ += n;
  return inner_->Post(url, body, timeout);
}

}  // namespace reconciler
