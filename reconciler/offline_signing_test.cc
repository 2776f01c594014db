#include "reconciler/offline_signing.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "localnet/local_validator.h"
#include "providers/solana/base64.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"
#include "reconciler/journal.h"
#include "reconciler/localnet_transport_test_util.h"
#include "reconciler/plan_file_check.h"
#include "reconciler/plan_freshness.h"

namespace reconciler {
namespace {

namespace sp = solana::system_program;

class OfflineSigningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::ManualLocalnet net = testing::StartManualLocalnet();  // ticks drive the clock
    validator_ = std::move(net.validator);
    transport_ = std::move(net.transport);
    rpc_ = std::move(net.rpc);
    SetBalance(payer_.pubkey(), 10'000'000'000);
    SetBalance(alice_.pubkey(), 10'000'000'000);
    SetBalance(bob_, 1'000'000);
    // An initialized nonce account whose authority is the payer.
    localnet::Account nonce;
    nonce.lamports = 1'447'680;
    nonce.owner = solana::program_ids::System();
    sp::NonceAccount state;
    state.authority = payer_.pubkey();
    state.durable_nonce = sp::DurableNonceFromBlockhash(solana::Sha256({}));
    state.lamports_per_signature = 5000;
    nonce.data = sp::SerializeNonceAccount(state);
    ASSERT_TRUE(ledger().SetAccount(nonce_account_, nonce).ok());
    ASSERT_TRUE(ledger().Tick(1).ok());

    plan_.payer = {payer_.pubkey(), ""};
    plan_.signers = {{alice_.pubkey(), ""}};
    plan_.rpc_url = "http://localnet";
    auto genesis = rpc_->GetGenesisHash();
    ASSERT_TRUE(genesis.ok());
    plan_.genesis_hash = *genesis;
    Operation op;
    op.id = "pay-bob";
    op.address = "test.pay";
    op.description = "alice pays bob";
    op.instruction_count = 1;
    plan_.build.plan.operations.push_back(op);
    OperationInstructions oi;
    oi.instructions = {sp::Transfer(alice_.pubkey(), bob_, 1000)};
    plan_.build.instructions.push_back(oi);
    plan_.new_accounts = {{}};
    plan_.nonces = {{nonce_account_, payer_.pubkey(), state.durable_nonce}};
    plan_.build.plan.preconditions.push_back(
        AccountRead(bob_, 1, 1'000'000, solana::program_ids::System(), {}));

    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    options_.state_dir =
        absl::StrCat(::testing::TempDir(), "/offline_", info->name(), "_", getpid());
    std::filesystem::remove_all(options_.state_dir);
    options_.sender.now = [this] { return now_; };
    options_.sender.sleep = [this](absl::Duration d) {
      now_ += d;
      ASSERT_TRUE(ledger().Tick(1).ok());
    };
  }
  void TearDown() override { std::filesystem::remove_all(options_.state_dir); }

  localnet::Ledger& ledger() { return validator_->ledger(); }
  void SetBalance(const solana::Pubkey& k, uint64_t lamports) {
    localnet::Account a;
    a.lamports = lamports;
    ASSERT_TRUE(ledger().SetAccount(k, a).ok());
  }
  uint64_t Balance(const solana::Pubkey& k) {
    auto a = ledger().GetAccounts({k})[0];
    return a ? a->lamports : 0;
  }

  std::unique_ptr<localnet::LocalValidator> validator_;
  std::shared_ptr<testing::LocalValidatorTransport> transport_;
  std::unique_ptr<solana::RpcClient> rpc_;
  solana::Keypair payer_ = solana::Keypair::Generate();
  solana::Keypair alice_ = solana::Keypair::Generate();
  solana::Pubkey bob_ = solana::Keypair::Generate().pubkey();
  solana::Pubkey nonce_account_ = solana::Keypair::Generate().pubkey();
  ExecutablePlan plan_;
  SubmitOptions options_;
  absl::Time now_ = absl::FromUnixSeconds(1'700'000'000);
};

TEST_F(OfflineSigningTest, SignedInTwoPartsLandsAfterTheBlockhashWindowAndNeverTwice) {
  const solana::Keypair* alice[] = {&alice_};
  const solana::Keypair* payer[] = {&payer_};
  ASSERT_EQ(*AddSignatures(&plan_, alice), 1);
  auto missing = MissingSignatures(plan_);
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ((*missing)[0], std::vector<solana::Pubkey>{payer_.pubkey()});
  EXPECT_EQ(AssembleSignedTransactions(plan_).status().code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_EQ(*AddSignatures(&plan_, payer), 1);
  auto txs = AssembleSignedTransactions(plan_);
  ASSERT_TRUE(txs.ok()) << txs.status();
  // Every recent blockhash of signing time expires: 150+ blocks later.
  ASSERT_TRUE(ledger().Tick(200).ok());
  ASSERT_TRUE(CheckPlanStillFresh(*rpc_, plan_).ok());
  auto reports = SubmitSigned(*rpc_, plan_, *txs, options_);
  ASSERT_TRUE(reports.ok()) << reports.status();
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_EQ((*reports)[0].outcome, "confirmed") << (*reports)[0].error;
  EXPECT_EQ(Balance(bob_), 1'001'000u);
  const int sends = transport_->send_posts();
  auto again = SubmitSigned(*rpc_, plan_, *txs, options_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)[0].outcome, "already-confirmed");
  EXPECT_EQ(transport_->send_posts(), sends);
  EXPECT_EQ(Balance(bob_), 1'001'000u);
}

// A submit interrupted after journaling, whose nonce then advanced without
// it: proven dead (spec 7.3), recorded expired, nothing sent.
TEST_F(OfflineSigningTest, AJournaledTransactionWhoseNonceMovedOnIsExpired) {
  const solana::Keypair* both[] = {&alice_, &payer_};
  ASSERT_TRUE(AddSignatures(&plan_, both).ok());
  auto txs = AssembleSignedTransactions(plan_);
  ASSERT_TRUE(txs.ok());
  {
    auto journal = Journal::Open(
        absl::StrCat(options_.state_dir, "/", plan_.genesis_hash.ToBase58()), SubmitIdFor(*txs));
    ASSERT_TRUE(journal.ok()) << journal.status();
    JournalRecord rec;
    rec.step_id = "pay-bob";
    rec.signature = (*txs)[0].Id();
    rec.signed_tx_base64 = solana::Base64Encode((*txs)[0].Serialize());
    rec.last_valid_block_height = 1;
    ASSERT_TRUE((*journal)->Append(rec).ok());
  }
  auto started = SubmitStarted(options_.state_dir, plan_.genesis_hash, *txs);
  ASSERT_TRUE(started.ok());
  EXPECT_TRUE(*started);
  localnet::Account nonce = *ledger().GetAccounts({nonce_account_})[0];
  sp::NonceAccount moved;
  moved.authority = payer_.pubkey();
  moved.durable_nonce = solana::Sha256({nonce.data});
  nonce.data = sp::SerializeNonceAccount(moved);
  ASSERT_TRUE(ledger().SetAccount(nonce_account_, nonce).ok());
  const int sends = transport_->send_posts();
  auto reports = SubmitSigned(*rpc_, plan_, *txs, options_);
  ASSERT_TRUE(reports.ok()) << reports.status();
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_EQ((*reports)[0].outcome, "expired");
  EXPECT_EQ(transport_->send_posts(), sends);
  EXPECT_EQ(Balance(bob_), 1'000'000u);
}

TEST_F(OfflineSigningTest, SigningIsIdempotentAndAStrangerKeyIsRefused) {
  const solana::Keypair* both[] = {&alice_, &payer_};
  ASSERT_TRUE(AddSignatures(&plan_, both).ok());
  auto first = plan_.signatures;
  ASSERT_TRUE(AddSignatures(&plan_, both).ok());
  EXPECT_EQ(plan_.signatures, first);
  solana::Keypair stranger = solana::Keypair::Generate();
  const solana::Keypair* s[] = {&stranger};
  auto r = AddSignatures(&plan_, s);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("signs no transaction"), std::string::npos);
}

TEST_F(OfflineSigningTest, ATamperedOrForeignSignatureIsRefused) {
  const solana::Keypair* both[] = {&alice_, &payer_};
  ASSERT_TRUE(AddSignatures(&plan_, both).ok());
  ExecutablePlan tampered = plan_;
  tampered.signatures[0][0].signature[5] ^= 1;
  auto t = AssembleSignedTransactions(tampered);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("does not verify"), std::string::npos);
  ExecutablePlan foreign = plan_;
  foreign.signatures[0].push_back({bob_, foreign.signatures[0][0].signature});
  EXPECT_FALSE(AssembleSignedTransactions(foreign).ok());
  // Another nonce value: the collected signatures cover another message.
  ExecutablePlan moved = plan_;
  moved.nonces[0].value = solana::Sha256({moved.nonces[0].value.view()});
  EXPECT_FALSE(AssembleSignedTransactions(moved).ok());
}

TEST_F(OfflineSigningTest, AStaleOrForeignPlanIsRefusedBeforeSending) {
  SetBalance(bob_, 2'000'000);  // an account the plan read changed
  absl::Status s = CheckPlanStillFresh(*rpc_, plan_);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(bob_.ToBase58()), std::string::npos);
  EXPECT_NE(s.message().find("lamports changed"), std::string::npos);
  EXPECT_NE(s.message().find("run plan again"), std::string::npos);
  ExecutablePlan other = plan_;
  other.genesis_hash = solana::Sha256({});
  absl::Status g = CheckPlanCluster(*rpc_, other);
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.message().find("genesis hash"), std::string::npos);
}

TEST_F(OfflineSigningTest, PreconditionsAreReadInBatchesOfAHundred) {
  std::vector<Precondition> wanted;
  for (int i = 0; i < 250; ++i) {
    wanted.push_back(AccountAbsent(solana::Keypair::Generate().pubkey(), 0));
  }
  wanted.push_back(AccountAbsent(bob_, 0));
  auto now = RereadPreconditions(*rpc_, wanted, solana::Commitment::kProcessed);
  ASSERT_TRUE(now.ok()) << now.status();
  ASSERT_EQ(now->size(), 251u);
  EXPECT_FALSE((*now)[0].exists);
  EXPECT_TRUE((*now)[250].exists);
  EXPECT_EQ((*now)[250].lamports, 1'000'000u);
}

}  // namespace
}  // namespace reconciler
