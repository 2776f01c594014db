// ImportRun against an in-process fake chain: what it reads, how it fails
// closed, and the round trip (import, then MakePlan of the written directory
// against the same chain finds no changes).
#include "reconciler/importer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "providers/solana/keypair.h"
#include "reconciler/fake_chain.h"
#include "reconciler/live_run.h"
#include "reconciler/make_plan.h"
#include "reconciler/planner_fixtures_for_test.h"

namespace reconciler {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::Key;

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("importer_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "keys");
    ASSERT_TRUE(solana::Keypair::Generate().WriteFile((dir_ / "keys/payer.json").string()).ok());
    fs::permissions(dir_ / "keys/payer.json", fs::perms::owner_read | fs::perms::owner_write);
    std::ofstream(dir_ / "cluster.yaml") << "apiVersion: psyche-reconcile/v1\nkind: Cluster\n"
                                            "metadata: {name: fake}\n"
                                            "spec: {rpcUrl: local, payer: file:keys/payer.json}\n";
    chain_ = std::make_shared<FakeChain>();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Seeds the chain as `desired` wants it.
  void SeedInSync(const DesiredResources& desired) {
    testing::Seed(desired, testing::InSync(desired), chain_.get());
  }

  TransportFactory Transport() {
    auto chain = chain_;
    return [chain](const std::string&) -> absl::StatusOr<std::shared_ptr<solana::HttpTransport>> {
      return std::shared_ptr<solana::HttpTransport>(chain);
    };
  }

  ImportOptions Options(const std::string& out = "out") {
    ImportOptions o;
    o.cluster_file = (dir_ / "cluster.yaml").string();
    o.run_id = "my-run";
    o.out_dir = (dir_ / out).string();
    o.transport = Transport();
    return o;
  }

  absl::StatusOr<MakePlanResult> PlanOut(const std::string& out = "out") {
    MakePlanOptions options;
    options.transport = Transport();
    return MakePlan({(dir_ / out).string()}, options);
  }

  fs::path dir_;
  std::shared_ptr<FakeChain> chain_;
};

TEST_F(ImporterTest, TreasurerRunRoundTripsToNoChanges) {
  const DesiredResources desired = testing::OneRun(/*treasurer=*/true, /*grantees=*/3);
  SeedInSync(desired);
  auto result = ImportRun(Options());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->written.size(), 4u);  // cluster, run, config, authorization

  auto plan = PlanOut();
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_FALSE(plan->build.plan.Summary().has_changes());
  EXPECT_EQ(plan->build.plan.Summary().no_op, 5);  // run, treasury, 3 authorizations
}

TEST_F(ImporterTest, WalletRunRoundTripsToNoChanges) {
  const DesiredResources desired = testing::OneRun(/*treasurer=*/false, /*grantees=*/2);
  SeedInSync(desired);
  ASSERT_TRUE(ImportRun(Options()).ok());
  auto plan = PlanOut();
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_FALSE(plan->build.plan.Summary().has_changes());
}

TEST_F(ImporterTest, ReadsTheTreasurerSide) {
  const DesiredResources desired = testing::OneRun(/*treasurer=*/true);
  SeedInSync(desired);
  solana::RpcClient rpc("http://fake", chain_);
  auto live = ReadLiveRun(rpc, solana::Commitment::kConfirmed, desired.programs, "my-run", {});
  ASSERT_TRUE(live.ok()) << live.status();
  ASSERT_TRUE(live->treasurer_run.has_value());
  EXPECT_EQ(live->Authority(), Key(1));  // the treasurer Run's main authority, not its PDA
  EXPECT_EQ(live->vault->amount, 1'000'500'000u);
  EXPECT_EQ(live->collateral_mint->decimals, 6);
  EXPECT_EQ(live->grantor, Key(1));  // the join authority by default
  EXPECT_EQ(live->authorizations.size(), 1u);

  auto other =
      ReadLiveRun(rpc, solana::Commitment::kConfirmed, desired.programs, "my-run", Key(0x55));
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->authorizations.empty());  // --grantor with nothing granted
}

TEST_F(ImporterTest, MissingRunIsNotFoundAndWritesNothing) {
  auto result = ImportRun(Options());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(result.status().message(), HasSubstr("does not exist"));
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(ImporterTest, InstanceOfAnotherProgramIsRefused) {
  const DesiredResources desired = testing::OneRun(/*treasurer=*/false);
  SeedInSync(desired);
  chain_->Set(desired.runs[0].instance,
              FakeAccount(Key(0x44), psyche::EncodeCoordinatorInstance(
                                         *testing::InSync(desired).runs[0].instance)));
  auto result = ImportRun(Options());
  EXPECT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("coordinator instance"));
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(ImporterTest, NonEmptyOutIsRefusedUnlessForced) {
  const DesiredResources desired = testing::OneRun(/*treasurer=*/false);
  SeedInSync(desired);
  fs::create_directories(dir_ / "busy");
  std::ofstream(dir_ / "busy/keep.txt") << "mine";
  auto refused = ImportRun(Options("busy"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(fs::exists(dir_ / "busy/run.yaml"));

  ImportOptions forced = Options("busy");
  forced.force = true;
  ASSERT_TRUE(ImportRun(forced).ok());
  EXPECT_TRUE(fs::exists(dir_ / "busy/run.yaml"));
  EXPECT_TRUE(fs::exists(dir_ / "busy/keep.txt"));  // other files are left alone
}

}  // namespace
}  // namespace reconciler
