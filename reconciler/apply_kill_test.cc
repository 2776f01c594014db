// Kill at every boundary (issue 7): `psyche-reconcile apply` on the
// treasurer example (it has a top-up) is SIGKILLed for real at the n-th
// occurrence of a sender boundary — journaled before the send, sent before
// confirmation, confirmed before the journal write — for every transaction
// of the scenario, then re-run to completion. The chain must hold every
// change exactly once (the same successful instructions as an uninterrupted
// apply), the treasury exactly its target, and plan must show no changes.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "absl/strings/escaping.h"
#include "providers/psyche/treasurer.h"
#include "reconciler/cli_process_test_util.h"

namespace reconciler {
namespace {

using testing::CliRun;
using testing::RunCli;

constexpr uint64_t kTreasuryTarget = 1'000'500'000;  // "1000.5 USDC", 6 decimals

solana::Pubkey TreasuryVault() {
  auto run = psyche::TreasurerRunAddress(psyche::DefaultTreasurerIndex("rewarded-demo"));
  return psyche::TreasurerRunCollateralAddress(
      run->address,
      solana::Pubkey::FromBase58OrDie("3u8bz2tzsofpxkWtGzCmZS9jbxioUYwTZKVyjbgwddk6"));
}

// What the payer's successful transactions did, as a sorted multiset of
// (program, data) per instruction: coordinator keys differ between runs, the
// operations' bytes do not.
std::vector<std::string> SuccessfulChanges(const std::string& state_dir,
                                           const solana::Pubkey& payer) {
  auto view = testing::LedgerView::Open(state_dir);
  if (view == nullptr) return {"<ledger did not open>"};
  std::vector<std::string> out;
  for (const testing::LandedTx& tx : testing::LandedTransactions(view->ledger())) {
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

class KillAtEveryBoundary : public ::testing::TestWithParam<const char*> {
 protected:
  static solana::Pubkey Payer(const std::string& example) {
    auto kp = solana::Keypair::ReadFile(example + "/keys/payer.json");
    return kp.ok() ? kp->pubkey() : solana::Pubkey();
  }
};

std::vector<std::string> ApplyArgs(const std::string& dir, const std::string& state) {
  return {"apply", "--auto-approve", "--no-color", "--state-dir", state, dir};
}

TEST_P(KillAtEveryBoundary, ReRunFinishesWithEveryChangeExactlyOnce) {
  const std::string point = GetParam();
  const std::string example = testing::CopyExample("treasurer-run", "kill_" + point);
  const solana::Pubkey payer = Payer(example);

  // The reference: one uninterrupted apply.
  const std::string ref_state = example + "/state-ref";
  CliRun ref = RunCli(ApplyArgs(example, ref_state));
  ASSERT_EQ(ref.exit_code, 0) << ref.Describe();
  const std::vector<std::string> reference = SuccessfulChanges(ref_state, payer);
  ASSERT_GE(reference.size(), 5u);
  size_t transactions = 0;  // each one has each boundary once
  {
    auto view = testing::LedgerView::Open(ref_state);
    ASSERT_NE(view, nullptr);
    for (const testing::LandedTx& tx : testing::LandedTransactions(view->ledger())) {
      transactions += tx.ok && tx.fee_payer == payer ? 1 : 0;
    }
  }

  int kills = 0, extra_reruns = 0;
  for (int n = 1; n <= 30; ++n) {
    SCOPED_TRACE(absl::StrCat(point, ":", n));
    const std::string state = absl::StrCat(example, "/state-", n);
    CliRun first = RunCli(ApplyArgs(example, state),
                          {absl::StrCat("PSYCHE_RECONCILE_TEST_KILL_AT=", point, ":", n)});
    if (!first.killed()) {
      // Fewer than n boundaries of this kind: the scenario is exhausted.
      ASSERT_EQ(first.exit_code, 0) << first.Describe();
      break;
    }
    ++kills;
    // Re-run to completion. A transaction of the killed run that lands after
    // the new plan read the chain stops one run (Aborted, nothing sent).
    CliRun again;
    int runs = 0;
    do {
      again = RunCli(ApplyArgs(example, state));
      ++runs;
    } while (again.exit_code != 0 && runs < 3 &&
             again.err.find("run apply again") != std::string::npos);
    ASSERT_EQ(again.exit_code, 0) << again.Describe();
    EXPECT_LE(runs, 2);
    extra_reruns += runs - 1;

    CliRun plan =
        RunCli({"plan", "--detailed-exitcode", "--no-color", "--state-dir", state, example});
    EXPECT_EQ(plan.exit_code, 0) << plan.Describe();
    EXPECT_EQ(SuccessfulChanges(state, payer), reference) << "a change is missing or doubled";
    auto view = testing::LedgerView::Open(state);
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->TokenAmount(TreasuryVault()), kTreasuryTarget);
    // Nothing landed from the payer that apply had not journaled first.
    const std::set<std::string> journaled = testing::JournaledSignatures(state);
    for (const testing::LandedTx& tx : testing::LandedTransactions(view->ledger())) {
      if (tx.fee_payer == payer) {
        EXPECT_TRUE(journaled.contains(tx.signature)) << tx.signature;
      }
    }
    view.reset();
    std::filesystem::remove_all(state);
  }
  // Every transaction of the scenario was killed at this boundary once.
  EXPECT_EQ(static_cast<size_t>(kills), transactions);
  std::cout << "RESULT apply_kill point=" << point << " transactions=" << transactions
            << " kills=" << kills << " extra_reruns=" << extra_reruns << "\n";
  std::filesystem::remove_all(std::filesystem::path(example).parent_path());
}

INSTANTIATE_TEST_SUITE_P(Points, KillAtEveryBoundary,
                         ::testing::Values("after-signed", "after-send", "before-confirmed"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
                           return name;
                         });

}  // namespace
}  // namespace reconciler
