// Phase 2 of a deferred pause (coordinator.md 5.6): a pause set while a run
// is in RoundTrain/RoundWitness/Cooldown completes only when something ticks
// the coordinator at the end of the epoch (training clients do). Apply polls
// the coordinator account until run_state reads Paused, with a timeout.
#ifndef RECONCILER_RUN_PAUSE_WAIT_H_
#define RECONCILER_RUN_PAUSE_WAIT_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "providers/solana/rpc_client.h"
#include "reconciler/planner.h"

namespace reconciler {

struct PauseWaitOptions {
  absl::Duration timeout = absl::Seconds(600);
  absl::Duration poll_interval = absl::Seconds(5);
  solana::Commitment commitment = solana::Commitment::kConfirmed;
  std::function<void(absl::Duration)> sleep;  // default absl::SleepFor
  std::function<absl::Time()> now;            // default absl::Now
};

// OK once run_state reads Paused. DeadlineExceeded after the timeout, saying
// that the run is left with a pending pause and nothing else was sent;
// FailedPrecondition when the run is neither paused nor pausing (resumed by
// someone else, Finished). `report` receives progress lines.
absl::Status WaitForRunPaused(solana::RpcClient& rpc, const PauseWait& what,
                              const PauseWaitOptions& options,
                              const std::function<void(const std::string&)>& report);

}  // namespace reconciler

#endif  // RECONCILER_RUN_PAUSE_WAIT_H_
