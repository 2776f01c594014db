#include "reconciler/apply_engine.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "localnet/local_validator.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"
#include "reconciler/apply_lock.h"
#include "reconciler/journal.h"
#include "reconciler/localnet_transport_test_util.h"

namespace reconciler {
namespace {

using solana::Keypair;
using solana::Pubkey;

constexpr uint64_t kFee = 5000;        // one signature, no priority fee
constexpr uint64_t kUnit = 1'000'000;  // above the rent-exempt minimum of an empty account

Keypair Numbered(uint8_t b) {
  std::array<uint8_t, 32> seed;
  seed.fill(b);
  return *Keypair::FromSeed(solana::ByteView(seed.data(), seed.size()));
}

Pubkey Recipient(uint8_t n) {
  std::array<uint8_t, 32> b{};
  b[0] = 0x5A;
  b[31] = n;
  return Pubkey(b);
}

class ApplyEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::ManualLocalnet net = testing::StartManualLocalnet();  // ticks drive the clock
    validator_ = std::move(net.validator);
    transport_ = std::move(net.transport);
    rpc_ = std::move(net.rpc);
    SetBalance(payer_.pubkey(), kPayerStart);
    keys_[payer_.pubkey()] = &payer_;
    keys_[alice_.pubkey()] = &alice_;

    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    state_dir_ = absl::StrCat(::testing::TempDir(), "/apply_", info->name(), "_", getpid());
    std::filesystem::remove_all(state_dir_);
    options_.state_dir = state_dir_;
    options_.apply_id = "plan-1";
    options_.payer = payer_.pubkey();
    options_.sender.now = [this] { return now_; };
    options_.sender.sleep = [this](absl::Duration d) {
      now_ += d;
      ASSERT_TRUE(ledger().Tick(1).ok());
      if (on_sleep_) on_sleep_();
    };
  }

  localnet::Ledger& ledger() { return validator_->ledger(); }

  void SetBalance(const Pubkey& k, uint64_t lamports) {
    localnet::Account a;
    a.lamports = lamports;
    a.owner = solana::program_ids::System();
    ASSERT_TRUE(ledger().SetAccount(k, a).ok());
  }

  uint64_t Balance(const Pubkey& k) {
    auto a = ledger().GetAccounts({k})[0];
    return a.has_value() ? a->lamports : 0;
  }

  static ApplyStep Transfer(const std::string& id, const Pubkey& from, const Pubkey& to,
                            uint64_t lamports) {
    ApplyStep s;
    s.id = id;
    s.description = absl::StrCat("transfer ", lamports, " to ", to.ToBase58());
    s.instructions = {solana::system_program::Transfer(from, to, lamports)};
    return s;
  }

  std::vector<ApplyStep> FiveTransfers() {
    std::vector<ApplyStep> steps;
    for (uint8_t i = 1; i <= 5; ++i) {
      steps.push_back(
          Transfer(absl::StrCat("step", int{i}), payer_.pubkey(), Recipient(i), kUnit * i));
    }
    return steps;
  }

  absl::StatusOr<ApplySummary> Run(const std::vector<ApplyStep>& steps) {
    return RunApply(*rpc_, keys_, steps, options_);
  }

  std::unique_ptr<Journal> ReadJournal() {
    auto genesis = rpc_->GetGenesisHash();
    EXPECT_TRUE(genesis.ok());
    auto j = Journal::Open(absl::StrCat(state_dir_, "/", genesis->ToBase58()), options_.apply_id);
    EXPECT_TRUE(j.ok()) << j.status();
    return j.ok() ? std::move(*j) : nullptr;
  }

  static constexpr uint64_t kPayerStart = 10'000'000'000;
  std::unique_ptr<localnet::LocalValidator> validator_;
  std::shared_ptr<testing::LocalValidatorTransport> transport_;
  std::unique_ptr<solana::RpcClient> rpc_;
  Keypair payer_ = Numbered(1);
  Keypair alice_ = Numbered(2);
  KeyProvider keys_;
  std::string state_dir_;
  ApplyOptions options_;
  absl::Time now_ = absl::FromUnixSeconds(1'700'000'000);
  std::function<void()> on_sleep_;
};

TEST_F(ApplyEngineTest, HappyPathAppliesEveryStepOnceAndARerunSkipsThem) {
  std::vector<ProgressEvent> events;
  options_.progress = [&](const ProgressEvent& e) { events.push_back(e); };
  auto s = Run(FiveTransfers());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->ok()) << FormatSummary(*s);
  EXPECT_EQ(s->applied, 5);
  EXPECT_EQ(s->fees_lamports, 5 * kFee);
  for (uint8_t i = 1; i <= 5; ++i) EXPECT_EQ(Balance(Recipient(i)), kUnit * i);
  EXPECT_EQ(Balance(payer_.pubkey()), kPayerStart - 15 * kUnit - 5 * kFee);
  EXPECT_EQ(transport_->send_posts(), 5);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().phase, "applied");
  EXPECT_EQ(events.back().index, 4u);
  EXPECT_NE(FormatSummary(*s).find("5 applied"), std::string::npos) << FormatSummary(*s);

  auto again = Run(FiveTransfers());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->applied, 0);
  EXPECT_EQ(again->skipped, 5);
  EXPECT_EQ(transport_->send_posts(), 5);  // nothing sent again
  EXPECT_EQ(Balance(payer_.pubkey()), kPayerStart - 15 * kUnit - 5 * kFee);
}

TEST_F(ApplyEngineTest, SimulationFailureStopsBeforeSendingAndTheNextRunFinishes) {
  // Step 3 creates an account that already exists: System error 0.
  Keypair taken = Numbered(7);
  SetBalance(taken.pubkey(), 1);
  keys_[taken.pubkey()] = &taken;
  std::vector<ApplyStep> steps = FiveTransfers();
  steps[2].instructions = {solana::system_program::CreateAccount(
      payer_.pubkey(), taken.pubkey(), 1'000'000, 0, solana::program_ids::System())};
  auto s = Run(steps);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 2);
  EXPECT_EQ(s->failed, 1);
  EXPECT_EQ(s->not_run, 2);
  const std::string& error = s->steps[2].error;
  EXPECT_NE(error.find("AccountAlreadyInUse"), std::string::npos) << error;
  EXPECT_NE(error.find("(0, 0x0)"), std::string::npos) << error;
  EXPECT_NE(error.find("simulation"), std::string::npos) << error;
  EXPECT_EQ(transport_->send_posts(), 2);  // step 3 never left the process
  EXPECT_EQ(Balance(Recipient(1)), kUnit);
  EXPECT_EQ(Balance(Recipient(2)), 2 * kUnit);
  EXPECT_EQ(Balance(Recipient(4)), 0u);

  Keypair fresh = Numbered(8);
  keys_[fresh.pubkey()] = &fresh;
  steps[2].instructions = {solana::system_program::CreateAccount(
      payer_.pubkey(), fresh.pubkey(), 1'000'000, 0, solana::program_ids::System())};
  auto next = Run(steps);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->skipped, 2);
  EXPECT_EQ(next->applied, 3);
  EXPECT_EQ(Balance(Recipient(1)), kUnit);
  EXPECT_EQ(Balance(Recipient(5)), 5 * kUnit);
  EXPECT_EQ(Balance(fresh.pubkey()), 1'000'000u);
  EXPECT_EQ(transport_->send_posts(), 5);
}

class DroppedReplyTest : public ApplyEngineTest, public ::testing::WithParamInterface<int> {};

TEST_P(DroppedReplyTest, LostReplyIsResolvedByLookupNeverSentAsANewTransaction) {
  solana::ChannelOptions channel;
  channel.sleep = [](absl::Duration) {};
  channel.retry.max_attempts = GetParam();  // 1: the sender sees the timeout itself
  rpc_ = std::make_unique<solana::RpcClient>("http://localnet", transport_, channel);
  localnet::FaultState f;
  f.drop_replies = 1;
  validator_->faults().Set(f);
  auto s = Run({Transfer("t1", payer_.pubkey(), Recipient(1), kUnit + 777)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 1) << FormatSummary(*s);
  EXPECT_EQ(s->resigns, 0);
  EXPECT_EQ(Balance(Recipient(1)), kUnit + 777);
  EXPECT_EQ(Balance(payer_.pubkey()), kPayerStart - kUnit - 777 - kFee);
  auto j = ReadJournal();
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->StepTransactions("t1").size(), 1u);
}
INSTANTIATE_TEST_SUITE_P(ChannelRetries, DroppedReplyTest, ::testing::Values(1, 5));

TEST_F(ApplyEngineTest, RateLimitAndUnavailableBurstsAreRetriedWithoutResigning) {
  // Bursts shorter than the channel's 5 attempts, at the start and again
  // while transactions are in flight (sends, polls and rebroadcasts hit them).
  localnet::FaultState f;
  f.http_429 = 2;
  f.retry_after_seconds = 1;
  f.http_503 = 2;
  validator_->faults().Set(f);
  int sleeps = 0;
  on_sleep_ = [&] {
    if (++sleeps % 2 == 0) validator_->faults().Set(f);
  };
  auto s = Run(FiveTransfers());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 5);
  EXPECT_EQ(s->resigns, 0);
  for (uint8_t i = 1; i <= 5; ++i) EXPECT_EQ(Balance(Recipient(i)), kUnit * i);
  EXPECT_EQ(Balance(payer_.pubkey()), kPayerStart - 15 * kUnit - 5 * kFee);
}

TEST_F(ApplyEngineTest, HeldConfirmationsAreWaitedOutWithoutResigning) {
  ledger().HoldConfirmations(20);
  auto s = Run({Transfer("t1", payer_.pubkey(), Recipient(1), kUnit + 500)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 1);
  EXPECT_EQ(s->resigns, 0);
  EXPECT_EQ(Balance(Recipient(1)), kUnit + 500);
  auto j = ReadJournal();
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->StepTransactions("t1").size(), 1u);
}

TEST_F(ApplyEngineTest, ResignsOnlyAfterBlockHeightPassesLvbhAndTheSignatureIsAbsent) {
  // The first send is answered but never lands; then every blockhash expires
  // early, so rebroadcasts cannot land it either.
  localnet::FaultState f;
  f.drop_transactions = 1;
  validator_->faults().Set(f);
  bool expired = false;
  on_sleep_ = [&] {
    if (!expired) {
      expired = true;
      ASSERT_TRUE(ledger().ExpireBlockhashes().ok());
    }
  };
  auto s = Run({Transfer("t1", payer_.pubkey(), Recipient(1), kUnit + 4242)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 1) << FormatSummary(*s);
  EXPECT_EQ(s->resigns, 1);
  EXPECT_GT(s->rebroadcasts, 0);
  EXPECT_EQ(Balance(Recipient(1)), kUnit + 4242);
  EXPECT_EQ(Balance(payer_.pubkey()), kPayerStart - kUnit - 4242 - kFee);

  auto j = ReadJournal();
  ASSERT_NE(j, nullptr);
  auto txs = j->StepTransactions("t1");
  ASSERT_EQ(txs.size(), 2u);
  EXPECT_EQ(txs[0].state, TxState::kExpired);
  EXPECT_EQ(txs[1].state, TxState::kConfirmed);
  // The expiry record was written only once the finalized height passed LVBH + 1.
  for (const JournalRecord& r : j->records()) {
    if (r.state != TxState::kExpired) continue;
    uint64_t height = 0;
    ASSERT_TRUE(absl::SimpleAtoi(r.note.substr(r.note.rfind(' ') + 1), &height)) << r.note;
    EXPECT_GT(height, txs[0].last_valid_block_height + 1);
  }
  auto old = rpc_->GetSignatureStatuses({txs[0].signature}, true);
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(old->value[0].has_value());
}

class CrashTest : public ApplyEngineTest, public ::testing::WithParamInterface<CrashPoint> {};

TEST_P(CrashTest, RerunFromTheJournalAppliesEachTransferExactlyOnce) {
  int sends = 0;
  options_.sender.crash_hook = [&](CrashPoint p) -> absl::Status {
    if (p == CrashPoint::kAfterSignedJournaled) ++sends;
    if (p == GetParam() && sends == 2) return absl::AbortedError("simulated crash");
    return absl::OkStatus();
  };
  std::vector<ApplyStep> steps = FiveTransfers();
  steps.resize(3);
  auto crashed = Run(steps);
  ASSERT_EQ(crashed.status().code(), absl::StatusCode::kAborted) << crashed.status();
  EXPECT_EQ(Balance(Recipient(3)), 0u);

  options_.sender.crash_hook = nullptr;
  auto s = Run(steps);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->ok()) << FormatSummary(*s);
  EXPECT_EQ(s->skipped + s->applied, 3);
  for (uint8_t i = 1; i <= 3; ++i) EXPECT_EQ(Balance(Recipient(i)), kUnit * i);
  EXPECT_EQ(Balance(payer_.pubkey()), kPayerStart - 6 * kUnit - 3 * kFee);
  auto j = ReadJournal();
  ASSERT_NE(j, nullptr);
  auto txs = j->StepTransactions("step2");
  ASSERT_EQ(txs.size(), 1u);  // resumed, never re-signed
  EXPECT_EQ(txs[0].state, TxState::kConfirmed);
}
INSTANTIATE_TEST_SUITE_P(Points, CrashTest,
                         ::testing::Values(CrashPoint::kAfterSignedJournaled,
                                           CrashPoint::kAfterSend,
                                           CrashPoint::kBeforeConfirmedJournaled));

TEST_F(ApplyEngineTest, ConcurrentApplyIsRefusedAndNothingIsSent) {
  auto genesis = rpc_->GetGenesisHash();
  ASSERT_TRUE(genesis.ok());
  auto held = ApplyLock::Acquire(absl::StrCat(state_dir_, "/", genesis->ToBase58(), "/apply.lock"));
  ASSERT_TRUE(held.ok()) << held.status();
  auto s = Run(FiveTransfers());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition) << s.status();
  EXPECT_EQ(transport_->send_posts(), 0);
}

TEST_F(ApplyEngineTest, StaleLockIsTakenOverWithANote) {
  auto genesis = rpc_->GetGenesisHash();
  ASSERT_TRUE(genesis.ok());
  std::string dir = absl::StrCat(state_dir_, "/", genesis->ToBase58());
  std::filesystem::create_directories(dir);
  pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  std::ofstream(dir + "/apply.lock") << child << " " << ThisHostName() << " 1700000000\n";
  auto s = Run(FiveTransfers());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 5);
  ASSERT_EQ(s->notes.size(), 1u);
  EXPECT_NE(s->notes[0].find("stale"), std::string::npos) << s->notes[0];
}

TEST_F(ApplyEngineTest, InsufficientFundsFailBeforeTheFirstSend) {
  SetBalance(payer_.pubkey(), 10'000);
  auto s = Run(FiveTransfers());
  ASSERT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition) << s.status();
  EXPECT_NE(s.status().message().find("(payer) holds 10000 lamports"), std::string::npos)
      << s.status();
  EXPECT_NE(s.status().message().find(absl::StrCat(15 * kUnit + 5 * kFee)), std::string::npos);
  EXPECT_EQ(transport_->send_posts(), 0);
}

// Found by the soak: a payer holding exactly its debits would be left below
// the rent-exempt minimum, which the runtime refuses (InsufficientFundsForRent).
TEST_F(ApplyEngineTest, PayerMustStayRentExemptAfterItsDebits) {
  const uint64_t debits = 15 * kUnit + 5 * kFee;
  SetBalance(payer_.pubkey(), debits + 1);
  auto s = Run(FiveTransfers());
  ASSERT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition) << s.status();
  EXPECT_NE(s.status().message().find("rent-exempt"), std::string::npos) << s.status();
  EXPECT_EQ(transport_->send_posts(), 0);

  SetBalance(payer_.pubkey(), debits + 890'880);  // RentExemptMinimum(0)
  auto funded = Run(FiveTransfers());
  ASSERT_TRUE(funded.ok()) << funded.status();
  EXPECT_EQ(funded->applied, 5);
  EXPECT_EQ(Balance(payer_.pubkey()), 890'880u);
}

TEST_F(ApplyEngineTest, MissingKeyFailsBeforeTheFirstSend) {
  std::vector<ApplyStep> steps = FiveTransfers();
  Keypair stranger = Numbered(9);
  steps[4] = Transfer("step5", stranger.pubkey(), Recipient(5), 1);
  auto s = Run(steps);
  ASSERT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition) << s.status();
  EXPECT_NE(s.status().message().find(stranger.pubkey().ToBase58()), std::string::npos);
  EXPECT_EQ(transport_->send_posts(), 0);
}

// A top-up of target - observed, read from the chain right before signing.
ApplyStep TopUp(const Pubkey& from, const Pubkey& to, uint64_t target) {
  ApplyStep s;
  s.id = "topup";
  s.description = "top up to target";
  s.compute = [=](solana::RpcClient& rpc) -> absl::StatusOr<std::vector<solana::Instruction>> {
    ASSIGN_OR_RETURN(auto balance, rpc.GetBalance(to, solana::Commitment::kConfirmed));
    if (balance.value >= target) return std::vector<solana::Instruction>{};
    return std::vector<solana::Instruction>{
        solana::system_program::Transfer(from, to, target - balance.value)};
  };
  return s;
}

TEST_F(ApplyEngineTest, TopUpTransfersTargetMinusObservedAndNeverAddsTwice) {
  const Pubkey treasury = Recipient(9);
  SetBalance(treasury, 3 * kUnit);
  ASSERT_TRUE(ledger().Tick(2).ok());
  auto s = Run({TopUp(alice_.pubkey(), treasury, 10 * kUnit)});
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);  // alice is empty
  SetBalance(alice_.pubkey(), 100 * kUnit);
  ASSERT_TRUE(ledger().Tick(2).ok());
  s = Run({TopUp(alice_.pubkey(), treasury, 10 * kUnit)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 1);
  EXPECT_EQ(Balance(treasury), 10 * kUnit);
  EXPECT_EQ(Balance(alice_.pubkey()), 100 * kUnit - 7 * kUnit);

  options_.apply_id = "plan-2";  // a fresh journal: only the chain can say it is done
  s = Run({TopUp(alice_.pubkey(), treasury, 10 * kUnit)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->steps[0].status, StepStatus::kNothingToDo);
  EXPECT_EQ(Balance(treasury), 10 * kUnit);
}

TEST_F(ApplyEngineTest, TopUpInterruptedAfterSendIsResumedNotRecomputed) {
  const Pubkey treasury = Recipient(9);
  SetBalance(treasury, 3 * kUnit);
  SetBalance(alice_.pubkey(), 100 * kUnit);
  ASSERT_TRUE(ledger().Tick(2).ok());
  options_.sender.crash_hook = [](CrashPoint p) {
    return p == CrashPoint::kAfterSend ? absl::AbortedError("crash") : absl::OkStatus();
  };
  ASSERT_FALSE(Run({TopUp(alice_.pubkey(), treasury, 10 * kUnit)}).ok());
  options_.sender.crash_hook = nullptr;
  ASSERT_TRUE(ledger().Tick(3).ok());
  auto s = Run({TopUp(alice_.pubkey(), treasury, 10 * kUnit)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->steps[0].status, StepStatus::kAlreadyApplied);
  EXPECT_EQ(Balance(treasury), 10 * kUnit);
}

TEST_F(ApplyEngineTest, JournalHoldsSignedTransactionsButNoSecretKey) {
  ASSERT_TRUE(Run(FiveTransfers()).ok());
  auto j = ReadJournal();
  ASSERT_NE(j, nullptr);
  std::ifstream f(j->path(), std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"signed\""), std::string::npos);
  std::array<uint8_t, 32> seed;
  seed.fill(1);  // payer_'s seed
  solana::ByteView seed_view(seed.data(), seed.size());
  EXPECT_EQ(text.find(solana::Base58Encode(seed_view)), std::string::npos);
  EXPECT_EQ(text.find(solana::Base64Encode(seed_view).substr(0, 40)), std::string::npos);
  EXPECT_EQ(text.find("[1,1,1,1"), std::string::npos);
}

TEST_F(ApplyEngineTest, JournaledTransactionThatLandsFailedStopsWithoutResigning) {
  SetBalance(alice_.pubkey(), 10 * kUnit);
  options_.sender.crash_hook = [](CrashPoint p) {
    return p == CrashPoint::kAfterSignedJournaled ? absl::AbortedError("crash") : absl::OkStatus();
  };
  std::vector<ApplyStep> steps = {Transfer("t1", alice_.pubkey(), Recipient(1), 5 * kUnit)};
  ASSERT_FALSE(Run(steps).ok());
  // Meanwhile alice's funds went elsewhere: the journaled bytes now fail on chain.
  SetBalance(alice_.pubkey(), 2 * kUnit);
  options_.sender.crash_hook = nullptr;
  auto s = Run(steps);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->failed, 1) << FormatSummary(*s);
  EXPECT_NE(s->steps[0].error.find("landed-failed"), std::string::npos) << s->steps[0].error;
  EXPECT_NE(s->steps[0].error.find("ResultWithNegativeLamports (1, 0x1)"), std::string::npos)
      << s->steps[0].error;
  EXPECT_EQ(s->fees_lamports, kFee + kFee);  // two signers
  EXPECT_EQ(Balance(Recipient(1)), 0u);
  EXPECT_EQ(Balance(alice_.pubkey()), 2 * kUnit);
  auto j = ReadJournal();
  ASSERT_NE(j, nullptr);
  auto txs = j->StepTransactions("t1");
  ASSERT_EQ(txs.size(), 1u);
  EXPECT_EQ(txs[0].state, TxState::kFailed);
}

// Answers the first sendTransaction itself with a -32002 preflight failure,
// as a lagging or stricter node would, without forwarding it.
class PreflightFailingTransport : public solana::HttpTransport {
 public:
  PreflightFailingTransport(std::shared_ptr<solana::HttpTransport> inner, std::string err_json)
      : inner_(std::move(inner)), err_json_(std::move(err_json)) {}
  absl::StatusOr<solana::HttpResponse> Post(const std::string& url, const std::string& body,
                                            absl::Duration timeout) override {
    rapidjson::Document d;
    d.Parse(body.c_str());
    if (!fired_ && d.IsObject() && d.HasMember("method") && d["method"] == "sendTransaction") {
      fired_ = true;
      solana::HttpResponse r;
      r.status = 200;
      r.content_type = "application/json";
      r.body = absl::StrCat(
          R"({"jsonrpc":"2.0","id":)", d["id"].GetUint64(),
          R"(,"error":{"code":-32002,"message":"Transaction simulation failed","data":{"err":)",
          err_json_, R"(,"logs":[],"accounts":null,"unitsConsumed":0,"returnData":null}}})");
      return r;
    }
    return inner_->Post(url, body, timeout);
  }

 private:
  std::shared_ptr<solana::HttpTransport> inner_;
  std::string err_json_;
  bool fired_ = false;
};

TEST_F(ApplyEngineTest, FirstSendBlockhashNotFoundKeepsTheSameBytes) {
  auto faulty = std::make_shared<PreflightFailingTransport>(transport_, R"("BlockhashNotFound")");
  solana::ChannelOptions channel;
  channel.sleep = [](absl::Duration) {};
  rpc_ = std::make_unique<solana::RpcClient>("http://localnet", faulty, channel);
  auto s = Run({Transfer("t1", payer_.pubkey(), Recipient(1), kUnit)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 1) << FormatSummary(*s);
  EXPECT_EQ(s->resigns, 0);
  EXPECT_GE(s->rebroadcasts, 1);
  EXPECT_EQ(Balance(Recipient(1)), kUnit);
  auto j = ReadJournal();
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->StepTransactions("t1").size(), 1u);
}

TEST_F(ApplyEngineTest, FirstSendPreflightRejectionIsFinalAndNothingIsInFlight) {
  auto faulty =
      std::make_shared<PreflightFailingTransport>(transport_, R"("InsufficientFundsForFee")");
  solana::ChannelOptions channel;
  channel.sleep = [](absl::Duration) {};
  rpc_ = std::make_unique<solana::RpcClient>("http://localnet", faulty, channel);
  auto s = Run(FiveTransfers());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->failed, 1);
  EXPECT_EQ(s->not_run, 4);
  EXPECT_NE(s->steps[0].error.find("rejected: InsufficientFundsForFee"), std::string::npos)
      << s->steps[0].error;
  EXPECT_EQ(transport_->send_posts(), 0);  // the refusal came from the (fake) node
  EXPECT_EQ(Balance(Recipient(1)), 0u);
  auto j = ReadJournal();
  ASSERT_NE(j, nullptr);
  auto txs = j->StepTransactions("step1");
  ASSERT_EQ(txs.size(), 1u);
  EXPECT_EQ(txs[0].state, TxState::kFailed);
}

TEST(TerminalProgressTest, WritesOneLinePerEventWhenNotATerminal) {
  FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  auto progress = TerminalProgress(f);
  ProgressEvent e;
  e.index = 1;
  e.total = 5;
  e.step_id = "run.a";
  e.phase = "applied";
  e.signature = "SIG";
  progress(e);
  std::rewind(f);
  char buf[128] = {};
  ASSERT_NE(std::fgets(buf, sizeof buf, f), nullptr);
  EXPECT_STREQ(buf, "[2/5] run.a: applied SIG\n");
  std::fclose(f);
}

TEST(DescribeTransactionErrorTest, NamesTheFailingProgramsError) {
  auto err = solana::ParseTransactionErrorJson(R"({"InstructionError":[1,{"Custom":6001}]})");
  ASSERT_TRUE(err.ok());
  Pubkey program = Recipient(42);
  std::vector<std::string> logs = {
      "Program " + program.ToBase58() + " invoke [1]",
      "Program " + program.ToBase58() + " failed: custom program error: 0x1771"};
  ProgramErrorNames names = [&](const Pubkey& p, uint32_t code) -> std::optional<std::string> {
    if (p == program && code == 6001) return "InvalidRunState";
    return std::nullopt;
  };
  std::string text = DescribeTransactionError(*err, logs, {}, names);
  EXPECT_NE(text.find("instruction 1"), std::string::npos) << text;
  EXPECT_NE(text.find(program.ToBase58()), std::string::npos) << text;
  EXPECT_NE(text.find("InvalidRunState (6001, 0x1771)"), std::string::npos) << text;
  auto anchor = solana::ParseTransactionErrorJson(R"({"InstructionError":[0,{"Custom":2006}]})");
  ASSERT_TRUE(anchor.ok());
  EXPECT_NE(DescribeTransactionError(*anchor, {}, {}, nullptr).find("ConstraintSeeds (2006"),
            std::string::npos);
}

TEST(StepDebitsTest, CountsFeeTransfersAndCreations) {
  Pubkey payer = Recipient(1), other = Recipient(2);
  auto d = StepDebits(
      payer, {solana::system_program::Transfer(payer, other, 10),
              solana::system_program::CreateAccount(other, Recipient(3), 20, 0, Recipient(4))});
  // Signers: payer, other (Transfer's to is not a signer; CreateAccount signs both).
  EXPECT_EQ(d[payer], 10u + 3 * kFee);
  EXPECT_EQ(d[other], 20u);
}

}  // namespace
}  // namespace reconciler

namespace reconciler {
namespace {

class PipelinedApplyTest : public ApplyEngineTest {
 protected:
  std::vector<ApplyStep> IndependentTransfers() {
    std::vector<ApplyStep> steps = FiveTransfers();
    for (ApplyStep& s : steps) s.independent = true;
    return steps;
  }
  int sleeps_ = 0;
};

TEST_F(PipelinedApplyTest, IndependentStepsConfirmTogetherInsteadOfOneSlotEach) {
  on_sleep_ = [this] { ++sleeps_; };
  auto sequential = Run(FiveTransfers());
  ASSERT_TRUE(sequential.ok()) << sequential.status();
  ASSERT_EQ(sequential->applied, 5);
  const int sequential_sleeps = sleeps_;

  sleeps_ = 0;
  for (uint8_t i = 1; i <= 5; ++i) SetBalance(Recipient(i), 0);
  options_.apply_id = "plan-2";
  auto pipelined = Run(IndependentTransfers());
  ASSERT_TRUE(pipelined.ok()) << pipelined.status();
  EXPECT_TRUE(pipelined->ok()) << FormatSummary(*pipelined);
  EXPECT_EQ(pipelined->applied, 5);
  EXPECT_EQ(pipelined->fees_lamports, 5 * kFee);
  for (uint8_t i = 1; i <= 5; ++i) EXPECT_EQ(Balance(Recipient(i)), kUnit * i);
  EXPECT_EQ(transport_->send_posts(), 10);  // five each, none twice
  // One slot's wait confirms the whole window; sequentially each step waits.
  EXPECT_GE(sequential_sleeps, 5);
  EXPECT_LT(sleeps_, sequential_sleeps);
  EXPECT_LE(sleeps_, 2);

  auto again = Run(IndependentTransfers());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->skipped, 5);
  EXPECT_EQ(transport_->send_posts(), 10);
}

TEST_F(PipelinedApplyTest, SimulationFailureInTheWindowSettlesWhatWasSentAndStops) {
  Keypair taken = Numbered(7);
  SetBalance(taken.pubkey(), 1);
  keys_[taken.pubkey()] = &taken;
  std::vector<ApplyStep> steps = IndependentTransfers();
  steps[2].instructions = {solana::system_program::CreateAccount(
      payer_.pubkey(), taken.pubkey(), 1'000'000, 0, solana::program_ids::System())};
  auto s = Run(steps);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->applied, 2);
  EXPECT_EQ(s->failed, 1);
  EXPECT_EQ(s->not_run, 2);
  EXPECT_EQ(s->steps[0].status, StepStatus::kApplied);
  EXPECT_EQ(s->steps[1].status, StepStatus::kApplied);
  EXPECT_NE(s->steps[2].error.find("AccountAlreadyInUse"), std::string::npos) << s->steps[2].error;
  EXPECT_EQ(transport_->send_posts(), 2);  // steps 3-5 never left the process
  EXPECT_EQ(Balance(Recipient(2)), 2 * kUnit);
  EXPECT_EQ(Balance(Recipient(4)), 0u);
}

}  // namespace
}  // namespace reconciler
