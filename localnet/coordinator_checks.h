// The coordinator program's validity checks on run parameters (coordinator.md 5.3), as
// predicates over the decoded structs, for the local emulation of update / set_paused.
#ifndef LOCALNET_COORDINATOR_CHECKS_H_
#define LOCALNET_COORDINATOR_CHECKS_H_

#include "providers/psyche/coordinator_types.h"

namespace localnet {

// Rules 1-11 of the config check (HEAD, builds since 2026-03-02).
bool CoordinatorConfigIsValid(const psyche::CoordinatorConfig& config);
// max_seq_len, data location, checkpoint and optimizer rules.
bool ModelIsValid(const psyche::Model& model);

enum class ColdStartCheck { kOk, kFailed, kDivisionByZero };
// cold_start_warmup_steps <= (epoch_time - warmup_time) / max_round_train_time when > 0. A zero
// max_round_train_time with cold_start_warmup_steps > 0 makes the program abort.
ColdStartCheck CheckColdStart(const psyche::CoordinatorConfig& config, const psyche::Model& model);

}  // namespace localnet

#endif  // LOCALNET_COORDINATOR_CHECKS_H_
