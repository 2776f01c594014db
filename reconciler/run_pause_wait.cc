#include "reconciler/run_pause_wait.h"

#include "absl/strings/str_cat.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/solana/coding.h"

namespace reconciler {
namespace {

std::string StateName(const psyche::CoordinatorState& st) {
  return std::string(psyche::kRunStateNames[static_cast<size_t>(st.run_state)]);
}

absl::StatusOr<psyche::CoordinatorState> ReadState(solana::RpcClient& rpc, const PauseWait& what,
                                                   solana::Commitment commitment) {
  ASSIGN_OR_RETURN(auto info, rpc.GetMultipleAccounts({what.coordinator_account}, commitment));
  if (info.value.size() != 1 || !info.value[0].has_value()) {
    return absl::NotFoundError(absl::StrCat(what.run_address, ": coordinator account ",
                                            what.coordinator_account.ToBase58(), " not found"));
  }
  return psyche::DecodeCoordinatorAccount(info.value[0]->data, info.value[0]->owner,
                                          what.coordinator_program);
}

}  // namespace

absl::Status WaitForRunPaused(solana::RpcClient& rpc, const PauseWait& what,
                              const PauseWaitOptions& options,
                              const std::function<void(const std::string&)>& report) {
  auto sleep = options.sleep ? options.sleep : [](absl::Duration d) { absl::SleepFor(d); };
  auto now = options.now ? options.now : [] { return absl::Now(); };
  const absl::Time start = now();
  while (true) {
    ASSIGN_OR_RETURN(psyche::CoordinatorState st, ReadState(rpc, what, options.commitment));
    if (st.run_state == psyche::RunState::kPaused) return absl::OkStatus();
    if (!st.pending_pause) {
      return absl::FailedPreconditionError(absl::StrCat(
          what.run_address, ": waiting for a deferred pause, but run_state is ", StateName(st),
          " and no pause is pending (resumed or finished by someone else?); the update was not "
          "sent"));
    }
    const absl::Duration waited = now() - start;
    if (waited >= options.timeout) {
      return absl::DeadlineExceededError(absl::StrCat(
          what.run_address, ": the deferred pause did not complete within ",
          absl::FormatDuration(options.timeout), " (run_state ", StateName(st),
          ", pause pending). The run is LEFT WITH A PENDING PAUSE: it pauses at the end of its "
          "epoch when clients tick it, and stays paused. The update and resume were not sent; "
          "re-run apply to send them once it is paused (or raise --pause-timeout)"));
    }
    if (report) {
      report(absl::StrCat("waiting for ", what.run_address, " to pause: run_state ", StateName(st),
                          ", pause pending, ", absl::FormatDuration(waited), " of ",
                          absl::FormatDuration(options.timeout)));
    }
    sleep(options.poll_interval);
  }
}

}  // namespace reconciler
