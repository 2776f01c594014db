// The Cluster policy on the treasurer example against an in-process localnet:
// each rule refuses plan and apply with the rule named and nothing sent; a
// policy the plan satisfies lets apply through.
#include "reconciler/policy.h"

#include "absl/strings/match.h"
#include "reconciler/prune_test_util.h"

namespace reconciler {
namespace {

constexpr char kMint[] = "3u8bz2tzsofpxkWtGzCmZS9jbxioUYwTZKVyjbgwddk6";  // the example's
constexpr uint64_t kTopUp = 1'000'500'000;  // "1000.5 USDC" with 6 decimals

class PolicyTest : public testing::LocalnetManifests {
 protected:
  void SetUp() override {
    StartFrom("treasurer-run");
    cluster_ = testing::ReadText(File("cluster.yaml"));
  }

  void SetPolicy(const std::string& rules) {
    testing::WriteText(File("cluster.yaml"), cluster_ + "  policy:\n" + rules);
  }

  void ExpectRefused(const std::string& want) {
    const solana::Hash before = ChainDigest();
    auto p = MakePlanFor();
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_TRUE(absl::StrContains(p.status().message(), want)) << p.status();
    EXPECT_TRUE(absl::StrContains(p.status().message(), "nothing was sent")) << p.status();
    auto a = Apply();
    ASSERT_FALSE(a.ok());
    EXPECT_TRUE(absl::StrContains(a.status().message(), want)) << a.status();
    EXPECT_EQ(send_posts(), 0);
    EXPECT_EQ(ChainDigest(), before);
  }

  std::string cluster_;
};

TEST_F(PolicyTest, MaxTopUpPerRun) {
  SetPolicy("    maxTopUp: 1000000\n");
  ExpectRefused(absl::StrCat("policy.maxTopUp: treasury.rewarded-demo top-up ", kTopUp,
                             " exceeds 1000000"));
}

TEST_F(PolicyTest, MaxTopUpTotal) {
  SetPolicy("    maxTopUpTotal: 5\n");
  ExpectRefused(absl::StrCat("policy.maxTopUpTotal: the top-ups of this apply add up to ", kTopUp,
                             ", which exceeds 5"));
}

TEST_F(PolicyTest, AllowedCollateralMints) {
  SetPolicy("    allowedCollateralMints:\n      - " + Key("payer").ToBase58() + "\n");
  ExpectRefused(absl::StrCat("policy.allowedCollateralMints: run.rewarded-demo uses collateral mint ",
                             kMint, ", which is not allowed"));
}

TEST_F(PolicyTest, NoUnpause) {
  SetPolicy("    noUnpause:\n      - rewarded-demo\n");
  ExpectRefused("policy.noUnpause: run.rewarded-demo (run id rewarded-demo) would be unpaused");
}

TEST_F(PolicyTest, AllowedGrantors) {
  SetPolicy("    allowedGrantors:\n      - " + Key("payer").ToBase58() + "\n");
  ExpectRefused(absl::StrCat("policy.allowedGrantors: authorization.rewarded-demo-joiners grantor ",
                             Key("owner").ToBase58(), " is not an allowed grantor"));
}

TEST_F(PolicyTest, EveryViolationIsListed) {
  SetPolicy("    maxTopUp: 1\n    noUnpause:\n      - rewarded-demo\n");
  auto p = MakePlanFor();
  ASSERT_FALSE(p.ok());
  EXPECT_TRUE(absl::StrContains(p.status().message(), "policy.maxTopUp:"));
  EXPECT_TRUE(absl::StrContains(p.status().message(), "policy.noUnpause:"));
}

TEST_F(PolicyTest, ASatisfiedPolicyApplies) {
  SetPolicy(absl::StrCat("    maxTopUp: ", kTopUp, "\n    maxTopUpTotal: ", kTopUp,
                         "\n    allowedCollateralMints:\n      - ", kMint,
                         "\n    noUnpause:\n      - another-run\n    allowedGrantors:\n      - ",
                         Key("owner").ToBase58(), "\n"));
  auto s = Apply();
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_GT(s->applied, 0);
  // The limit is per apply: once funded, no top-up is planned, so a lower
  // limit no longer refuses.
  SetPolicy("    maxTopUp: 1\n");
  auto p = MakePlanFor();
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_FALSE(p->build.plan.Summary().has_changes());
}

}  // namespace
}  // namespace reconciler

namespace reconciler {
namespace {

// Rules on a hand-made plan: what counts and what does not.
TEST(PolicyViolationsTest, NoUnpauseMatchesTheManifestNameToo) {
  DesiredResources d;
  DesiredRun run;
  run.address = "run.friendly";
  run.name = "friendly";
  run.run_id = "id-42";
  d.runs.push_back(run);
  Plan p;
  Operation resume;
  resume.id = "run.friendly:resume";
  resume.address = "run.friendly";
  p.operations.push_back(resume);
  ClusterPolicy by_name;
  by_name.no_unpause = {"friendly"};
  EXPECT_EQ(PolicyViolations(by_name, d, p).size(), 1u);
  ClusterPolicy by_id;
  by_id.no_unpause = {"id-42"};
  EXPECT_EQ(PolicyViolations(by_id, d, p).size(), 1u);
  ClusterPolicy other;
  other.no_unpause = {"id-43"};
  EXPECT_TRUE(PolicyViolations(other, d, p).empty());
  p.operations[0].id = "run.friendly:pause";  // pausing is always allowed
  EXPECT_TRUE(PolicyViolations(by_name, d, p).empty());
}

TEST(PolicyViolationsTest, OnlyPlannedTopUpsCount) {
  Plan p;
  ResourceChange c;
  c.address = "treasury.r";
  c.top_up = TreasuryTopUp{solana::Pubkey(), 500, 100};  // 400 to add
  p.changes.push_back(c);
  ClusterPolicy policy;
  policy.max_top_up = 399;
  EXPECT_TRUE(PolicyViolations(policy, {}, p).empty());  // no transfer planned (mint missing)
  Operation op;
  op.id = "treasury.r:top-up";
  p.operations.push_back(op);
  auto v = PolicyViolations(policy, {}, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0], "policy.maxTopUp: treasury.r top-up 400 exceeds 399");
  policy.max_top_up = 400;  // at the limit is allowed
  EXPECT_TRUE(PolicyViolations(policy, {}, p).empty());
  EXPECT_TRUE(CheckPolicy(policy, {}, p).ok());
}

}  // namespace
}  // namespace reconciler
