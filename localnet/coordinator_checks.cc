#include "localnet/coordinator_checks.h"

#include <type_traits>

namespace localnet {
namespace {

using namespace psyche;  // NOLINT: many small type names from one header

bool NonEmpty(const std::string& s) { return !s.empty(); }  // first byte not 00

bool DataLocationIsValid(const LLMTrainingDataLocation& loc) {
  return std::visit(
      [](const auto& v) -> bool {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, DataLocationDummy> ||
                      std::is_same_v<T, DataLocationLocal>) {
          return true;
        } else if constexpr (std::is_same_v<T, DataLocationServer>) {
          return NonEmpty(v.address);
        } else if constexpr (std::is_same_v<T, DataLocationWeightedHttp>) {
          return NonEmpty(v.url);
        } else if constexpr (std::is_same_v<T, DataLocationPreprocessed>) {
          return NonEmpty(v.location);
        } else {  // Http
          return std::visit(
              [](const auto& h) -> bool {
                using H = std::decay_t<decltype(h)>;
                if constexpr (std::is_same_v<H, HttpSingleUrl>) {
                  return NonEmpty(h.url);
                } else if constexpr (std::is_same_v<H, HttpNumberedFiles>) {
                  return NonEmpty(h.url_template) && h.num_files > 0;
                } else {
                  return NonEmpty(h.bucket_name);
                }
              },
              v.location);
        }
      },
      loc);
}

bool CheckpointIsValid(const Checkpoint& c) {
  return std::visit(
      [](const auto& v) -> bool {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, CheckpointEphemeral>) {
          return false;
        } else if constexpr (std::is_same_v<T, CheckpointDummy>) {
          return true;
        } else if constexpr (std::is_same_v<T, CheckpointHub> ||
                             std::is_same_v<T, CheckpointP2P>) {
          return NonEmpty(v.repo.repo_id);
        } else {
          return NonEmpty(v.repo.bucket);
        }
      },
      c);
}

}  // namespace

bool CoordinatorConfigIsValid(const CoordinatorConfig& c) {
  return c.epoch_time > 0 && c.warmup_time < c.epoch_time && c.max_round_train_time > 0 &&
         c.max_round_train_time < c.epoch_time && c.round_witness_time > 0 &&
         c.min_clients > 0 && c.min_clients <= c.init_min_clients && c.init_min_clients <= 256 &&
         c.global_batch_size_start > 0 && c.global_batch_size_end > 0 &&
         c.global_batch_size_end >= c.global_batch_size_start && c.total_steps > 0 &&
         c.witness_nodes <= c.min_clients && c.witness_nodes <= 32 && c.cooldown_time > 0 &&
         c.waiting_for_members_extra_time > 0;
}

bool ModelIsValid(const Model& model) {
  const LLM& llm = std::get<LLM>(model);
  return llm.max_seq_len > 0 && DataLocationIsValid(llm.data_location) &&
         CheckpointIsValid(llm.checkpoint) &&
         !std::holds_alternative<OptimizerDummy>(llm.optimizer);
}

ColdStartCheck CheckColdStart(const CoordinatorConfig& config, const Model& model) {
  const LLM& llm = std::get<LLM>(model);
  if (llm.cold_start_warmup_steps == 0) return ColdStartCheck::kOk;
  if (config.max_round_train_time == 0) return ColdStartCheck::kDivisionByZero;
  uint64_t span = config.epoch_time > config.warmup_time ? config.epoch_time - config.warmup_time
                                                         : 0;
  return llm.cold_start_warmup_steps <= span / config.max_round_train_time ? ColdStartCheck::kOk
                                                                           : ColdStartCheck::kFailed;
}

}  // namespace localnet
