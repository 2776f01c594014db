#include "providers/psyche/restart_progress.h"

#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"

namespace psyche {

uint16_t GlobalBatchSize(const CoordinatorConfig& config, uint64_t tokens_processed) {
  if (tokens_processed >= config.global_batch_size_warmup_tokens) {
    return config.global_batch_size_end;
  }
  double progress = static_cast<double>(tokens_processed) /
                    static_cast<double>(config.global_batch_size_warmup_tokens);
  double start = config.global_batch_size_start;
  double end = config.global_batch_size_end;
  double size = std::round(start + (end - start) * progress);
  // Rust's `as u16` saturates; the value lies between start and end anyway.
  if (size <= 0) return 0;
  if (size >= 65535) return 65535;
  return static_cast<uint16_t>(size);
}

absl::StatusOr<uint64_t> RestartDataIndex(const CoordinatorConfig& config, uint32_t max_seq_len,
                                          uint32_t step) {
  if (step <= 1 || step > config.total_steps) return 0;
  uint64_t index = 0;
  for (uint32_t i = 1; i < step; ++i) {
    uint64_t tokens;
    if (__builtin_mul_overflow(index, static_cast<uint64_t>(max_seq_len), &tokens)) {
      return absl::OutOfRangeError(
          absl::StrCat("restart data index overflows u64 tokens at step ", i));
    }
    if (tokens >= config.global_batch_size_warmup_tokens) {
      // The ramp is over: every remaining step adds global_batch_size_end.
      return index + static_cast<uint64_t>(step - i) * config.global_batch_size_end;
    }
    index += GlobalBatchSize(config, tokens);
  }
  return index;
}

absl::StatusOr<CoordinatorProgress> RestartFromStepProgress(const RunConfig& run_config,
                                                            uint32_t step, uint16_t current_epoch) {
  if (step == 0) {
    return absl::InvalidArgumentError("restart step must be > 0 (the program refuses step 0)");
  }
  const LLM& llm = std::get<LLM>(run_config.model);
  ASSIGN_OR_RETURN(uint64_t index, RestartDataIndex(run_config.config, llm.max_seq_len, step));
  return CoordinatorProgress{current_epoch, step, index};
}

}  // namespace psyche
