// Integration: plan the example manifests against a seeded in-process chain,
// render text/JSON/Markdown/drift, and compare with golden files
// (PSYCHE_UPDATE_GOLDEN=1 rewrites them).
#include "reconciler/make_plan.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "reconciler/exit_code.h"
#include "reconciler/planfile.h"
#include "reconciler/planner_fixtures_for_test.h"
#include "reconciler/render_drift.h"
#include "reconciler/render_json.h"
#include "reconciler/render_markdown.h"
#include "reconciler/render_text.h"

namespace reconciler {
namespace {

const std::string kExample = std::string(PSYCHE_SOURCE_DIR) + "/examples/public-run";

void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(PSYCHE_SOURCE_DIR) + "/reconciler/testdata/planner/" + name;
  if (std::getenv("PSYCHE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden " << path;
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(actual, want.str()) << "golden " << name << " differs";
}

// The example's desired resources, as the planner derives them.
DesiredResources ExampleDesired() {
  LoadedManifests m = ValidateManifests({kExample});
  auto d = BuildDesiredResources(m.state);
  EXPECT_TRUE(d.ok()) << d.status();
  return *d;
}

MakePlanOptions OnChain(std::shared_ptr<FakeChain> chain) {
  MakePlanOptions o;
  o.transport =
      [chain](const std::string& url) -> absl::StatusOr<std::shared_ptr<solana::HttpTransport>> {
    EXPECT_EQ(url, "local");
    return chain;
  };
  return o;
}

// Renders with the manifests hash zeroed: it covers absolute paths.
Plan Portable(Plan p) {
  EXPECT_FALSE(p.manifests_hash.IsZero());
  p.manifests_hash = solana::Hash();
  return p;
}

TEST(MakePlanTest, EmptyChainCreatesEverything) {
  auto chain = std::make_shared<FakeChain>();
  auto r = MakePlan({kExample}, OnChain(chain));
  ASSERT_TRUE(r.ok()) << r.status();
  Plan p = Portable(r->build.plan);
  EXPECT_EQ(p.Summary().add, 2);  // the run and the permissionless authorization
  EXPECT_EQ(PlanExitCode(absl::OkStatus(), p.Summary(), true), kExitChanges);
  EXPECT_EQ(PlanExitCode(absl::OkStatus(), p.Summary(), false), kExitOk);
  EXPECT_EQ(r->rpc_posts, 2u);  // getMultipleAccounts + getProgramAccounts; no second pass
  EXPECT_TRUE(ValidatePlan(r->build.plan).ok()) << ValidatePlan(r->build.plan);
  // A saved plan reads back identical (preconditions included).
  auto parsed = ParsePlanJson(RenderJson(r->build.plan));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, r->build.plan);
  EXPECT_EQ(r->build.plan.preconditions.size(), 2u);  // instance + authorization, both absent
  ExpectGolden("create.txt", RenderText(p, {}));
  ExpectGolden("create.json", RenderJson(p));
  ExpectGolden("create.md", RenderMarkdown(p));
}

TEST(MakePlanTest, InSyncHasNoChanges) {
  auto chain = std::make_shared<FakeChain>();
  DesiredResources d = ExampleDesired();
  testing::Seed(d, testing::InSync(d), chain.get());
  auto r = MakePlan({kExample}, OnChain(chain));
  ASSERT_TRUE(r.ok()) << r.status();
  Plan p = Portable(r->build.plan);
  EXPECT_FALSE(p.Summary().has_changes());
  EXPECT_EQ(PlanExitCode(absl::OkStatus(), p.Summary(), true), kExitOk);
  EXPECT_EQ(DriftExitCode(absl::OkStatus(), p.Summary()), kExitOk);
  EXPECT_EQ(r->rpc_posts, 3u);
  ExpectGolden("in_sync.txt", RenderText(p, {}));
  ExpectGolden("in_sync_drift.json", RenderDriftJson(p));
}

TEST(MakePlanTest, DriftIsReportedFieldByField) {
  auto chain = std::make_shared<FakeChain>();
  DesiredResources d = ExampleDesired();
  ObservedState o = testing::InSync(d);
  o.runs[0].coordinator->config.min_clients += 2;
  o.runs[0].coordinator->metadata.description = "edited by hand";
  o.runs[0].coordinator->progress.step = 4242;  // the run's own progress: not drift
  o.authorizations.begin()->second.active = false;
  testing::Seed(d, o, chain.get());
  auto r = MakePlan({kExample}, OnChain(chain));
  ASSERT_TRUE(r.ok()) << r.status();
  Plan p = Portable(r->build.plan);
  EXPECT_EQ(p.Summary().change, 2);
  EXPECT_EQ(DriftExitCode(absl::OkStatus(), p.Summary()), kExitChanges);
  const std::string drift = RenderDriftJson(p);
  EXPECT_EQ(drift.find("progress.step"), std::string::npos);
  ExpectGolden("drift.json", drift);
  ExpectGolden("drift.txt", RenderText(p, {}));
  ExpectGolden("drift.md", RenderMarkdown(p));
}

TEST(MakePlanTest, WrongOwnerIsAnErrorExit1) {
  auto chain = std::make_shared<FakeChain>();
  DesiredResources d = ExampleDesired();
  ObservedState o = testing::InSync(d);
  testing::Seed(d, o, chain.get());
  chain->Set(o.runs[0].instance->coordinator_account,
             FakeAccount(testing::Key(0x66), solana::Bytes(psyche::kCoordinatorAccountSize, 0)));
  auto r = MakePlan({kExample}, OnChain(chain));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("coordinator account"), std::string::npos) << r.status();
  EXPECT_EQ(PlanExitCode(r.status(), {}, true), kExitError);
  EXPECT_EQ(DriftExitCode(r.status(), {}), kExitError);
}

TEST(MakePlanTest, LocalWithoutLocalnetIsAClearError) {
  auto r = MakePlan({kExample});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_NE(r.status().message().find("localnet"), std::string::npos);
}

TEST(MakePlanTest, InvalidManifestsAreAnError) {
  auto r = MakePlan({kExample + "/does-not-exist"});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace reconciler
