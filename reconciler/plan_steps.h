// From a PlanBuild to what the apply engine runs: one ApplyStep per planned
// transaction (PlanBuild::transactions, exactly as the plan shows and counts
// them), with the planner's placeholder keys (new coordinator accounts)
// swapped for real ones. A top-up transaction recomputes its amount from the
// chain right before signing; a transaction after a deferred pause first
// waits for the run to reach Paused.
#ifndef RECONCILER_PLAN_STEPS_H_
#define RECONCILER_PLAN_STEPS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/pubkey.h"
#include "reconciler/apply_engine.h"
#include "reconciler/planner.h"
#include "reconciler/run_pause_wait.h"

namespace reconciler {

struct PlanStepsOptions {
  PauseWaitOptions pause_wait;
  solana::Commitment commitment = solana::Commitment::kConfirmed;  // top-up balance reads
};

// `replacements` maps each placeholder to the key apply generated for it.
// FailedPrecondition when an operation names a placeholder without one, or
// when the build's instructions or transactions do not match its operations.
absl::StatusOr<std::vector<ApplyStep>> PlanSteps(
    const PlanBuild& build, const std::map<solana::Pubkey, solana::Pubkey>& replacements,
    const PlanStepsOptions& options = {});

// A transaction's step id: its first operation's id, plus " +N" for the N
// operations packed after it. Stable for the same plan, unique within it.
std::string TransactionStepId(const TransactionPlan& tx);

// Names the apply journal: the same operations (ids, descriptions,
// instructions before key replacement) give the same id, so a re-run of an
// interrupted apply of the same plan resumes its journal.
std::string ApplyIdFor(const PlanBuild& build);

}  // namespace reconciler

#endif  // RECONCILER_PLAN_STEPS_H_
