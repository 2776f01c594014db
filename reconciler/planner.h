// From resource changes to the ordered operations that apply them, with the
// exact instructions each needs and their dependency edges, then packed into
// transactions (an operation's instructions always share one transaction) to
// count them and estimate fees. Data only: apply consumes the result.
#ifndef RECONCILER_PLANNER_H_
#define RECONCILER_PLANNER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/rent.h"
#include "providers/solana/instruction.h"
#include "providers/solana/packer.h"
#include "reconciler/desired_state.h"
#include "reconciler/diff.h"
#include "reconciler/plan.h"
#include "reconciler/prune.h"
#include "reconciler/refresh.h"

namespace reconciler {

struct PlannerOptions {
  uint64_t compute_unit_price_micro_lamports = 0;  // priority fee; 0 = no Compute Budget prefix
  // Lamports for a new coordinator account; apply re-reads the live rent first.
  uint64_t coordinator_account_lamports =
      psyche::RentExemptMinimum(psyche::kCoordinatorAccountSize);
  PruneOptions prune;  // resources on chain that no manifest names
  // --target: when not empty, only these resource addresses are planned,
  // plus the operations they depend on (e.g. the run a top-up needs).
  std::vector<std::string> targets;
};

// A treasury top-up: apply recomputes amount = target - vault balance from
// the chain right before signing, so a re-run never adds twice.
struct TopUpIntent {
  solana::Pubkey payer;  // source wallet (its ATA for the mint pays)
  solana::Pubkey run;    // treasurer Run PDA, owner of the vault
  solana::Pubkey mint;
  solana::Pubkey vault;
  uint64_t target = 0;
  uint8_t decimals = 0;
};
// ATA create (idempotent) + TransferChecked of `amount` to the vault.
std::vector<solana::Instruction> TopUpInstructions(const TopUpIntent& t, uint64_t amount);

// Phase 2 of a deferred pause (coordinator.md 5.6): before this operation's
// transaction apply waits until the coordinator account reads Paused.
struct PauseWait {
  std::string run_address;
  solana::Pubkey coordinator_program;
  solana::Pubkey coordinator_account;
};

// The instructions of one Plan operation (same index in Plan::operations).
struct OperationInstructions {
  std::vector<solana::Instruction> instructions;
  // Fresh accounts apply must generate a keypair for (a new coordinator
  // account); instructions name them by the placeholder key below.
  std::vector<solana::Pubkey> placeholders;
  // Parallel to placeholders: the label apply saves each new key under in
  // the state directory (reconciler/new_account_keys.h).
  std::vector<std::string> placeholder_labels;
  // Set for a top-up; it is packed in a transaction of its own.
  std::optional<TopUpIntent> top_up;
  // Set when the operation must wait for a deferred pause; it starts a new
  // transaction.
  std::optional<PauseWait> wait_for_pause;
};

struct PlanBuild {
  Plan plan;
  std::vector<OperationInstructions> instructions;      // parallel to plan.operations
  std::vector<solana::PackedTransaction> transactions;  // parallel to plan.transactions
};

// Stands for the coordinator account of a run that apply creates (a fresh
// keypair then). Deterministic, so plans render the same every time.
solana::Pubkey CoordinatorAccountPlaceholder(const std::string& run_id);

absl::StatusOr<PlanBuild> BuildPlan(const DesiredResources& desired, const ObservedState& observed,
                                    DiffResult diff, const PlannerOptions& options = {});

}  // namespace reconciler

#endif  // RECONCILER_PLANNER_H_
