// Decoders for the result shapes of spec section 5, strict about types and
// lenient about unknown extra fields.
#ifndef PROVIDERS_SOLANA_RPC_PARSE_H_
#define PROVIDERS_SOLANA_RPC_PARSE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/json_read.h"
#include "providers/solana/rpc_types.h"

namespace solana {

// {"context":{"slot":N},"value":V}: returns V (possibly JSON null), sets *slot.
absl::StatusOr<const json::Value*> ParseContextValue(const json::Value& result,
                                                     absl::string_view path, uint64_t* slot);
absl::StatusOr<AccountInfo> ParseAccountInfo(const json::Value& v, absl::string_view path);
absl::StatusOr<std::optional<AccountInfo>> ParseOptionalAccountInfo(const json::Value& v,
                                                                    absl::string_view path);
absl::StatusOr<KeyedAccount> ParseKeyedAccount(const json::Value& v, absl::string_view path);
absl::StatusOr<LatestBlockhash> ParseLatestBlockhash(const json::Value& v, absl::string_view path);
absl::StatusOr<std::optional<TransactionError>> ParseOptionalTransactionError(
    const json::Value& v, absl::string_view path);
absl::StatusOr<SimulationResult> ParseSimulationResult(const json::Value& v,
                                                       absl::string_view path);
absl::StatusOr<std::optional<SignatureStatus>> ParseSignatureStatus(const json::Value& v,
                                                                    absl::string_view path);
absl::StatusOr<std::optional<TransactionInfo>> ParseTransactionInfo(const json::Value& v,
                                                                    absl::string_view path);
absl::StatusOr<VersionInfo> ParseVersionInfo(const json::Value& v, absl::string_view path);
// A base58 transaction signature (64 bytes); returned as the text.
absl::StatusOr<std::string> ParseSignature(const json::Value& v, absl::string_view path);
absl::Status ValidateSignatureText(absl::string_view signature);
// An array of strings; JSON null reads as empty.
absl::StatusOr<std::vector<std::string>> ParseStringList(const json::Value& v,
                                                         absl::string_view path);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_RPC_PARSE_H_
