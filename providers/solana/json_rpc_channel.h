// JSON-RPC 2.0 over an HttpTransport: envelopes, batching, id matching,
// response validation and bounded retries. Knows nothing about Solana
// methods; RpcClient builds on it.
#ifndef PROVIDERS_SOLANA_JSON_RPC_CHANNEL_H_
#define PROVIDERS_SOLANA_JSON_RPC_CHANNEL_H_

#include <rapidjson/document.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "providers/solana/http_transport.h"
#include "providers/solana/retry_policy.h"

namespace solana {

struct RpcRequest {
  std::string method;
  std::string params_json = "[]";  // a JSON array; validated before sending
};

// One request's outcome: `status` is the decoded JSON-RPC error, or OK with
// `result` pointing into `doc` (a JSON null result is a valid result).
struct RpcReply {
  absl::Status status;
  std::shared_ptr<const rapidjson::Document> doc;
  const rapidjson::Value* result = nullptr;
};

enum class RetryMode {
  kIdempotent,  // reads: retry transport failures, 429, 5xx, transient RPC errors
  kSameBytes,   // sendTransaction: retry transport failures, 429, 5xx only
  kNever,
};

struct ChannelOptions {
  absl::Duration request_timeout = absl::Seconds(30);  // per HTTP attempt
  RetryPolicy retry;
  size_t max_batch_size = 20;                 // JSON-RPC requests per HTTP POST; 1 = no batches
  // A batch also stays under this many body bytes: Agave refuses bodies over
  // 50 KiB (HTTP 413), and 20 getMultipleAccounts of 100 keys are ~95 KB.
  // A single larger request is still sent alone.
  size_t max_batch_body_bytes = 48 * 1024;
  std::function<void(absl::Duration)> sleep;  // default absl::SleepFor; tests inject
};

class JsonRpcChannel {
 public:
  JsonRpcChannel(std::string url, std::shared_ptr<HttpTransport> transport, ChannelOptions options);

  // Replies in request order, matched by id whatever order the server used.
  // The outer status fails when any HTTP exchange fails after its retries
  // (transport, HTTP status, malformed body). With kSameBytes every failure
  // is marked with MarkMaybeForwarded unless no attempt could have reached
  // the node.
  absl::StatusOr<std::vector<RpcReply>> Call(absl::Span<const RpcRequest> requests, RetryMode mode);

  const std::string& redacted_url() const { return redacted_url_; }

 private:
  struct Attempt;
  absl::StatusOr<std::vector<RpcReply>> CallGroup(absl::Span<const RpcRequest> group,
                                                  RetryMode mode);
  Attempt TryOnce(const std::string& body, const std::vector<uint64_t>& ids,
                  absl::Span<const RpcRequest> group, absl::Duration timeout);
  absl::Duration Jitter(int retry, std::optional<absl::Duration> retry_after);

  std::string url_;
  std::string redacted_url_;
  std::shared_ptr<HttpTransport> transport_;
  ChannelOptions options_;
  std::atomic<uint64_t> next_id_{1};
  std::mutex gen_mu_;
  absl::BitGen gen_;
};

// Statuses from sendTransaction that do not prove the node never received
// the transaction carry this mark: the caller must then resolve the outcome
// with getSignatureStatuses (spec 7.2) before ever re-signing.
absl::Status MarkMaybeForwarded(absl::Status status);
bool SendMayHaveBeenForwarded(const absl::Status& status);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_JSON_RPC_CHANNEL_H_
