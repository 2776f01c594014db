// Golden-file tests of the plan renderers. Goldens live in
// reconciler/testdata/ and are compared byte for byte; to regenerate them after
// an intended change, run with PSYCHE_UPDATE_GOLDENS=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "reconciler/plan_testing.h"
#include "reconciler/render_drift.h"
#include "reconciler/render_json.h"
#include "reconciler/render_markdown.h"
#include "reconciler/render_text.h"

namespace reconciler {
namespace {

using testing::SamplePlan;

std::string GoldenPath(const std::string& name) {
  return std::string(PSYCHE_SOURCE_DIR) + "/reconciler/testdata/" + name;
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  const char* update = std::getenv("PSYCHE_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(GoldenPath(name), std::ios::binary) << actual;
  }
  std::ifstream in(GoldenPath(name), std::ios::binary);
  ASSERT_TRUE(in) << "missing golden " << GoldenPath(name);
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(actual, want.str()) << "golden " << name << " differs";
}

TEST(RenderGoldenTest, Text) { ExpectGolden("plan.txt", RenderText(SamplePlan(), {})); }
TEST(RenderGoldenTest, Json) { ExpectGolden("plan.json", RenderJson(SamplePlan())); }
TEST(RenderGoldenTest, Markdown) { ExpectGolden("plan.md", RenderMarkdown(SamplePlan())); }
TEST(RenderGoldenTest, Drift) { ExpectGolden("drift.json", RenderDriftJson(SamplePlan())); }

TEST(RenderGoldenTest, NoChanges) {
  Plan p;
  p.cluster = "devnet";
  p.changes.push_back(testing::Resource("run.steady", "run", Action::kNoOp));
  ExpectGolden("plan-no-changes.txt", RenderText(p, {}));
  ExpectGolden("plan-no-changes.md", RenderMarkdown(p));
  ExpectGolden("drift-none.json", RenderDriftJson(p));
  EXPECT_FALSE(HasDrift(p));
}

TEST(RenderTextTest, ColourOnlyWhenAsked) {
  std::string plain = RenderText(SamplePlan(), TextOptions{false});
  std::string color = RenderText(SamplePlan(), TextOptions{true});
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(color.find("\x1b[32m+\x1b[0m run.my-run"), std::string::npos);
  EXPECT_NE(color.find("\x1b[31m-\x1b[0m authorization.old-joiners"), std::string::npos);
}

TEST(RenderTextTest, SummaryLines) {
  EXPECT_EQ(SummaryLine(PlanSummary{2, 1, 0, 0, 0}), "Plan: 2 to add, 1 to change, 0 to destroy.");
  EXPECT_EQ(SummaryLine(PlanSummary{0, 0, 0, 3, 1}), "No changes. The chain matches the manifests.");
}

TEST(RenderTextTest, IgnoredFieldsAndNoOpResourcesAreNotShown) {
  std::string text = RenderText(SamplePlan(), {});
  EXPECT_EQ(text.find("step"), std::string::npos);
  EXPECT_EQ(text.find("run.steady"), std::string::npos);
}

TEST(RenderMarkdownTest, EscapesMarkupInValues) {
  EXPECT_EQ(EscapeMarkdown("a|b"), "a\\|b");
  EXPECT_EQ(EscapeMarkdown("<b>"), "&lt;b&gt;");
  EXPECT_EQ(EscapeMarkdown("@octocat `x`"), "\\@octocat \\`x\\`");
  EXPECT_EQ(EscapeMarkdown("l1\nl2"), "l1 l2");
  std::string md = RenderMarkdown(SamplePlan());
  EXPECT_EQ(md.find("<b>hi"), std::string::npos);
  EXPECT_EQ(md.find(" @octocat"), std::string::npos);
}

TEST(RenderSecretsTest, NoRendererShowsASecretLookingString) {
  Plan p = SamplePlan();
  std::string secret(128, 'e');
  p.changes[0].fields[0].after = Value::String(secret);
  EXPECT_EQ(RenderText(p, {}).find(secret), std::string::npos);
  EXPECT_EQ(RenderMarkdown(p).find(secret), std::string::npos);
  EXPECT_EQ(RenderJson(p).find(secret), std::string::npos);
  p.warnings.push_back(secret);
  p.changes[1].notes.push_back(secret);
  for (const std::string& out :
       {RenderText(p, {}), RenderJson(p), RenderMarkdown(p), RenderDriftJson(p)}) {
    EXPECT_EQ(out.find(secret), std::string::npos);
    EXPECT_NE(out.find("sensitive"), std::string::npos);
  }
}

TEST(RenderSecretsTest, SensitiveValuesAreNeverWritten) {
  Plan p = SamplePlan();
  p.changes[0].fields[5].before = Value::String("hunter2-old");
  p.changes[0].fields[5].after = Value::String("hunter2-new");
  for (const std::string& out :
       {RenderText(p, {}), RenderJson(p), RenderMarkdown(p), RenderDriftJson(p)}) {
    EXPECT_EQ(out.find("hunter2"), std::string::npos) << out;
  }
}

}  // namespace
}  // namespace reconciler
