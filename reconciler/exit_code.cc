#include "reconciler/exit_code.h"

namespace reconciler {

int PlanExitCode(const absl::Status& status, const PlanSummary& summary, bool detailed) {
  if (!status.ok()) return kExitError;
  if (detailed && summary.has_changes()) return kExitChanges;
  return kExitOk;
}

int DriftExitCode(const absl::Status& status, const PlanSummary& summary) {
  return PlanExitCode(status, summary, /*detailed=*/true);
}

}  // namespace reconciler
