// The embedded mode's wire: an HttpTransport that hands request bodies to a
// LocalValidator in the same process, so solana::RpcClient talks to
// psyche-localnet without sockets. A dropped reply (fault injection) is a
// timeout, as a client would see it over HTTP.
#ifndef LOCALNET_IN_PROCESS_TRANSPORT_H_
#define LOCALNET_IN_PROCESS_TRANSPORT_H_

#include "localnet/local_validator.h"
#include "providers/solana/http_transport.h"

namespace localnet {

class InProcessTransport : public solana::HttpTransport {
 public:
  explicit InProcessTransport(LocalValidator* validator) : validator_(validator) {}
  absl::StatusOr<solana::HttpResponse> Post(const std::string& url, const std::string& body,
                                            absl::Duration timeout) override;

 private:
  LocalValidator* validator_;
};

}  // namespace localnet

#endif  // LOCALNET_IN_PROCESS_TRANSPORT_H_
