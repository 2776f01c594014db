// From a PlanBuild to what the apply engine runs: one ApplyStep per planned
// operation (the engine sends one transaction per step), with the planner's
// placeholder keys (new coordinator accounts) swapped for real ones.
#ifndef RECONCILER_PLAN_STEPS_H_
#define RECONCILER_PLAN_STEPS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/pubkey.h"
#include "reconciler/apply_engine.h"
#include "reconciler/planner.h"

namespace reconciler {

// `replacements` maps each placeholder to the key apply generated for it.
// FailedPrecondition when an operation names a placeholder without one, or
// when the build's instruction list does not match its operations.
absl::StatusOr<std::vector<ApplyStep>> PlanSteps(
    const PlanBuild& build, const std::map<solana::Pubkey, solana::Pubkey>& replacements);

// Names the apply journal: the same operations (ids, descriptions,
// instructions before key replacement) give the same id, so a re-run of an
// interrupted apply of the same plan resumes its journal.
std::string ApplyIdFor(const PlanBuild& build);

// The lowest context slot of the plan's reads (its preconditions); 0 when
// it read nothing. ApplyOptions::observed_slot.
uint64_t PlanObservedSlot(const PlanBuild& build);

}  // namespace reconciler

#endif  // RECONCILER_PLAN_STEPS_H_
