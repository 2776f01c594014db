// Batch-size ramp (coordinator.md 3.7) and the progress run-manager sends
// for `update-config --restart-from-step N` (6.5).
#ifndef PROVIDERS_PSYCHE_RESTART_PROGRESS_H_
#define PROVIDERS_PSYCHE_RESTART_PROGRESS_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/psyche/run_config.h"

namespace psyche {

// Batches per step after `tokens_processed` tokens: global_batch_size_end once
// the warmup tokens are reached, else start + (end - start) * tokens / warmup
// in f64, rounded half away from zero (the program's get_batch_size).
uint16_t GlobalBatchSize(const CoordinatorConfig& config, uint64_t tokens_processed);

// epoch_start_data_index for restarting at `step`: 0 if step <= 1 or
// step > total_steps, else the sum of the batch sizes of steps 1..step-1.
// OutOfRange if the token count overflows u64.
absl::StatusOr<uint64_t> RestartDataIndex(const CoordinatorConfig& config, uint32_t max_seq_len,
                                          uint32_t step);

// {current_epoch, step, RestartDataIndex(...)} using the new config and model.
// InvalidArgument for step 0 (the program refuses it).
absl::StatusOr<CoordinatorProgress> RestartFromStepProgress(const RunConfig& run_config,
                                                            uint32_t step, uint16_t current_epoch);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_RESTART_PROGRESS_H_
