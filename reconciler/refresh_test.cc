#include "reconciler/refresh.h"

#include "gtest/gtest.h"
#include "reconciler/counting_transport.h"
#include "reconciler/planner_fixtures_for_test.h"

namespace reconciler {
namespace {

using testing::InSync;
using testing::Key;
using testing::OneRun;
using testing::Seed;

struct Harness {
  std::shared_ptr<FakeChain> chain = std::make_shared<FakeChain>();
  std::shared_ptr<CountingTransport> counting = std::make_shared<CountingTransport>(chain);
  solana::RpcClient rpc{"http://fake", counting};
};

TEST(RefreshTest, ReadsBackWhatWasSeeded) {
  for (bool treasurer : {false, true}) {
    DesiredResources d = OneRun(treasurer, 3);
    ObservedState want = InSync(d);
    Harness h;
    Seed(d, want, h.chain.get());
    auto got = Refresh(d, h.rpc, solana::Commitment::kConfirmed);
    ASSERT_TRUE(got.ok()) << got.status();
    ASSERT_EQ(got->runs.size(), 1u);
    EXPECT_EQ(got->runs[0].instance, want.runs[0].instance);
    ASSERT_TRUE(got->runs[0].coordinator.has_value());
    EXPECT_EQ(got->runs[0].coordinator->config, want.runs[0].coordinator->config);
    EXPECT_EQ(got->runs[0].coordinator->model, want.runs[0].coordinator->model);
    EXPECT_EQ(got->authorizations.size(), 3u);
    EXPECT_EQ(got->slot, 1000u);
    if (treasurer) {
      ASSERT_TRUE(got->runs[0].vault.has_value());
      EXPECT_EQ(got->runs[0].vault->amount, want.runs[0].vault->amount);
      EXPECT_EQ(got->mints.at(Key(7)).decimals, 6);
    }
    // First pass (1 POST), coordinator accounts (1), one getProgramAccounts per grantor (1).
    EXPECT_EQ(h.counting->posts(), 3u);
    // A precondition per account read by address, present or absent.
    const size_t first_pass = treasurer ? 1 + 3 + 3 : 1 + 3;
    EXPECT_EQ(got->preconditions.size(), first_pass + 1);
  }
}

TEST(RefreshTest, EmptyChainNeedsNoSecondPass) {
  DesiredResources d = OneRun(false, 2);
  Harness h;
  auto got = Refresh(d, h.rpc, solana::Commitment::kConfirmed);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_FALSE(got->runs[0].instance.has_value());
  EXPECT_TRUE(got->authorizations.empty());
  EXPECT_EQ(h.counting->posts(), 2u);  // getMultipleAccounts + getProgramAccounts
  for (const Precondition& p : got->preconditions) EXPECT_FALSE(p.exists);
}

TEST(RefreshTest, WrongOwnerIsAnError) {
  DesiredResources d = OneRun(false, 1);
  ObservedState want = InSync(d);
  Harness h;
  Seed(d, want, h.chain.get());
  // The instance address answered by an account of another program.
  h.chain->Set(d.runs[0].instance,
               FakeAccount(Key(0x66), psyche::EncodeCoordinatorInstance(*want.runs[0].instance)));
  auto got = Refresh(d, h.rpc, solana::Commitment::kConfirmed);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("run.my-run: CoordinatorInstance"), std::string::npos)
      << got.status();
}

TEST(RefreshTest, WrongOwnerAuthorizationIsAnError) {
  DesiredResources d = OneRun(false, 1);
  ObservedState want = InSync(d);
  Harness h;
  Seed(d, want, h.chain.get());
  const auto& [pda, auth] = *want.authorizations.begin();
  h.chain->Set(pda, FakeAccount(Key(0x66), AuthorizationImage(auth)));
  auto got = Refresh(d, h.rpc, solana::Commitment::kConfirmed);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("Authorization"), std::string::npos) << got.status();
}

TEST(RefreshTest, MissingCoordinatorAccountIsAnError) {
  DesiredResources d = OneRun(false, 1);
  ObservedState want = InSync(d);
  Harness h;
  Seed(d, want, h.chain.get());
  h.chain->Erase(want.runs[0].instance->coordinator_account);
  auto got = Refresh(d, h.rpc, solana::Commitment::kConfirmed);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kDataLoss) << got.status();
}

TEST(RefreshTest, FindsAuthorizationsOnlyOnChain) {
  DesiredResources d = OneRun(false, 1);
  ObservedState want = InSync(d);
  psyche::Authorization extra;
  extra.grantor = Key(1);
  extra.grantee = Key(0x55);
  extra.scope.assign(d.authorizations[0].scope.begin(), d.authorizations[0].scope.end());
  want.authorizations[Key(0x56)] = extra;
  psyche::Authorization other_grantor = extra;
  other_grantor.grantor = Key(0x44);
  want.authorizations[Key(0x57)] = other_grantor;
  Harness h;
  Seed(d, want, h.chain.get());
  auto got = Refresh(d, h.rpc, solana::Commitment::kConfirmed);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->authorizations.size(), 2u);
  EXPECT_TRUE(got->authorizations.count(Key(0x56)));
  EXPECT_FALSE(got->authorizations.count(Key(0x57)));  // another grantor's: not asked for
}

// ceil(N/100) getMultipleAccounts requests + a few per run, whatever N.
TEST(RefreshTest, RpcRequestsScaleWithBatchesOf100) {
  for (size_t n : {1u, 100u, 101u, 1000u}) {
    DesiredResources d = OneRun(false, n);
    ObservedState want = InSync(d);
    Harness h;
    Seed(d, want, h.chain.get());
    auto got = Refresh(d, h.rpc, solana::Commitment::kConfirmed);
    ASSERT_TRUE(got.ok()) << got.status();
    const uint64_t addresses = n + 1;  // authorizations + the instance
    const uint64_t expected = (addresses + 99) / 100 + 1 + 1;
    EXPECT_EQ(h.counting->requests(), expected) << n;
    EXPECT_LE(h.counting->requests(), (n + 99) / 100 + 5) << n;
    EXPECT_EQ(got->authorizations.size(), n);
  }
}

}  // namespace
}  // namespace reconciler
