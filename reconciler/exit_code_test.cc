#include "reconciler/exit_code.h"

#include <gtest/gtest.h>

namespace reconciler {
namespace {

TEST(ExitCodeTest, PlanAndDrift) {
  PlanSummary none{0, 0, 0, 1, 3};
  PlanSummary some{0, 1, 0, 0, 0};
  absl::Status ok = absl::OkStatus();
  absl::Status err = absl::UnavailableError("rpc down");
  EXPECT_EQ(PlanExitCode(ok, none, false), 0);
  EXPECT_EQ(PlanExitCode(ok, some, false), 0);
  EXPECT_EQ(PlanExitCode(ok, none, true), 0);
  EXPECT_EQ(PlanExitCode(ok, some, true), 2);
  EXPECT_EQ(PlanExitCode(err, some, true), 1);
  EXPECT_EQ(PlanExitCode(err, none, false), 1);
  EXPECT_EQ(DriftExitCode(ok, none), 0);
  EXPECT_EQ(DriftExitCode(ok, PlanSummary{0, 0, 1, 0, 0}), 2);
  EXPECT_EQ(DriftExitCode(err, none), 1);
}

}  // namespace
}  // namespace reconciler
