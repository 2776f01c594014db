#include "reconciler/plan.h"

#include <gtest/gtest.h>

#include "providers/solana/base58.h"
#include "reconciler/plan_testing.h"

namespace reconciler {
namespace {

using testing::SamplePlan;

TEST(PlanTest, SummaryCountsReplaceAsAddAndDestroy) {
  PlanSummary s = SamplePlan().Summary();
  EXPECT_EQ(s.add, 2);      // create + replace
  EXPECT_EQ(s.change, 3);   // authorization, paused run, treasury
  EXPECT_EQ(s.destroy, 2);  // delete + replace
  EXPECT_EQ(s.read, 1);
  EXPECT_EQ(s.no_op, 1);
  EXPECT_TRUE(s.has_changes());
  EXPECT_FALSE((PlanSummary{0, 0, 0, 2, 5}.has_changes()));
}

TEST(PlanTest, TotalFeeIsTheSumOfTransactions) {
  EXPECT_EQ(SamplePlan().TotalFeeLamports(), 15000u);
}

TEST(PlanTest, TopUpIsExactAndNeverNegative) {
  EXPECT_EQ((TreasuryTopUp{solana::Pubkey(), 5000000, 1234567}.amount()), 3765433u);
  EXPECT_EQ((TreasuryTopUp{solana::Pubkey(), 5, 9}.amount()), 0u);
  EXPECT_EQ((TreasuryTopUp{solana::Pubkey(), UINT64_MAX, 0}.amount()), UINT64_MAX);
}

TEST(PlanTest, SamplePlanIsValid) { EXPECT_TRUE(ValidatePlan(SamplePlan()).ok()); }

TEST(PlanTest, RejectsDependencyOnALaterOrUnknownOperation) {
  Plan p = SamplePlan();
  std::swap(p.operations[0], p.operations[1]);  // top-up now precedes create-run
  EXPECT_FALSE(ValidatePlan(p).ok());
  p = SamplePlan();
  p.operations[0].depends_on = {"create-run"};  // itself
  EXPECT_FALSE(ValidatePlan(p).ok());
}

TEST(PlanTest, RejectsDuplicateIdsAndUnknownTransactionOperations) {
  Plan p = SamplePlan();
  p.operations[2].id = "create-run";
  EXPECT_FALSE(ValidatePlan(p).ok());
  p = SamplePlan();
  p.transactions[1].operation_ids.push_back("nope");
  EXPECT_FALSE(ValidatePlan(p).ok());
}

TEST(PlanTest, RejectsSecretsAndSensitiveValues) {
  Plan p = SamplePlan();
  p.changes[0].fields[0].after = Value::String(solana::Base58Encode(solana::Bytes(64, 9)));
  EXPECT_FALSE(ValidatePlan(p).ok());
  p = SamplePlan();
  p.changes[0].fields[5].after = Value::String("token");  // the sensitive field
  EXPECT_FALSE(ValidatePlan(p).ok());
  p = SamplePlan();
  p.warnings.push_back(std::string(128, 'f'));
  EXPECT_FALSE(ValidatePlan(p).ok());
}

TEST(PlanTest, RejectsATypeChangeAndAnUnknownVersion) {
  Plan p = SamplePlan();
  p.changes[1].fields[0].after = Value::Uint(1);  // bool -> integer
  EXPECT_FALSE(ValidatePlan(p).ok());
  p = SamplePlan();
  p.format_version = "2";
  EXPECT_FALSE(ValidatePlan(p).ok());
}

}  // namespace
}  // namespace reconciler
