// Hostile RPC (issue #8): a node that lies about accounts, signature statuses
// or blockhashes. Each lie must end in a clear error, and every transaction
// that leaves the tool must carry exactly the instructions of a step the plan
// named (the lying transport records every sendTransaction).
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/transaction.h"
#include "reconciler/exit_code.h"
#include "reconciler/localnet_example_test_util.h"
#include "reconciler/lying_transport_test_util.h"

namespace reconciler {
namespace {

using ::testing::HasSubstr;
using testing::LyingTransport;

// Calls `edit(account)` for each account object in a getMultipleAccounts
// result whose data is a coordinator account (by owner and size).
LyingTransport::Lie OnCoordinatorAccounts(std::function<void(rapidjson::Value&, rapidjson::Document::AllocatorType&)> edit) {
  return [edit](rapidjson::Value& result, rapidjson::Document::AllocatorType& a) {
    if (!result.IsObject() || !result.HasMember("value") || !result["value"].IsArray()) return;
    const std::string coordinator = psyche::program_ids::Coordinator().ToBase58();
    for (auto& account : result["value"].GetArray()) {
      if (!account.IsObject() || !account.HasMember("owner") || !account.HasMember("data")) continue;
      if (coordinator != account["owner"].GetString()) continue;
      auto data = solana::Base64Decode(account["data"][0].GetString());
      if (!data.ok() || data->size() != psyche::kCoordinatorAccountSize) continue;
      edit(account, a);
    }
  };
}

// Program, data and account order equal. A compiled message merges an
// account's signer/writable flags across its instructions, so decompiled
// flags may be wider than the planned ones; they are not compared.
bool SameInstructions(const std::vector<solana::Instruction>& planned,
                      const std::vector<solana::Instruction>& sent) {
  if (planned.size() != sent.size()) return false;
  for (size_t i = 0; i < planned.size(); ++i) {
    const solana::Instruction& p = planned[i];
    const solana::Instruction& s = sent[i];
    if (p.program_id != s.program_id || p.data != s.data || p.accounts.size() != s.accounts.size())
      return false;
    for (size_t k = 0; k < p.accounts.size(); ++k) {
      if (p.accounts[k].pubkey != s.accounts[k].pubkey) return false;
    }
  }
  return true;
}

std::string Describe(const std::vector<solana::Instruction>& ixs) {
  std::string out;
  for (const auto& ix : ixs) {
    out += absl::StrCat("  ", ix.program_id.ToBase58(), " accounts=", ix.accounts.size(),
                        " data=", ix.data.size(), "\n");
  }
  return out;
}

class HostileRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state_dir_ = absl::StrCat(::testing::TempDir(), "/hostile_rpc_",
                              ::testing::UnitTest::GetInstance()->current_test_info()->name(), "_",
                              getpid());
    std::filesystem::remove_all(state_dir_);
    auto ex = testing::LocalnetExample::Start("public-run", state_dir_);
    ASSERT_TRUE(ex.ok()) << ex.status();
    ex_ = std::move(*ex);
    liar_ = std::make_shared<LyingTransport>(ex_->transport());
  }
  void TearDown() override { std::filesystem::remove_all(state_dir_); }

  // The example applied honestly, so its accounts exist.
  void ApplyHonestly() {
    auto plan = ex_->Plan();
    ASSERT_TRUE(plan.ok()) << plan.status();
    const absl::Status applied = ex_->Apply(plan->build);
    ASSERT_TRUE(applied.ok()) << applied;
  }

  // Every transaction the liar was handed carries one planned step's instructions.
  void ExpectOnlyPlannedTransactions(const std::vector<ApplyStep>& steps) {
    for (const solana::Bytes& wire : liar_->sent()) {
      auto tx = solana::Transaction::Parse(wire);
      ASSERT_TRUE(tx.ok()) << tx.status();
      auto ixs = tx->message.Decompile();
      ASSERT_TRUE(ixs.ok()) << ixs.status();
      bool planned = false;
      for (const ApplyStep& s : steps) planned = planned || SameInstructions(s.instructions, *ixs);
      EXPECT_TRUE(planned) << "sent a transaction the plan did not name: " << tx->Id() << "\n"
                           << Describe(*ixs) << "planned:\n" << [&] {
                                std::string all;
                                for (const ApplyStep& s : steps) all += s.id + ": " + Describe(s.instructions);
                                return all;
                              }();
    }
  }

  int DistinctSignatures() {
    std::set<std::string> ids;
    for (const solana::Bytes& wire : liar_->sent()) {
      auto tx = solana::Transaction::Parse(wire);
      if (tx.ok()) ids.insert(tx->Id());
    }
    return static_cast<int>(ids.size());
  }

  std::string state_dir_;
  std::unique_ptr<testing::LocalnetExample> ex_;
  std::shared_ptr<LyingTransport> liar_;
};

TEST_F(HostileRpcTest, CoordinatorAccountOwnedByAnotherProgramStopsThePlan) {
  ApplyHonestly();
  liar_->LieAbout("getMultipleAccounts",
                  OnCoordinatorAccounts([](rapidjson::Value& account, auto& a) {
                    account["owner"].SetString(solana::program_ids::Token().ToBase58().c_str(), a);
                  }));
  auto plan = ex_->Plan(liar_);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(std::string(plan.status().message()), HasSubstr("owner")) << plan.status();
  EXPECT_THAT(std::string(plan.status().message()),
              HasSubstr(solana::program_ids::Token().ToBase58()));
  EXPECT_TRUE(liar_->sent().empty());
}

TEST_F(HostileRpcTest, CoordinatorAccountOfTheWrongSizeStopsThePlan) {
  ApplyHonestly();
  liar_->LieAbout("getMultipleAccounts",
                  OnCoordinatorAccounts([](rapidjson::Value& account, auto& a) {
                    auto data = solana::Base64Decode(account["data"][0].GetString());
                    data->resize(data->size() - 1);
                    account["data"][0].SetString(solana::Base64Encode(*data).c_str(), a);
                  }));
  auto plan = ex_->Plan(liar_);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(std::string(plan.status().message()), HasSubstr("119159")) << plan.status();
  EXPECT_TRUE(liar_->sent().empty());
}

// The node answers our signature with the status of another transaction,
// one that failed: apply stops at that step and sends nothing further.
TEST_F(HostileRpcTest, StatusOfAnotherSignatureStopsApplyAtThatStep) {
  auto plan = ex_->Plan();
  ASSERT_TRUE(plan.ok()) << plan.status();
  auto steps = ex_->Steps(plan->build);
  ASSERT_TRUE(steps.ok()) << steps.status();
  ASSERT_GE(steps->size(), 2u);
  liar_->LieAbout("getSignatureStatuses", [](rapidjson::Value& result, auto& a) {
    rapidjson::Document other;
    other.Parse(R"({"slot": 1, "confirmations": null, "confirmationStatus": "finalized",
                    "err": {"InstructionError": [0, {"Custom": 6001}]},
                    "status": {"Err": {"InstructionError": [0, {"Custom": 6001}]}}})");
    for (auto& v : result["value"].GetArray()) v.CopyFrom(other, a);
  });
  ApplyOptions options = ex_->ApplyOptionsFor(plan->build);
  auto summary = ex_->Run(*steps, options, liar_);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->failed, 1);
  EXPECT_EQ(summary->applied, 0);
  EXPECT_EQ(summary->not_run, static_cast<int>(steps->size()) - 1);
  ASSERT_FALSE(summary->steps.empty());
  EXPECT_THAT(summary->steps[0].error, HasSubstr("6001"));
  EXPECT_EQ(DistinctSignatures(), 1);  // only the first step ever left
  ExpectOnlyPlannedTransactions(*steps);
}

// A reply listing statuses for signatures we did not ask about is refused;
// the step times out unconfirmed (journaled for a resume), nothing else sent.
TEST_F(HostileRpcTest, StatusesForOtherSignaturesAreRefused) {
  auto plan = ex_->Plan();
  ASSERT_TRUE(plan.ok()) << plan.status();
  auto steps = ex_->Steps(plan->build);
  ASSERT_TRUE(steps.ok()) << steps.status();
  liar_->LieAbout("getSignatureStatuses", [](rapidjson::Value& result, auto& a) {
    result["value"].PushBack(rapidjson::Value(rapidjson::kNullType), a);
  });
  ApplyOptions options = ex_->ApplyOptionsFor(plan->build);
  options.sender.max_confirm_time = absl::Seconds(20);
  auto summary = ex_->Run(*steps, options, liar_);
  const std::string error = summary.ok() ? (summary->steps.empty() ? "" : summary->steps[0].error)
                                         : std::string(summary.status().message());
  EXPECT_TRUE(!summary.ok() || summary->failed == 1);
  EXPECT_THAT(error, HasSubstr("unconfirmed"));
  EXPECT_EQ(DistinctSignatures(), 1);
  ExpectOnlyPlannedTransactions(*steps);
}

// getLatestBlockhash names a blockhash the cluster never produced: the
// simulation refuses it and nothing is sent at all.
TEST_F(HostileRpcTest, UnknownBlockhashIsRefusedBeforeSending) {
  auto plan = ex_->Plan();
  ASSERT_TRUE(plan.ok()) << plan.status();
  auto steps = ex_->Steps(plan->build);
  ASSERT_TRUE(steps.ok()) << steps.status();
  liar_->LieAbout("getLatestBlockhash", [](rapidjson::Value& result, auto& a) {
    std::array<uint8_t, 32> fake;
    fake.fill(0x42);
    result["value"]["blockhash"].SetString(solana::Pubkey(fake).ToBase58().c_str(), a);
  });
  auto summary = ex_->Run(*steps, ex_->ApplyOptionsFor(plan->build), liar_);
  const std::string error = summary.ok() ? (summary->steps.empty() ? "" : summary->steps[0].error)
                                         : std::string(summary.status().message());
  EXPECT_TRUE(!summary.ok() || summary->failed == 1);
  EXPECT_THAT(error, HasSubstr("lockhash"));
  EXPECT_TRUE(liar_->sent().empty());
}

// The node accepts every send and never lands it: each blockhash expires,
// apply re-signs the SAME instructions a bounded number of times, then stops
// with a clear error. The chain is untouched.
TEST_F(HostileRpcTest, BlockhashThatNeverConfirmsEndsInABoundedError) {
  auto plan = ex_->Plan();
  ASSERT_TRUE(plan.ok()) << plan.status();
  auto steps = ex_->Steps(plan->build);
  ASSERT_TRUE(steps.ok()) << steps.status();
  liar_->SwallowSends(true);
  ApplyOptions options = ex_->ApplyOptionsFor(plan->build);
  auto summary = ex_->Run(*steps, options, liar_);
  const std::string error = summary.ok() ? (summary->steps.empty() ? "" : summary->steps[0].error)
                                         : std::string(summary.status().message());
  EXPECT_TRUE(!summary.ok() || summary->failed == 1);
  EXPECT_THAT(error, HasSubstr("expired"));
  EXPECT_EQ(DistinctSignatures(), options.sender.max_resigns + 1);
  ExpectOnlyPlannedTransactions(*steps);
  auto again = ex_->Plan();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->build.plan.Summary().add, plan->build.plan.Summary().add);
}

// The worst lie: the node swallows every send and reports it confirmed
// without error. A status does not name its transaction, so the first steps
// look applied; the first step that depends on them fails its simulation
// (which reads accounts) with a clear error and apply stops. Nothing
// unplanned is sent, and the next plan still shows every change (drift exits 2).
TEST_F(HostileRpcTest, FabricatedConfirmationIsCaughtByTheNextPlan) {
  auto plan = ex_->Plan();
  ASSERT_TRUE(plan.ok()) << plan.status();
  auto steps = ex_->Steps(plan->build);
  ASSERT_TRUE(steps.ok()) << steps.status();
  liar_->SwallowSends(true);
  liar_->LieAbout("getSignatureStatuses", [](rapidjson::Value& result, auto& a) {
    rapidjson::Document ok;
    ok.Parse(R"({"slot": 1, "confirmations": null, "confirmationStatus": "finalized",
                 "err": null, "status": {"Ok": null}})");
    for (auto& v : result["value"].GetArray()) v.CopyFrom(ok, a);
  });
  auto summary = ex_->Run(*steps, ex_->ApplyOptionsFor(plan->build), liar_);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->failed, 1) << FormatSummary(*summary);
  const auto failed = std::find_if(summary->steps.begin(), summary->steps.end(),
                                   [](const StepReport& r) { return !r.error.empty(); });
  ASSERT_NE(failed, summary->steps.end());
  EXPECT_THAT(failed->error, HasSubstr("AccountNotInitialized"));
  ExpectOnlyPlannedTransactions(*steps);
  auto after = ex_->Plan();
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->build.plan.Summary(), plan->build.plan.Summary());
  EXPECT_EQ(DriftExitCode(absl::OkStatus(), after->build.plan.Summary()), kExitChanges);
}

}  // namespace
}  // namespace reconciler
