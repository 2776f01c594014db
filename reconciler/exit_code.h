// Exit codes shared by `plan --detailed-exitcode` and `drift`, for cron jobs
// and CI: 0 nothing to change, 2 changes or drift, 1 error.
#ifndef RECONCILER_EXIT_CODE_H_
#define RECONCILER_EXIT_CODE_H_

#include "absl/status/status.h"
#include "reconciler/plan.h"

namespace reconciler {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitChanges = 2;

// 1 if status is an error; else 2 when detailed and the plan changes the
// chain; else 0 (a plain `plan` succeeds with changes).
int PlanExitCode(const absl::Status& status, const PlanSummary& summary, bool detailed);

// drift always reports in detail: 1 error, 2 drift, 0 in sync.
int DriftExitCode(const absl::Status& status, const PlanSummary& summary);

}  // namespace reconciler

#endif  // RECONCILER_EXIT_CODE_H_
