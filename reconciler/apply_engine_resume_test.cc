// Regressions found by the soak and fault tests (issue 8 item 3):
// 1. An apply interrupted after sending, re-planned (so under another plan id
//    and journal) while its transaction is still in flight, sent the change a
//    second time: both landed and the treasury got two top-ups.
// 2. A blockhash that expired between fetching and simulating failed the step
//    instead of rebuilding (nothing had been sent, so a new signature is safe).
// 3. A plan identical to an earlier, finished one (the chain changed back
//    meanwhile: resume, pause, resume) has the same journal, whose confirmed
//    records made apply skip the change and report success with the run
//    still paused (soak seed 1, step 35).
// 4. The funds check ignored the rent the authorizer takes from the payer by
//    CPI: 1,000 authorizations on the local cluster ran the payer dry after
//    609 and failed mid-apply instead of being funded (or refused) up front.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "localnet/local_validator.h"
#include "providers/psyche/authorizer.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"
#include "reconciler/apply_engine.h"
#include "reconciler/journal.h"
#include "reconciler/localnet_transport_test_util.h"

namespace reconciler {
namespace {

using solana::Keypair;
using solana::Pubkey;

constexpr uint64_t kUnit = 1'000'000;

Pubkey Recipient(uint8_t n) {
  std::array<uint8_t, 32> b{};
  b[0] = 0x6B;
  b[31] = n;
  return Pubkey(b);
}

ApplyStep Transfer(const std::string& id, const Pubkey& from, const Pubkey& to, uint64_t amount) {
  ApplyStep s;
  s.id = id;
  s.description = absl::StrCat("transfer ", amount);
  s.instructions = {solana::system_program::Transfer(from, to, amount)};
  return s;
}

class ApplyResumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::ManualLocalnet net = testing::StartManualLocalnet();  // ticks drive the clock
    validator_ = std::move(net.validator);
    transport_ = std::move(net.transport);
    rpc_ = std::move(net.rpc);
    localnet::Account a;
    a.lamports = 10'000'000'000;
    a.owner = solana::program_ids::System();
    ASSERT_TRUE(ledger().SetAccount(payer_.pubkey(), a).ok());
    keys_[payer_.pubkey()] = &payer_;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    options_.state_dir =
        absl::StrCat(::testing::TempDir(), "/resume_", info->name(), "_", getpid());
    std::filesystem::remove_all(options_.state_dir);
    options_.payer = payer_.pubkey();
    options_.sender.now = [this] { return now_; };
    options_.sender.sleep = [this](absl::Duration d) {
      now_ += d;
      ASSERT_TRUE(ledger().Tick(1).ok());
    };
  }
  void TearDown() override { std::filesystem::remove_all(options_.state_dir); }

  localnet::Ledger& ledger() { return validator_->ledger(); }
  uint64_t Balance(const Pubkey& k) {
    auto a = ledger().GetAccounts({k})[0];
    return a.has_value() ? a->lamports : 0;
  }
  uint64_t ConfirmedSlot() { return ledger().Slot(localnet::Commitment::kConfirmed); }

  Keypair payer_ = Keypair::Generate();
  std::unique_ptr<localnet::LocalValidator> validator_;
  std::shared_ptr<testing::LocalValidatorTransport> transport_;
  std::unique_ptr<solana::RpcClient> rpc_;
  KeyProvider keys_;
  ApplyOptions options_;
  absl::Time now_ = absl::FromUnixSeconds(1'700'000'000);
};

TEST_F(ApplyResumeTest, InFlightTransactionOfAnEarlierPlanIsResolvedNotSentTwice) {
  // Plan A: [create-ish X, top-up T]. The crash comes right after T's send,
  // while the network still holds T (it lands 5 blocks later).
  const std::vector<ApplyStep> plan_a = {
      Transfer("x", payer_.pubkey(), Recipient(1), kUnit),
      Transfer("top-up", payer_.pubkey(), Recipient(2), 3 * kUnit)};
  options_.apply_id = "plan-a";
  int sends = 0;
  options_.sender.crash_hook = [&](CrashPoint p) -> absl::Status {
    if (p == CrashPoint::kAfterSignedJournaled && sends == 1) {
      localnet::FaultState f;
      f.land_delay_blocks = 5;
      validator_->faults().Set(f);
    }
    if (p == CrashPoint::kAfterSend && ++sends == 2) return absl::AbortedError("crash");
    return absl::OkStatus();
  };
  ASSERT_FALSE(RunApply(*rpc_, keys_, plan_a, options_).ok());
  validator_->faults().Clear();
  // Time passes before the re-run: its blockhash, hence its signature, differ.
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(ledger().Tick(1).ok());
  ASSERT_EQ(Balance(Recipient(1)), kUnit);
  ASSERT_EQ(Balance(Recipient(2)), 0u) << "T must still be in flight";

  // The re-plan reads the chain now: X done, T not visible, so plan B = [T].
  options_.apply_id = "plan-b";
  options_.observed_slot = ConfirmedSlot();
  options_.sender.crash_hook = nullptr;
  const std::vector<ApplyStep> plan_b = {
      Transfer("top-up", payer_.pubkey(), Recipient(2), 3 * kUnit)};
  auto b = RunApply(*rpc_, keys_, plan_b, options_);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(ledger().Tick(1).ok());  // the held T is due
  EXPECT_EQ(Balance(Recipient(2)), 3 * kUnit) << "T must land exactly once";
  ASSERT_FALSE(b.ok()) << "plan B predates T's landing and must not be sent";
  EXPECT_EQ(b.status().code(), absl::StatusCode::kAborted) << b.status();
  EXPECT_NE(b.status().message().find("run apply again"), std::string::npos) << b.status();

  // Planning again sees T: nothing left to do; the old journal is settled.
  options_.apply_id = "plan-c";
  options_.observed_slot = ConfirmedSlot();
  auto c = RunApply(*rpc_, keys_, {}, options_);
  ASSERT_TRUE(c.ok()) << c.status();
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(ledger().Tick(1).ok());
  EXPECT_EQ(Balance(Recipient(2)), 3 * kUnit);
}

TEST_F(ApplyResumeTest, EarlierTransactionSeenByThePlanDoesNotStopTheApply) {
  options_.apply_id = "plan-a";
  options_.sender.crash_hook = [&](CrashPoint p) -> absl::Status {
    return p == CrashPoint::kAfterSend ? absl::AbortedError("crash") : absl::OkStatus();
  };
  ASSERT_FALSE(
      RunApply(*rpc_, keys_, {Transfer("x", payer_.pubkey(), Recipient(3), kUnit)}, options_).ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(ledger().Tick(1).ok());  // x lands and confirms
  ASSERT_EQ(Balance(Recipient(3)), kUnit);
  options_.apply_id = "plan-b";
  options_.observed_slot = ConfirmedSlot();  // the re-plan saw x
  options_.sender.crash_hook = nullptr;
  auto b = RunApply(*rpc_, keys_, {Transfer("y", payer_.pubkey(), Recipient(4), kUnit)}, options_);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->applied, 1);
  EXPECT_EQ(Balance(Recipient(3)), kUnit);
  EXPECT_EQ(Balance(Recipient(4)), kUnit);
}

TEST_F(ApplyResumeTest, RecurringPlanRedoesAChangeItsReadsAlreadySaw) {
  options_.apply_id = "plan-same";
  const std::vector<ApplyStep> steps = {Transfer("x", payer_.pubkey(), Recipient(6), kUnit)};
  auto first = RunApply(*rpc_, keys_, steps, options_);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->applied, 1);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(ledger().Tick(1).ok());

  // A plan made before x landed (resuming it): x is already applied.
  options_.observed_slot = 1;
  auto resumed = RunApply(*rpc_, keys_, steps, options_);
  ASSERT_TRUE(resumed.ok()) << resumed.status();
  EXPECT_EQ(resumed->skipped, 1);
  EXPECT_EQ(Balance(Recipient(6)), kUnit);

  // A plan made after x landed that still asks for it: the chain changed
  // back, so it is done again.
  options_.observed_slot = ConfirmedSlot();
  auto again = RunApply(*rpc_, keys_, steps, options_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->applied, 1) << FormatSummary(*again);
  EXPECT_EQ(Balance(Recipient(6)), 2 * kUnit);
}

TEST_F(ApplyResumeTest, BlockhashExpiredBeforeSimulationIsRebuiltNotFailed) {
  options_.apply_id = "plan-expire";
  bool expired = false;
  options_.sender.crash_hook = [&](CrashPoint p) -> absl::Status {
    if (p == CrashPoint::kAfterSignedJournaled && !expired) {
      expired = true;
      return ledger().ExpireBlockhashes();
    }
    return absl::OkStatus();
  };
  auto s = RunApply(*rpc_, keys_, {Transfer("x", payer_.pubkey(), Recipient(5), kUnit)}, options_);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 1) << FormatSummary(*s);
  EXPECT_EQ(s->resigns, 1);
  EXPECT_EQ(Balance(Recipient(5)), kUnit);
  // The journal shows the first signature expired unsent before the second was made.
  auto genesis = rpc_->GetGenesisHash();
  ASSERT_TRUE(genesis.ok());
  auto j = Journal::Open(absl::StrCat(options_.state_dir, "/", genesis->ToBase58()), "plan-expire");
  ASSERT_TRUE(j.ok());
  auto txs = (*j)->StepTransactions("x");
  ASSERT_EQ(txs.size(), 2u);
  EXPECT_EQ(txs[0].state, TxState::kExpired);
  EXPECT_EQ(txs[1].state, TxState::kConfirmed);
}

TEST(StepDebitsCpiRentTest, AuthorizationCreateChargesItsRentToThePayer) {
  const Keypair payer = Keypair::Generate(), grantor = Keypair::Generate();
  const std::string scope = "CoordinatorJoinRun";
  auto ix = psyche::AuthorizationCreate(
      payer.pubkey(), grantor.pubkey(), Recipient(7),
      solana::ByteView(reinterpret_cast<const uint8_t*>(scope.data()), scope.size()));
  ASSERT_TRUE(ix.ok());
  auto d = StepDebits(payer.pubkey(), {*ix});
  // Two signatures (payer, grantor) and an account of 90 + 18 bytes.
  EXPECT_EQ(d[payer.pubkey()], 2 * 5000 + (128 + 90 + scope.size()) * 6960);
  EXPECT_EQ(d.count(grantor.pubkey()), 0u);
}

}  // namespace
}  // namespace reconciler
