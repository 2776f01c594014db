// Test-only: an HttpTransport that hands each request to an embedded
// LocalValidator in-process, turning its "drop the reply" fault into the
// timeout a real client would see.
#ifndef RECONCILER_LOCALNET_TRANSPORT_TEST_UTIL_H_
#define RECONCILER_LOCALNET_TRANSPORT_TEST_UTIL_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "localnet/local_validator.h"
#include "providers/solana/http_transport.h"
#include "providers/solana/rpc_client.h"

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

// An embedded validator whose clock moves only when a test ticks it, and an
// RPC client over it that never sleeps between retries.
struct ManualLocalnet {
  std::unique_ptr<localnet::LocalValidator> validator;
  std::shared_ptr<LocalValidatorTransport> transport;
  std::unique_ptr<solana::RpcClient> rpc;
};

inline ManualLocalnet StartManualLocalnet(const std::string& url = "http://localnet") {
  localnet::LocalValidatorOptions options;
  options.slot_interval = std::chrono::milliseconds(0);
  ManualLocalnet net;
  net.validator = std::move(*localnet::LocalValidator::Start(options));
  net.transport = std::make_shared<LocalValidatorTransport>(net.validator.get());
  solana::ChannelOptions channel;
  channel.sleep = [](absl::Duration) {};
  net.rpc = std::make_unique<solana::RpcClient>(url, net.transport, channel);
  return net;
}

}  // namespace reconciler::testing

#endif  // RECONCILER_LOCALNET_TRANSPORT_TEST_UTIL_H_
