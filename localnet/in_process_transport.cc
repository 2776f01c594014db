#include "localnet/in_process_transport.h"

namespace localnet {

absl::StatusOr<solana::HttpResponse> InProcessTransport::Post(const std::string& url,
                                                              const std::string& body,
                                                              absl::Duration) {
  HttpReply r = validator_->Handle(body);
  if (r.drop) {
    return absl::DeadlineExceededError(
        absl::StrCat("POST ", solana::RedactUrl(url), ": no reply (timed out)"));
  }
  solana::HttpResponse out;
  out.status = r.status;
  out.retry_after = r.retry_after;
  bool json = !r.body.empty() && (r.body[0] == '{' || r.body[0] == '[');
  out.content_type = json ? "application/json" : "text/plain";
  out.body = std::move(r.body);
  return out;
}

}  // namespace localnet
