// Faults from localnet (issue 7): `psyche-reconcile apply` of the treasurer
// example under each fault its embedded cluster can inject (through the
// test-only PSYCHE_RECONCILE_TEST_FAULTS hook) ends with the chain equal to
// the manifests (plan exits 0), every change landed exactly once (the same
// successful instructions as a fault-free apply) and the treasury at its
// target. A blockhash expiring mid-apply is rebuilt and re-signed only after
// the old signature is proven absent; a simulation failure in step 3 of 5
// stops the apply (exit 1) with what was applied and what was not, and the
// next apply, once the cause is fixed, finishes the rest.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "localnet/persistence.h"
#include "providers/psyche/treasurer.h"
#include "reconciler/cli_process_test_util.h"

namespace reconciler {
namespace {

using testing::CliRun;
using testing::RunCli;

constexpr uint64_t kTreasuryTarget = 1'000'500'000;  // "1000.5 USDC", 6 decimals
const char kMint[] = "3u8bz2tzsofpxkWtGzCmZS9jbxioUYwTZKVyjbgwddk6";

solana::Pubkey Vault(const std::string& run_id) {
  auto run = psyche::TreasurerRunAddress(psyche::DefaultTreasurerIndex(run_id));
  return psyche::TreasurerRunCollateralAddress(run->address,
                                               solana::Pubkey::FromBase58OrDie(kMint));
}

std::vector<std::string> SuccessfulChanges(testing::LedgerView& view, const solana::Pubkey& payer) {
  std::vector<std::string> out;
  for (const testing::LandedTx& tx : testing::LandedTransactions(view.ledger())) {
    if (!tx.ok || tx.fee_payer != payer) continue;
    for (const solana::Instruction& ix : tx.instructions) {
      if (testing::IsComputeBudget(ix)) continue;
      out.push_back(
          absl::StrCat(ix.program_id.ToBase58(), ":",
                       absl::BytesToHexString(absl::string_view(
                           reinterpret_cast<const char*>(ix.data.data()), ix.data.size()))));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> ApplyArgs(const std::string& dir, const std::string& state) {
  return {"apply", "--auto-approve", "--no-color", "--state-dir", state, dir};
}

class ApplyFaultsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    example_ = new std::string(testing::CopyExample("treasurer-run", "faults"));
    payer_ = solana::Keypair::ReadFile(*example_ + "/keys/payer.json")->pubkey();
    const std::string state = *example_ + "/state-reference";
    CliRun ref = RunCli(ApplyArgs(*example_, state));
    ASSERT_EQ(ref.exit_code, 0) << ref.Describe();
    auto view = testing::LedgerView::Open(state);
    ASSERT_NE(view, nullptr);
    reference_ = new std::vector<std::string>(SuccessfulChanges(*view, payer_));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(std::filesystem::path(*example_).parent_path());
    delete example_;
    delete reference_;
  }

  std::string StateDir() const {
    return *example_ + "/state-" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  // Applies under `env`, then checks plan, changes and treasury; returns the apply's run.
  CliRun ApplyAndCheck(const std::vector<std::string>& env) {
    const std::string state = StateDir();
    std::filesystem::remove_all(state);
    CliRun r = RunCli(ApplyArgs(*example_, state), env);
    EXPECT_EQ(r.exit_code, 0) << r.Describe();
    CliRun plan =
        RunCli({"plan", "--detailed-exitcode", "--no-color", "--state-dir", state, *example_});
    EXPECT_EQ(plan.exit_code, 0) << plan.Describe();
    auto view = testing::LedgerView::Open(state);
    EXPECT_NE(view, nullptr);
    if (view == nullptr) return r;
    EXPECT_EQ(SuccessfulChanges(*view, payer_), *reference_) << "a change is missing or doubled";
    EXPECT_EQ(view->TokenAmount(Vault("rewarded-demo")), kTreasuryTarget);
    return r;
  }

  static std::string* example_;
  static std::vector<std::string>* reference_;
  static solana::Pubkey payer_;
};
std::string* ApplyFaultsTest::example_ = nullptr;
std::vector<std::string>* ApplyFaultsTest::reference_ = nullptr;
solana::Pubkey ApplyFaultsTest::payer_;

TEST_F(ApplyFaultsTest, DroppedReplies) {
  ApplyAndCheck({R"(PSYCHE_RECONCILE_TEST_FAULTS={"dropReplies":3})"});
}

TEST_F(ApplyFaultsTest, DroppedTransactions) {
  CliRun r = ApplyAndCheck({R"(PSYCHE_RECONCILE_TEST_FAULTS={"dropTransactions":2})"});
  // A dropped transaction is rebroadcast as the same bytes, not re-signed.
  EXPECT_FALSE(absl::StrContains(r.out, "re-signed")) << r.out;
}

TEST_F(ApplyFaultsTest, TooManyRequestsBurst) {
  ApplyAndCheck({R"(PSYCHE_RECONCILE_TEST_FAULTS={"http429":4,"retryAfterSeconds":0})"});
}

TEST_F(ApplyFaultsTest, UnavailableBurst) {
  ApplyAndCheck({R"(PSYCHE_RECONCILE_TEST_FAULTS={"http503":4})"});
}

TEST_F(ApplyFaultsTest, HeldConfirmations) {
  ApplyAndCheck({R"(PSYCHE_RECONCILE_TEST_FAULTS={"holdConfirmations":15})"});
}

TEST_F(ApplyFaultsTest, LateLandingTransactions) {
  ApplyAndCheck({R"(PSYCHE_RECONCILE_TEST_FAULTS={"landDelayBlocks":4})"});
}

// Once the first transaction is confirmed, blockhashes live 8 blocks and the
// next 4 sends are dropped: the second transaction's blockhash expires with
// it never landed, and the sender must prove that (height past its last
// valid height, signature still absent) before it signs anew.
TEST_F(ApplyFaultsTest, BlockhashExpiresMidApply) {
  CliRun r =
      ApplyAndCheck({R"(PSYCHE_RECONCILE_TEST_FAULTS={"dropTransactions":4,"blockhashMaxAge":8})",
                     "PSYCHE_RECONCILE_TEST_FAULTS_AT=before-confirmed:1"});
  EXPECT_TRUE(absl::StrContains(r.out, "re-signed after expiry")) << r.out;
  // Journal order: every re-signed step's earlier signature is recorded
  // expired before the next signature of that step is recorded signed, and
  // no expired signature ever landed.
  auto view = testing::LedgerView::Open(StateDir());
  ASSERT_NE(view, nullptr);
  std::set<std::string> landed;
  for (const auto& tx : testing::LandedTransactions(view->ledger())) landed.insert(tx.signature);
  std::map<std::string, std::string> open_signature;  // step -> signature not yet decided
  int expired = 0;
  for (const JournalRecord& rec : testing::JournalRecords(StateDir())) {
    if (rec.state == TxState::kSigned) {
      EXPECT_EQ(open_signature.count(rec.step_id), 0u)
          << "step " << rec.step_id << " re-signed before " << open_signature[rec.step_id]
          << " was decided";
      open_signature[rec.step_id] = rec.signature;
    } else if (rec.state != TxState::kSent) {
      if (rec.state == TxState::kExpired) {
        ++expired;
        EXPECT_FALSE(landed.contains(rec.signature)) << rec.signature << " expired but landed";
      }
      open_signature.erase(rec.step_id);
    }
  }
  EXPECT_GE(expired, 1);
}

TEST_F(ApplyFaultsTest, BlockhashesExpireBetweenSigningAndSending) {
  ApplyAndCheck({R"(PSYCHE_RECONCILE_TEST_FAULTS={"expireBlockhashes":true})",
                 "PSYCHE_RECONCILE_TEST_FAULTS_AT=after-signed:3"});
}

struct SummaryCounts {
  int applied = -1, skipped = -1, failed = -1, not_run = -1;
};
SummaryCounts ParseSummary(const std::string& out) {
  SummaryCounts c;
  const size_t at = out.find("Apply: ");
  if (at != std::string::npos) {
    std::sscanf(out.c_str() + at, "Apply: %d applied, %d skipped, %d failed, %d not run",
                &c.applied, &c.skipped, &c.failed, &c.not_run);
  }
  return c;
}

// Five transactions, in manifest order: run A created paused, its config set,
// its treasury top-up (3rd), then runs B and C, each created paused with its
// config in one transaction. The payer's token account holds less than the top-up, so that
// step's simulation fails.
TEST(ApplySimulationFailure, StepThreeOfFiveStopsThenTheNextApplyFinishes) {
  const std::string dir = testing::CopyExample("treasurer-run", "simfail");
  const std::string state = dir + "/.state";
  std::filesystem::remove(dir + "/authorization.yaml");
  std::filesystem::remove(dir + "/run.yaml");
  {
    std::ofstream run(dir + "/run-a.yaml");
    run << "apiVersion: psyche-reconcile/v1\nkind: Run\nmetadata:\n  name: a-treasury\n"
           "spec:\n  runId: a-treasury\n  authority: file:keys/owner.json\n"
           "  treasurer:\n    collateralMint: "
        << kMint
        << "\n  config: config.toml\n  clientVersion: latest\n  paused: true\n"
           "  treasury:\n    balance: 20000000000\n";  // 20000 tokens; the payer has 10000
    for (const char* name : {"b-plain", "c-plain"}) {
      std::ofstream b(absl::StrCat(dir, "/run-", name, ".yaml"));
      b << "apiVersion: psyche-reconcile/v1\nkind: Run\nmetadata:\n  name: " << name
        << "\nspec:\n  runId: " << name
        << "\n  authority: file:keys/owner.json\n  config: config.toml\n"
           "  clientVersion: latest\n  paused: true\n";
    }
  }
  CliRun plan = RunCli({"plan", "--no-color", "--state-dir", state, dir});
  ASSERT_EQ(plan.exit_code, 0) << plan.Describe();

  CliRun first = RunCli(ApplyArgs(dir, state));
  EXPECT_EQ(first.exit_code, 1) << first.Describe();
  const SummaryCounts c = ParseSummary(first.out);
  EXPECT_EQ(c.applied, 2) << first.out;
  EXPECT_EQ(c.failed, 1) << first.out;
  EXPECT_EQ(c.not_run, 2) << first.out;
  EXPECT_TRUE(absl::StrContains(first.out, "top-up: failed")) << first.out;
  EXPECT_TRUE(absl::StrContains(first.out, "simulation")) << first.out;
  {
    auto view = testing::LedgerView::Open(state);
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->TokenAmount(Vault("a-treasury")).value_or(0), 0u);
    // Fix the cause: the payer's token account gets enough tokens.
    const solana::Pubkey payer_ata =
        solana::Pubkey::FromBase58OrDie("2hj8x4PcNhkRpNJ1qnzNpFATopQ2S4jQvWGzF13h4oVj");
    auto ata = view->AccountAt(payer_ata);
    ASSERT_TRUE(ata.has_value());
    solana::Bytes amount;
    solana::PutU64(&amount, 50'000'000'000);
    std::copy(amount.begin(), amount.end(), ata->data.begin() + 64);
    ASSERT_TRUE(view->ledger().SetAccount(payer_ata, *ata).ok());
  }
  CliRun second = RunCli(ApplyArgs(dir, state));
  EXPECT_EQ(second.exit_code, 0) << second.Describe();
  const SummaryCounts c2 = ParseSummary(second.out);
  EXPECT_EQ(c2.failed + c2.not_run, 0) << second.out;
  EXPECT_EQ(c2.applied, c.failed + c.not_run) << "the rest, and only the rest: " << second.out;
  CliRun after = RunCli({"plan", "--detailed-exitcode", "--no-color", "--state-dir", state, dir});
  EXPECT_EQ(after.exit_code, 0) << after.Describe();
  auto view = testing::LedgerView::Open(state);
  ASSERT_NE(view, nullptr);
  EXPECT_EQ(view->TokenAmount(Vault("a-treasury")), 20'000'000'000u);
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

}  // namespace
}  // namespace reconciler
