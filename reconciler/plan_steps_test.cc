#include "reconciler/plan_steps.h"

#include <map>

#include "gtest/gtest.h"
#include "providers/psyche/coordinator_account_writer.h"
#include "reconciler/fake_chain.h"
#include "reconciler/planner_fixtures_for_test.h"

namespace reconciler {
namespace {

using testing::InSync;
using testing::Key;
using testing::OneRun;

PlanBuild Planned(const DesiredResources& d, const ObservedState& o) {
  auto diff = Diff(d, o);
  EXPECT_TRUE(diff.ok()) << diff.status();
  auto b = BuildPlan(d, o, std::move(*diff));
  EXPECT_TRUE(b.ok()) << b.status();
  return std::move(*b);
}

PlanBuild NewRunWithJoiners(size_t joiners) {
  DesiredResources d = OneRun(false, joiners);
  ObservedState o;
  o.runs.resize(1);
  return Planned(d, o);
}

uint64_t TransferAmount(const solana::Instruction& ix) {
  uint64_t amount = 0;
  for (int i = 0; i < 8; ++i) amount |= uint64_t{ix.data[1 + i]} << (8 * i);
  return amount;
}

TEST(PlanStepsTest, OneStepPerPlannedTransactionWithPlaceholdersReplaced) {
  const PlanBuild build = NewRunWithJoiners(100);
  const solana::Pubkey real = Key(42);
  auto steps = PlanSteps(build, {{CoordinatorAccountPlaceholder("my-run"), real}});
  ASSERT_TRUE(steps.ok()) << steps.status();
  // Many operations per transaction, exactly the plan's transactions.
  ASSERT_LT(build.plan.transactions.size(), build.plan.operations.size() / 2);
  ASSERT_EQ(steps->size(), build.plan.transactions.size());
  bool saw_real = false;
  for (size_t t = 0; t < steps->size(); ++t) {
    const ApplyStep& step = (*steps)[t];
    EXPECT_EQ(step.id, TransactionStepId(build.plan.transactions[t]));
    EXPECT_FALSE(step.compute);
    EXPECT_FALSE(step.wait);
    ASSERT_EQ(step.instructions.size(), build.transactions[t].instructions.size());
    for (size_t i = 0; i < step.instructions.size(); ++i) {
      EXPECT_EQ(step.instructions[i].data, build.transactions[t].instructions[i].data);
      for (const solana::AccountMeta& m : step.instructions[i].accounts) {
        EXPECT_NE(m.pubkey, CoordinatorAccountPlaceholder("my-run"));
        saw_real |= m.pubkey == real;
      }
    }
  }
  EXPECT_TRUE(saw_real);
  // Ids are unique and stable.
  std::set<std::string> ids;
  for (const ApplyStep& s : *steps) ids.insert(s.id);
  EXPECT_EQ(ids.size(), steps->size());
  EXPECT_EQ((*steps)[0].id, build.plan.transactions[0].operation_ids[0] + " +" +
                                std::to_string(build.plan.transactions[0].operation_ids.size() - 1));
}

TEST(PlanStepsTest, OnlyStepsWithoutDependenciesAreMarkedIndependent) {
  const PlanBuild build = NewRunWithJoiners(20);
  auto steps = PlanSteps(build, {{CoordinatorAccountPlaceholder("my-run"), Key(42)}});
  ASSERT_TRUE(steps.ok()) << steps.status();
  std::map<std::string, const Operation*> ops;
  for (const Operation& op : build.plan.operations) ops[op.id] = &op;
  int independent = 0;
  int dependent = 0;
  for (size_t t = 0; t < steps->size(); ++t) {
    bool has_deps = false;
    for (const std::string& id : build.plan.transactions[t].operation_ids) {
      has_deps |= !ops.at(id)->depends_on.empty();
    }
    EXPECT_EQ((*steps)[t].independent, !has_deps) << (*steps)[t].id;
    (*steps)[t].independent ? ++independent : ++dependent;
  }
  // The joiners' authorizations go out together; the run's later steps wait.
  EXPECT_GE(independent, 2);
  EXPECT_GE(dependent, 1);
}

TEST(PlanStepsTest, RefusesMissingReplacement) {
  auto steps = PlanSteps(NewRunWithJoiners(1), {});
  EXPECT_EQ(steps.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(PlanStepsTest, RefusesInstructionOrTransactionMismatch) {
  const std::map<solana::Pubkey, solana::Pubkey> keys = {
      {CoordinatorAccountPlaceholder("my-run"), Key(5)}};
  PlanBuild build = NewRunWithJoiners(1);
  build.instructions.pop_back();
  EXPECT_EQ(PlanSteps(build, keys).status().code(), absl::StatusCode::kFailedPrecondition);
  build = NewRunWithJoiners(1);
  build.transactions.pop_back();
  EXPECT_EQ(PlanSteps(build, keys).status().code(), absl::StatusCode::kFailedPrecondition);
  build = NewRunWithJoiners(1);
  build.transactions[0].group_indexes.push_back(build.transactions[0].group_indexes[0]);
  EXPECT_EQ(PlanSteps(build, keys).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(PlanStepsTest, TopUpIsRecomputedFromTheVaultRightBeforeSigning) {
  DesiredResources d = OneRun(true);
  ObservedState o = InSync(d);
  o.runs[0].vault->amount = 500'000'000;
  o.runs[0].coordinator->clients_state.future_epoch_rates.earning_rate_total_shared = 0;
  const PlanBuild build = Planned(d, o);
  // The top-up travels alone; the plan counts it as its own transaction.
  ASSERT_EQ(build.plan.transactions.size(), 2u);
  EXPECT_EQ(build.plan.transactions[1].operation_ids,
            std::vector<std::string>{"treasury.my-run:top-up"});
  auto steps = PlanSteps(build, {});
  ASSERT_TRUE(steps.ok()) << steps.status();
  ASSERT_EQ(steps->size(), 2u);
  const ApplyStep& top_up = (*steps)[1];
  ASSERT_TRUE(top_up.compute);

  auto chain = std::make_shared<FakeChain>();
  testing::Seed(d, o, chain.get());
  solana::RpcClient rpc("http://fake", chain);
  auto ixs = top_up.compute(rpc);
  ASSERT_TRUE(ixs.ok()) << ixs.status();
  ASSERT_EQ(ixs->size(), 2u);
  EXPECT_EQ(TransferAmount((*ixs)[1]), 500'500'000u);  // target 1000.5 USDC - 500

  // Someone (or an earlier, interrupted apply) already topped up part of it.
  const DesiredRun& run = d.runs[0];
  chain->Set(run.treasurer->vault,
             FakeAccount(solana::program_ids::Token(),
                         TokenAccountImage(run.treasurer->collateral_mint, run.treasurer->run,
                                           1'000'000'000)));
  ixs = top_up.compute(rpc);
  ASSERT_TRUE(ixs.ok()) << ixs.status();
  ASSERT_EQ(ixs->size(), 2u);
  EXPECT_EQ(TransferAmount((*ixs)[1]), 500'000u);
  // At the target: nothing to send, a re-run never adds twice.
  chain->Set(run.treasurer->vault,
             FakeAccount(solana::program_ids::Token(),
                         TokenAccountImage(run.treasurer->collateral_mint, run.treasurer->run,
                                           1'000'500'000)));
  ixs = top_up.compute(rpc);
  ASSERT_TRUE(ixs.ok()) << ixs.status();
  EXPECT_TRUE(ixs->empty());
}

TEST(PlanStepsTest, DeferredPauseSplitsTheTransactionsAndWaitsBeforePhaseTwo) {
  DesiredResources d = OneRun(false);
  ObservedState o = InSync(d);
  o.runs[0].coordinator->run_state = psyche::RunState::kRoundTrain;
  o.runs[0].coordinator->config.min_clients += 1;
  const PlanBuild build = Planned(d, o);
  ASSERT_EQ(build.plan.transactions.size(), 2u);
  auto steps = PlanSteps(build, {});
  ASSERT_TRUE(steps.ok()) << steps.status();
  ASSERT_EQ(steps->size(), 2u);
  EXPECT_FALSE((*steps)[0].wait);
  EXPECT_TRUE((*steps)[1].wait);
}

TEST(PlanStepsTest, ApplyIdDependsOnTheOperations) {
  const PlanBuild a = NewRunWithJoiners(2);
  PlanBuild b = NewRunWithJoiners(2);
  EXPECT_EQ(ApplyIdFor(a), ApplyIdFor(b));
  b.instructions[1].instructions[0].data.push_back(10);
  EXPECT_NE(ApplyIdFor(a), ApplyIdFor(b));
  EXPECT_EQ(ApplyIdFor(a).rfind("plan-", 0), 0u);
}

}  // namespace
}  // namespace reconciler
