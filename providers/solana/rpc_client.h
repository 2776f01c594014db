// Typed Solana JSON-RPC client (spec section 5). Every read names its
// commitment. Reads are retried per RetryPolicy; sendTransaction only ever
// re-sends the caller's identical signed bytes and never re-signs.
//
// Lost replies: when SendTransaction fails with SendMayHaveBeenForwarded(s)
// true (timeout, 5xx, 429, dropped connection, garbled reply, or an earlier attempt
// of this call that might have arrived), the transaction may still land. The
// caller must resolve it with GetSignatureStatuses and the expiry proof of
// spec 7.2 before building a replacement with a new blockhash.
#ifndef PROVIDERS_SOLANA_RPC_CLIENT_H_
#define PROVIDERS_SOLANA_RPC_CLIENT_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "providers/solana/coding.h"
#include "providers/solana/curl_transport.h"
#include "providers/solana/http_transport.h"
#include "providers/solana/json_rpc_channel.h"
#include "providers/solana/pubkey.h"
#include "providers/solana/rpc_types.h"

namespace solana {

inline constexpr size_t kMaxMultipleAccounts = 100;   // getMultipleAccounts limit
inline constexpr size_t kMaxSignatureStatuses = 256;  // getSignatureStatuses limit
inline constexpr size_t kMaxProgramAccountFilters = 4;
inline constexpr size_t kMaxMemcmpBytes = 128;

class RpcClient {
 public:
  RpcClient(std::string url, std::shared_ptr<HttpTransport> transport, ChannelOptions options = {});
  // Over libcurl (keep-alive connection, 64 MiB reply cap by default).
  static absl::StatusOr<std::unique_ptr<RpcClient>> Connect(std::string url,
                                                            ChannelOptions options = {},
                                                            CurlTransportOptions transport = {});

  absl::StatusOr<RpcResponse<std::optional<AccountInfo>>> GetAccountInfo(const Pubkey& key,
                                                                         Commitment c);
  // Any number of keys: chunks of 100 go out as one JSON-RPC batch (split per
  // max_batch_size). Results in input order; context_slot is the lowest slot
  // among the chunks.
  absl::StatusOr<RpcResponse<std::vector<std::optional<AccountInfo>>>> GetMultipleAccounts(
      absl::Span<const Pubkey> keys, Commitment c);
  absl::StatusOr<RpcResponse<std::vector<KeyedAccount>>> GetProgramAccounts(
      const Pubkey& program, absl::Span<const AccountFilter> filters, Commitment c);
  absl::StatusOr<RpcResponse<uint64_t>> GetBalance(const Pubkey& key, Commitment c);
  absl::StatusOr<RpcResponse<LatestBlockhash>> GetLatestBlockhash(Commitment c);
  absl::StatusOr<RpcResponse<bool>> IsBlockhashValid(const Hash& blockhash, Commitment c);
  absl::StatusOr<uint64_t> GetBlockHeight(Commitment c);
  absl::StatusOr<uint64_t> GetSlot(Commitment c);
  absl::StatusOr<uint64_t> GetMinimumBalanceForRentExemption(uint64_t data_len, Commitment c);
  // nullopt: the message's blockhash is unknown or expired.
  absl::StatusOr<RpcResponse<std::optional<uint64_t>>> GetFeeForMessage(ByteView message,
                                                                        Commitment c);

  // Returns the transaction's first signature (base58) as the node reports it.
  absl::StatusOr<std::string> SendTransaction(ByteView signed_transaction,
                                              const SendOptions& options);
  absl::StatusOr<RpcResponse<SimulationResult>> SimulateTransaction(ByteView transaction,
                                                                    const SimulateOptions& options);
  // Signatures in base58; any number (chunks of 256, batched). nullopt = not found.
  absl::StatusOr<RpcResponse<std::vector<std::optional<SignatureStatus>>>> GetSignatureStatuses(
      absl::Span<const std::string> signatures, bool search_transaction_history);
  // Commitment must be confirmed or finalized. nullopt = not found.
  absl::StatusOr<std::optional<TransactionInfo>> GetTransaction(const std::string& signature,
                                                                Commitment c);
  absl::StatusOr<std::string> RequestAirdrop(const Pubkey& to, uint64_t lamports, Commitment c);
  // OK when the node answers "ok"; the -32005 status otherwise (see GetNodeUnhealthy).
  absl::Status GetHealth();
  absl::StatusOr<VersionInfo> GetVersion();
  absl::StatusOr<Hash> GetGenesisHash();

  // Generic calls: each result as JSON text, or its JSON-RPC error. All
  // requests go in JSON-RPC batches; replies are matched by id. `retry` should
  // be false for anything not safe to repeat.
  absl::StatusOr<std::vector<absl::StatusOr<std::string>>> CallBatch(
      absl::Span<const RpcRequest> requests, bool retry = true);
  absl::StatusOr<std::string> Call(const std::string& method, const std::string& params_json,
                                   bool retry = true);

  const std::string& redacted_url() const { return channel_.redacted_url(); }

 private:
  // One request; its result value, kept alive by the returned reply.
  absl::StatusOr<RpcReply> CallOne(const std::string& method, std::string params,
                                   RetryMode mode = RetryMode::kIdempotent);

  JsonRpcChannel channel_;
};

}  // namespace solana

#endif  // PROVIDERS_SOLANA_RPC_CLIENT_H_
