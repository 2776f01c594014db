#include "reconciler/plan_output.h"

#include <gtest/gtest.h>

#include "reconciler/plan_testing.h"
#include "reconciler/render_drift.h"
#include "reconciler/render_json.h"
#include "reconciler/render_markdown.h"

namespace reconciler {
namespace {

using testing::SamplePlan;

TEST(PlanOutputTest, ParsesTheThreeFormatsOnly) {
  EXPECT_EQ(ParseOutputFormat("text"), OutputFormat::kText);
  EXPECT_EQ(ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(ParseOutputFormat("markdown"), OutputFormat::kMarkdown);
  EXPECT_EQ(ParseOutputFormat("md"), std::nullopt);
  EXPECT_EQ(ParseOutputFormat("JSON"), std::nullopt);
}

TEST(PlanOutputTest, ColourOnlyOnATerminalWithoutOptOut) {
  EXPECT_TRUE(UseColor(true, false, nullptr));
  EXPECT_TRUE(UseColor(true, false, ""));
  EXPECT_FALSE(UseColor(false, false, nullptr));
  EXPECT_FALSE(UseColor(true, true, nullptr));
  EXPECT_FALSE(UseColor(true, false, "1"));
}

TEST(PlanOutputTest, DispatchesToTheRenderers) {
  Plan p = SamplePlan();
  EXPECT_EQ(RenderPlan(p, OutputFormat::kJson, true), RenderJson(p));
  EXPECT_EQ(RenderPlan(p, OutputFormat::kMarkdown, true), RenderMarkdown(p));
  EXPECT_EQ(RenderDrift(p, OutputFormat::kJson, false), RenderDriftJson(p));
  EXPECT_NE(RenderPlan(p, OutputFormat::kText, true).find('\x1b'), std::string::npos);
  EXPECT_EQ(RenderPlan(p, OutputFormat::kText, false).find('\x1b'), std::string::npos);
  // JSON and Markdown never carry colour codes, whatever is asked.
  EXPECT_EQ(RenderPlan(p, OutputFormat::kJson, true).find('\x1b'), std::string::npos);
  EXPECT_EQ(RenderPlan(p, OutputFormat::kMarkdown, true).find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace reconciler
