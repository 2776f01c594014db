// Refresh finds runs administered by a managed authority that no Run
// manifest names (one getProgramAccounts per authority, then one read of
// their coordinator accounts), and nothing more when none is managed.
#include "gtest/gtest.h"
#include "reconciler/counting_transport.h"
#include "reconciler/diff.h"
#include "reconciler/planner_fixtures_for_test.h"
#include "reconciler/refresh.h"

namespace reconciler {
namespace {

struct Harness {
  std::shared_ptr<FakeChain> chain = std::make_shared<FakeChain>();
  std::shared_ptr<CountingTransport> counting = std::make_shared<CountingTransport>(chain);
  solana::RpcClient rpc{"http://fake", counting};
};

// The chain holds the run of OneRun(false); the manifests no longer name it.
struct RemovedRun {
  DesiredResources with_run = testing::OneRun(false);
  DesiredResources without_run;
  Harness h;

  RemovedRun() {
    testing::Seed(with_run, testing::InSync(with_run), h.chain.get());
    without_run = with_run;
    without_run.runs.clear();
  }
};

TEST(RefreshUnmanagedTest, FindsTheRunOfAManagedAuthority) {
  RemovedRun r;
  r.without_run.managed_authorities = {r.with_run.runs[0].authority};
  auto got = Refresh(r.without_run, r.h.rpc, solana::Commitment::kConfirmed);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->unmanaged_runs.size(), 1u);
  const UnmanagedRun& u = got->unmanaged_runs[0];
  EXPECT_EQ(u.instance_address, r.with_run.runs[0].instance);
  EXPECT_EQ(u.instance.run_id, r.with_run.runs[0].run_id);
  EXPECT_EQ(u.coordinator.config, testing::InSync(r.with_run).runs[0].coordinator->config);
  // 1 getMultipleAccounts, 1 getProgramAccounts for the grantor (who is also
  // the managed authority: one scan), then for runs 1 getProgramAccounts + 1 read.
  EXPECT_EQ(r.h.counting->posts(), 4u);

  auto diff = Diff(r.without_run, *got);
  ASSERT_TRUE(diff.ok()) << diff.status();
  bool found = false;
  for (const ResourceChange& c : diff->changes) {
    if (c.address != UnmanagedRunAddress(r.with_run.runs[0].run_id)) continue;
    found = true;
    EXPECT_EQ(c.action, Action::kRead);
    ASSERT_EQ(c.notes.size(), 1u);
    EXPECT_NE(c.notes[0].find("not managed"), std::string::npos);
  }
  EXPECT_TRUE(found);
}

TEST(RefreshUnmanagedTest, RunsOfOtherKeysAndNamedRunsAreNotUnmanaged) {
  RemovedRun r;
  r.without_run.managed_authorities = {testing::Key(0x71)};
  auto other = Refresh(r.without_run, r.h.rpc, solana::Commitment::kConfirmed);
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_TRUE(other->unmanaged_runs.empty());

  r.with_run.managed_authorities = {r.with_run.runs[0].authority};
  auto named = Refresh(r.with_run, r.h.rpc, solana::Commitment::kConfirmed);
  ASSERT_TRUE(named.ok()) << named.status();
  EXPECT_TRUE(named->unmanaged_runs.empty());
}

TEST(RefreshUnmanagedTest, NoManagedAuthoritiesNoExtraReads) {
  RemovedRun r;
  auto got = Refresh(r.without_run, r.h.rpc, solana::Commitment::kConfirmed);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->unmanaged_runs.empty());
  EXPECT_EQ(r.h.counting->posts(), 2u);  // getMultipleAccounts + the grantor's getProgramAccounts
}

}  // namespace
}  // namespace reconciler
