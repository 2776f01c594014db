// The coordinator program's validity checks (coordinator.md 5.3), applied
// offline so a config is known to be accepted before a transaction is sent.
// Unlike the program, which stops at the first failing rule, every failing
// rule is reported.
#ifndef PROVIDERS_PSYCHE_RUN_CONFIG_CHECK_H_
#define PROVIDERS_PSYCHE_RUN_CONFIG_CHECK_H_

#include <string>
#include <vector>

#include "providers/psyche/coordinator_types.h"
#include "providers/psyche/run_config.h"

namespace psyche {

struct CheckFailure {
  std::string field;          // e.g. "config.epoch_time", "model.LLM.optimizer"
  std::string reason;         // the rule, with the offending values
  std::string program_error;  // the error the program would return, e.g. "ConfigSanityCheckFailed"
  bool operator==(const CheckFailure&) const = default;
};

// "field: reason (program would fail with X)".
std::string FormatCheckFailure(const CheckFailure& failure);

// Config rules 1-11 (ConfigSanityCheckFailed).
std::vector<CheckFailure> CheckCoordinatorConfig(const CoordinatorConfig& config);
// max_seq_len, data location, checkpoint, optimizer (ModelSanityCheckFailed).
std::vector<CheckFailure> CheckModel(const Model& model);
// cold_start_warmup_steps <= (epoch_time - warmup_time) / max_round_train_time
// (ConfigSanityCheckFailed). Skipped when the config itself makes it undefined
// (the config check has failed then anyway).
std::vector<CheckFailure> CheckColdStart(const CoordinatorConfig& config, const Model& model);
// step > 0; the program reports ModelSanityCheckFailed from `update` (sic).
std::vector<CheckFailure> CheckProgress(const CoordinatorProgress& progress);

// Everything `update(None, config, model, None)` checks, in the program's order.
std::vector<CheckFailure> CheckRunConfig(const RunConfig& run_config);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_RUN_CONFIG_CHECK_H_
