#include "reconciler/plan_file_make.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "localnet/local_validator.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"
#include "reconciler/localnet_transport_test_util.h"

namespace reconciler {
namespace {

namespace sp = solana::system_program;

class PlanFileMakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::ManualLocalnet net = testing::StartManualLocalnet();  // ticks drive the clock
    validator_ = std::move(net.validator);
    transport_ = std::move(net.transport);
    rpc_ = std::move(net.rpc);
    ClusterSpec cluster;
    cluster.rpc_url = "http://localnet";
    cluster.payer.source = KeyRef::Source::kPubkey;
    cluster.payer.pubkey = payer_;
    manifests_.clusters.push_back(cluster);
    for (int i = 0; i < 2; ++i) {
      Operation op;
      op.id = absl::StrCat("op", i);
      op.address = "test";
      op.description = "pay";
      op.instruction_count = 1;
      op.signers = {payer_};
      build_.plan.operations.push_back(op);
      OperationInstructions oi;
      oi.instructions = {sp::Transfer(payer_, solana::Keypair::Generate().pubkey(), 1)};
      build_.instructions.push_back(oi);
      build_.plan.transactions.push_back(TransactionPlan{{op.id}, 200, 5000});
    }
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    options_.state_dir = absl::StrCat(::testing::TempDir(), "/pfm_", info->name(), "_", getpid());
    options_.nonce_authority = KeyRef{};
    options_.nonce_authority->pubkey = authority_;
    for (int i = 0; i < 2; ++i) {
      solana::Pubkey nonce = solana::Keypair::Generate().pubkey();
      SetNonce(nonce, authority_);
      options_.nonce_accounts.push_back(nonce);
    }
  }
  void TearDown() override { std::filesystem::remove_all(options_.state_dir); }

  void SetNonce(const solana::Pubkey& key, const solana::Pubkey& authority) {
    localnet::Account a;
    a.lamports = 1'447'680;
    a.owner = solana::program_ids::System();
    sp::NonceAccount n;
    n.authority = authority;
    n.durable_nonce = solana::Sha256({key.view()});
    a.data = sp::SerializeNonceAccount(n);
    ASSERT_TRUE(validator_->ledger().SetAccount(key, a).ok());
  }

  std::unique_ptr<localnet::LocalValidator> validator_;
  std::shared_ptr<testing::LocalValidatorTransport> transport_;
  std::unique_ptr<solana::RpcClient> rpc_;
  solana::Pubkey payer_ = solana::Keypair::Generate().pubkey();
  solana::Pubkey authority_ = solana::Keypair::Generate().pubkey();
  DesiredState manifests_;
  PlanBuild build_;
  PlanFileOptions options_;
};

TEST_F(PlanFileMakeTest, RecordsClusterNoncesAndNonceSigner) {
  auto p = MakeExecutablePlan(build_, manifests_, *rpc_, options_);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->genesis_hash, validator_->ledger().genesis_hash());
  EXPECT_EQ(p->payer.pubkey, payer_);
  EXPECT_EQ(p->payer.key_ref, "");
  ASSERT_EQ(p->nonces.size(), 2u);
  EXPECT_EQ(p->nonces[1].account, options_.nonce_accounts[1]);
  EXPECT_EQ(p->nonces[1].value, solana::Sha256({options_.nonce_accounts[1].view()}));
  // The nonce accounts are preconditions: advancing one makes the plan stale.
  ASSERT_EQ(p->build.plan.preconditions.size(), 2u);
  EXPECT_EQ(p->build.plan.preconditions[0].address, options_.nonce_accounts[0]);
  ASSERT_EQ(p->signers.size(), 1u);
  EXPECT_EQ(p->signers[0].pubkey, authority_);
  EXPECT_TRUE(std::filesystem::path(p->state_dir).is_absolute());
}

TEST_F(PlanFileMakeTest, RefusesWrongNonceAccounts) {
  PlanFileOptions one = options_;
  one.nonce_accounts.pop_back();
  EXPECT_EQ(MakeExecutablePlan(build_, manifests_, *rpc_, one).status().code(),
            absl::StatusCode::kInvalidArgument);
  PlanFileOptions twice = options_;
  twice.nonce_accounts[1] = twice.nonce_accounts[0];
  EXPECT_FALSE(MakeExecutablePlan(build_, manifests_, *rpc_, twice).ok());
  PlanFileOptions stranger = options_;
  SetNonce(stranger.nonce_accounts[1], payer_);  // another authority
  auto r = MakeExecutablePlan(build_, manifests_, *rpc_, stranger);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("has authority"), std::string::npos);
  PlanFileOptions missing = options_;
  missing.nonce_accounts[0] = solana::Keypair::Generate().pubkey();
  EXPECT_FALSE(MakeExecutablePlan(build_, manifests_, *rpc_, missing).ok());
  PlanFileOptions plain = options_;
  localnet::Account wallet;
  wallet.lamports = 5;
  ASSERT_TRUE(validator_->ledger().SetAccount(plain.nonce_accounts[0], wallet).ok());
  EXPECT_FALSE(MakeExecutablePlan(build_, manifests_, *rpc_, plain).ok());
}

TEST_F(PlanFileMakeTest, RefusesAnOperationThatWaitsForAPause) {
  build_.instructions[1].wait_for_pause = PauseWait{"run.x", solana::Pubkey(), solana::Pubkey()};
  auto r = MakeExecutablePlan(build_, manifests_, *rpc_, options_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("deferred pause"), std::string::npos);
  options_.nonce_accounts.clear();  // applied online: fine
  EXPECT_TRUE(MakeExecutablePlan(build_, manifests_, *rpc_, options_).ok());
}

TEST(KeyRefForPlanFileTest, AbsoluteFilesEnvAndPubkeys) {
  auto file = ParseKeyRef("file:keys/a.json", "/srv/manifests");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(KeyRefForPlanFile(*file), "file:/srv/manifests/keys/a.json");
  auto env = ParseKeyRef("env:PAYER", "/srv");
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(KeyRefForPlanFile(*env), "env:PAYER");
  auto pub = ParseKeyRef(solana::Keypair::Generate().pubkey().ToBase58(), "/srv");
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(KeyRefForPlanFile(*pub), "");
}

}  // namespace
}  // namespace reconciler
