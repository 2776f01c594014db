// Test-only: an HttpTransport that hands each request to an embedded
// LocalValidator in-process, turning its "drop the reply" fault into the
// timeout a real client would see.
#ifndef RECONCILER_LOCALNET_TRANSPORT_TEST_UTIL_H_
#define RECONCILER_LOCALNET_TRANSPORT_TEST_UTIL_H_

#include <atomic>
#include <string>

#include "localnet/local_validator.h"
#include "providers/solana/http_transport.h"

namespace reconciler::testing {

class LocalValidatorTransport : public solana::HttpTransport {
 public:
  explicit LocalValidatorTransport(localnet::LocalValidator* validator) : validator_(validator) {}

  absl::StatusOr<solana::HttpResponse> Post(const std::string&, const std::string& body,
                                            absl::Duration) override {
    if (body.find("\"sendTransaction\"") != std::string::npos) ++send_posts_;
    localnet::HttpReply reply = validator_->Handle(body);
    if (reply.drop) return absl::DeadlineExceededError("localnet: reply dropped (fault)");
    solana::HttpResponse r;
    r.status = reply.status;
    r.retry_after = reply.retry_after;
    r.content_type = "application/json";
    r.body = std::move(reply.body);
    return r;
  }

  // HTTP posts that carried a sendTransaction (first sends and rebroadcasts).
  int send_posts() const { return send_posts_; }

 private:
  localnet::LocalValidator* validator_;
  std::atomic<int> send_posts_{0};
};

}  // namespace reconciler::testing

#endif  // RECONCILER_LOCALNET_TRANSPORT_TEST_UTIL_H_
