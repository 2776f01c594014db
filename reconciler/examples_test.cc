// Every example directory shipped in examples/ must validate.
#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reconciler/validate.h"

namespace reconciler {
namespace {

TEST(ExamplesTest, EveryExampleValidates) {
  const std::filesystem::path examples = std::filesystem::path(PSYCHE_SOURCE_DIR) / "examples";
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(examples)) {
    if (!entry.is_directory()) continue;
    LoadedManifests m = ValidateManifests({entry.path().string()});
    for (const Diagnostic& d : m.diagnostics) {
      // Git does not keep file modes, so a fresh clone may warn about key permissions.
      EXPECT_EQ(d.severity, Severity::kWarning) << d.ToString();
    }
    EXPECT_EQ(m.state.clusters.size(), 1u) << entry.path();
    EXPECT_EQ(m.state.runs.size(), 1u) << entry.path();
    EXPECT_EQ(m.state.authorizations.size(), 1u) << entry.path();
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

TEST(ExamplesTest, PrivateRunHasThreeJoinersAndTreasurerRunIsFunded) {
  const std::string examples = std::string(PSYCHE_SOURCE_DIR) + "/examples/";
  LoadedManifests priv = ValidateManifests({examples + "private-run"});
  ASSERT_EQ(priv.state.authorizations.size(), 1u);
  EXPECT_EQ(priv.state.authorizations[0].grantees.size(), 3u);
  LoadedManifests treasurer = ValidateManifests({examples + "treasurer-run"});
  ASSERT_EQ(treasurer.state.runs.size(), 1u);
  const RunSpec& run = treasurer.state.runs[0];
  ASSERT_TRUE(run.treasurer && run.treasury_balance && run.epoch_rates);
  EXPECT_EQ(ResolveAmount(*run.treasury_balance, 6).value_or(0), 1000500000u);
  EXPECT_EQ(ResolveAmount(*run.epoch_rates->earning_rate_total_shared, 6).value_or(0), 10000000u);
}

}  // namespace
}  // namespace reconciler
