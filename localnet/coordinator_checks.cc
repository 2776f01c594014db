#include "localnet/coordinator_checks.h"

#include "providers/psyche/run_config_check.h"

namespace localnet {

// The rules themselves live in providers/psyche/run_config_check (shared with the offline
// `config check`); the program stops at the first failure, so only emptiness matters here.

bool CoordinatorConfigIsValid(const psyche::CoordinatorConfig& config) {
  return psyche::CheckCoordinatorConfig(config).empty();
}

bool ModelIsValid(const psyche::Model& model) { return psyche::CheckModel(model).empty(); }

ColdStartCheck CheckColdStart(const psyche::CoordinatorConfig& config, const psyche::Model& model) {
  const psyche::LLM& llm = std::get<psyche::LLM>(model);
  if (llm.cold_start_warmup_steps == 0) return ColdStartCheck::kOk;
  if (config.max_round_train_time == 0) return ColdStartCheck::kDivisionByZero;
  return psyche::CheckColdStart(config, model).empty() ? ColdStartCheck::kOk
                                                       : ColdStartCheck::kFailed;
}

}  // namespace localnet
