// Greedy packing of instruction groups into as few transactions as fit
// (spec solana-wire.md 3.7). A group is atomic: its instructions always land
// in the same transaction, in order.
#ifndef PROVIDERS_SOLANA_PACKER_H_
#define PROVIDERS_SOLANA_PACKER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/instruction.h"
#include "providers/solana/pubkey.h"
#include "providers/solana/transaction.h"

namespace solana {

// Spec 3.3 rule 6: distinct accounts one transaction may lock.
inline constexpr size_t kMaxTransactionAccounts = 64;

struct InstructionGroup {
  std::string name;  // named in errors
  std::vector<Instruction> instructions;
  uint64_t compute_units = 0;  // the caller's estimate; 0 when not tracked
};

struct PackOptions {
  // Placed first in every transaction and counted in its size, e.g.
  // compute_budget::SetComputeUnitLimit / SetComputeUnitPrice.
  std::vector<Instruction> prefix;
  size_t max_transaction_size = kMaxTransactionSize;
  size_t max_accounts = kMaxTransactionAccounts;
  // Bound on the sum of the groups' compute_units in one transaction.
  uint64_t max_compute_units = compute_budget::kMaxComputeUnitLimit;
};

struct PackedTransaction {
  std::vector<Instruction> instructions;  // prefix, then the groups' instructions
  std::vector<size_t> group_indexes;      // into the input, ascending
  size_t serialized_size = 0;             // exact size once compiled as legacy and signed
  size_t num_signatures = 0;
  size_t num_accounts = 0;
  uint64_t compute_units = 0;
};

// Fills each transaction with as many consecutive groups as fit (size,
// account count and compute units), then starts the next; order is kept.
// `signers` are the keys that can sign (the payer always can); a group that
// needs another signature, is empty, or does not fit even alone in a fresh
// transaction is an error naming the group.
absl::StatusOr<std::vector<PackedTransaction>> PackInstructionGroups(
    const Pubkey& payer, absl::Span<const Pubkey> signers,
    absl::Span<const InstructionGroup> groups, const PackOptions& options = {});

}  // namespace solana

#endif  // PROVIDERS_SOLANA_PACKER_H_
