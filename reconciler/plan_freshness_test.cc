#include "reconciler/plan_freshness.h"

#include <gtest/gtest.h>

#include "reconciler/plan_testing.h"
#include "reconciler/render_json.h"

namespace reconciler {
namespace {

using testing::TestKey;

const solana::Bytes kData = {1, 2, 3, 4};

Plan FreshPlan() {
  Plan p;
  p.cluster = "localnet";
  p.manifests_hash = HashManifestFiles({{"run.yaml", "name: my-run\n"}});
  p.preconditions = {AccountRead(TestKey(1), 100, 5000, TestKey(2), kData),
                     AccountAbsent(TestKey(3), 100)};
  return p;
}

std::vector<Precondition> Unchanged(uint64_t slot) {
  return {AccountAbsent(TestKey(3), slot),
          AccountRead(TestKey(1), slot, 5000, TestKey(2), kData)};
}

TEST(HashManifestFilesTest, OrderIndependentAndFramed) {
  solana::Hash a = HashManifestFiles({{"a.yaml", "x"}, {"b.yaml", "y"}});
  EXPECT_EQ(a, HashManifestFiles({{"b.yaml", "y"}, {"a.yaml", "x"}}));
  EXPECT_NE(a, HashManifestFiles({{"a.yaml", "xy"}}));
  EXPECT_NE(HashManifestFiles({{"ab", "c"}}), HashManifestFiles({{"a", "bc"}}));
  // Known answer: sha256 of u64(1) "a" u64(1) "b".
  EXPECT_EQ(HashHex(HashManifestFiles({{"a", "b"}})),
            HashHex(solana::Sha256({solana::ByteView(
                std::vector<uint8_t>{1, 0, 0, 0, 0, 0, 0, 0, 'a', 1, 0, 0, 0, 0, 0, 0, 0, 'b'})})));
}

TEST(CheckPlanFreshTest, UnchangedStateLaterSlotIsFresh) {
  Plan p = FreshPlan();
  EXPECT_TRUE(CheckPlanFresh(p, p.manifests_hash, Unchanged(100)).ok());
  EXPECT_TRUE(CheckPlanFresh(p, p.manifests_hash, Unchanged(250)).ok());
}

TEST(CheckPlanFreshTest, ChangedManifestsAreStale) {
  Plan p = FreshPlan();
  absl::Status s =
      CheckPlanFresh(p, HashManifestFiles({{"run.yaml", "name: other\n"}}), Unchanged(100));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("manifests"), std::string::npos);
}

TEST(CheckPlanFreshTest, EveryAccountChangeIsStale) {
  Plan p = FreshPlan();
  auto check = [&](std::vector<Precondition> now) {
    return CheckPlanFresh(p, p.manifests_hash, now).code();
  };
  constexpr auto kStale = absl::StatusCode::kFailedPrecondition;
  std::vector<Precondition> now = Unchanged(101);
  now[1].lamports = 4999;
  EXPECT_EQ(check(now), kStale);
  now = Unchanged(101);
  now[1].owner = TestKey(9);
  EXPECT_EQ(check(now), kStale);
  now = Unchanged(101);
  now[1] = AccountRead(TestKey(1), 101, 5000, TestKey(2), solana::Bytes{1, 2, 3, 5});
  EXPECT_EQ(check(now), kStale);
  now = Unchanged(101);
  now[1] = AccountAbsent(TestKey(1), 101);
  EXPECT_EQ(check(now), kStale);
  now = Unchanged(101);
  now[0] = AccountRead(TestKey(3), 101, 890880, TestKey(2), {});
  EXPECT_EQ(check(now), kStale);
  now = Unchanged(99);  // an RPC node behind the plan's read
  EXPECT_EQ(check(now), kStale);
  now = Unchanged(101);
  now.pop_back();  // TestKey(1) not re-read
  EXPECT_EQ(check(now), kStale);
}

}  // namespace
}  // namespace reconciler
