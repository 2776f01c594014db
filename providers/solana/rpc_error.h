// JSON-RPC error objects ({"code","message","data"}) as absl::Status: the
// status code says how to react (spec 5.18), the original error object rides
// along as a payload so callers can inspect code and data.
#ifndef PROVIDERS_SOLANA_RPC_ERROR_H_
#define PROVIDERS_SOLANA_RPC_ERROR_H_

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/transaction_error.h"

namespace solana {

// Codes of spec 5.18.
inline constexpr int64_t kRpcParseError = -32700;
inline constexpr int64_t kRpcInvalidRequest = -32600;
inline constexpr int64_t kRpcMethodNotFound = -32601;
inline constexpr int64_t kRpcInvalidParams = -32602;
inline constexpr int64_t kRpcInternalError = -32603;
inline constexpr int64_t kRpcBlockCleanedUp = -32001;
inline constexpr int64_t kRpcPreflightFailure = -32002;
inline constexpr int64_t kRpcSignatureVerificationFailure = -32003;
inline constexpr int64_t kRpcBlockNotAvailable = -32004;
inline constexpr int64_t kRpcNodeUnhealthy = -32005;
inline constexpr int64_t kRpcPrecompileVerificationFailure = -32006;
inline constexpr int64_t kRpcSlotSkipped = -32007;
inline constexpr int64_t kRpcLongTermStorageSlotSkipped = -32009;
inline constexpr int64_t kRpcTransactionHistoryNotAvailable = -32011;
inline constexpr int64_t kRpcBlockStatusNotAvailableYet = -32014;
inline constexpr int64_t kRpcUnsupportedTransactionVersion = -32015;
inline constexpr int64_t kRpcMinContextSlotNotReached = -32016;

struct RpcError {
  int64_t code = 0;
  std::string message;
  std::string data_json;  // the "data" member as JSON text; empty when absent
};

// Parses an "error" member. Missing/mistyped code or message is InvalidArgument.
absl::StatusOr<RpcError> ParseRpcError(const rapidjson::Value& error);

// InvalidArgument for our own bad requests (-32700/-32600/-32602/-32003/-32006),
// Unimplemented for -32601, FailedPrecondition for -32002 and -32015,
// Unavailable for transient node conditions (-32603, -32004, -32005, -32014,
// -32016, and a provider's 429), NotFound for missing history/slots, Unknown
// otherwise. The message is "<context>: RPC error <code>: <message>".
absl::Status RpcErrorToStatus(const RpcError& error, absl::string_view context);
absl::StatusCode StatusCodeForRpcError(int64_t code);

// The RpcError carried by a status built by RpcErrorToStatus.
std::optional<RpcError> GetRpcError(const absl::Status& status);

// -32002 from sendTransaction: the node simulated the transaction and refused
// to forward it. `err` is absent when the node sent no (parseable) data.
struct PreflightFailure {
  std::optional<TransactionError> err;
  std::vector<std::string> logs;
  std::optional<uint64_t> units_consumed;
};
std::optional<PreflightFailure> GetPreflightFailure(const absl::Status& status);

// -32005: the node is behind or unhealthy.
struct NodeUnhealthy {
  std::optional<uint64_t> num_slots_behind;
};
std::optional<NodeUnhealthy> GetNodeUnhealthy(const absl::Status& status);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_RPC_ERROR_H_
