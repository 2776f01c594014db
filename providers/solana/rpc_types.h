// Values exchanged with a Solana JSON-RPC node (spec section 5), independent
// of how they are encoded.
#ifndef PROVIDERS_SOLANA_RPC_TYPES_H_
#define PROVIDERS_SOLANA_RPC_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"
#include "providers/solana/transaction_error.h"

namespace solana {

enum class Commitment { kProcessed, kConfirmed, kFinalized };
absl::string_view CommitmentName(Commitment c);
absl::StatusOr<Commitment> ParseCommitment(absl::string_view name);

// A result with the node's context slot (the bank the answer was read from).
template <typename T>
struct RpcResponse {
  uint64_t context_slot = 0;
  T value;
};

struct AccountInfo {
  uint64_t lamports = 0;
  Pubkey owner;
  Bytes data;
  bool executable = false;
  uint64_t rent_epoch = 0;
  uint64_t space = 0;  // data length as the node reports it
};

struct KeyedAccount {
  Pubkey pubkey;
  AccountInfo account;
};

// getProgramAccounts filters (all must match; at most 4).
struct MemcmpFilter {
  uint64_t offset = 0;
  Bytes bytes;  // 1..128 bytes, sent base58
};
struct DataSizeFilter {
  uint64_t size = 0;
};
using AccountFilter = std::variant<MemcmpFilter, DataSizeFilter>;

struct LatestBlockhash {
  Hash blockhash;
  uint64_t last_valid_block_height = 0;
};

struct SendOptions {
  bool skip_preflight = false;
  // Set to the commitment the blockhash was fetched at (spec 5.10).
  std::optional<Commitment> preflight_commitment;
  std::optional<uint64_t> max_retries;  // node-side rebroadcasts; 0 = none
  std::optional<uint64_t> min_context_slot;
};

struct SimulateOptions {
  Commitment commitment = Commitment::kConfirmed;
  bool sig_verify = false;
  bool replace_recent_blockhash = false;  // exclusive with sig_verify
  std::optional<uint64_t> min_context_slot;
};

struct SimulationResult {
  std::optional<TransactionError> err;  // set: the transaction would fail
  std::vector<std::string> logs;
  std::optional<uint64_t> units_consumed;
  std::optional<LatestBlockhash> replacement_blockhash;
};

struct SignatureStatus {
  uint64_t slot = 0;
  std::optional<uint64_t> confirmations;  // absent once rooted
  std::optional<TransactionError> err;    // set: landed and failed (fee paid)
  std::optional<Commitment> confirmation_status;
};

struct TransactionInfo {
  uint64_t slot = 0;
  std::optional<int64_t> block_time;
  std::optional<TransactionError> err;
  uint64_t fee = 0;
  std::vector<std::string> log_messages;
  std::optional<uint64_t> compute_units_consumed;
};

struct VersionInfo {
  std::string solana_core;
  std::optional<uint32_t> feature_set;
};

}  // namespace solana

#endif  // PROVIDERS_SOLANA_RPC_TYPES_H_
