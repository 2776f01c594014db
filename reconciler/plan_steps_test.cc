#include "reconciler/plan_steps.h"

#include "gtest/gtest.h"

namespace reconciler {
namespace {

solana::Pubkey Key(uint8_t b) {
  std::array<uint8_t, 32> bytes{};
  bytes.fill(b);
  return solana::Pubkey(bytes);
}

PlanBuild TwoOperations() {
  PlanBuild build;
  Operation create;
  create.id = "run.demo/create-account";
  create.description = "create the coordinator account";
  Operation init;
  init.id = "run.demo/init";
  init.description = "initialize the run";
  build.plan.operations = {create, init};
  const solana::Pubkey placeholder = CoordinatorAccountPlaceholder("demo");
  OperationInstructions a;
  a.instructions.push_back(
      {Key(1), {solana::WritableSigner(Key(2)), solana::WritableSigner(placeholder)}, {7, 8}});
  a.placeholders = {placeholder};
  OperationInstructions b;
  b.instructions.push_back({Key(3), {solana::Writable(placeholder), solana::Readonly(Key(4))}, {9}});
  b.placeholders = {placeholder};
  build.instructions = {a, b};
  return build;
}

TEST(PlanStepsTest, OneStepPerOperationWithPlaceholdersReplaced) {
  const PlanBuild build = TwoOperations();
  const solana::Pubkey real = Key(42);
  auto steps = PlanSteps(build, {{CoordinatorAccountPlaceholder("demo"), real}});
  ASSERT_TRUE(steps.ok()) << steps.status();
  ASSERT_EQ(steps->size(), 2u);
  EXPECT_EQ((*steps)[0].id, "run.demo/create-account");
  EXPECT_EQ((*steps)[0].description, "create the coordinator account");
  EXPECT_EQ((*steps)[0].instructions[0].accounts[0].pubkey, Key(2));
  EXPECT_EQ((*steps)[0].instructions[0].accounts[1].pubkey, real);
  EXPECT_TRUE((*steps)[0].instructions[0].accounts[1].is_signer);
  EXPECT_EQ((*steps)[1].instructions[0].accounts[0].pubkey, real);
  EXPECT_EQ((*steps)[1].instructions[0].data, solana::Bytes({9}));
}

TEST(PlanStepsTest, RefusesMissingReplacement) {
  auto steps = PlanSteps(TwoOperations(), {});
  EXPECT_EQ(steps.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(PlanStepsTest, RefusesInstructionCountMismatch) {
  PlanBuild build = TwoOperations();
  build.instructions.pop_back();
  EXPECT_EQ(PlanSteps(build, {{CoordinatorAccountPlaceholder("demo"), Key(5)}}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(PlanStepsTest, ApplyIdDependsOnTheOperations) {
  const PlanBuild a = TwoOperations();
  PlanBuild b = TwoOperations();
  EXPECT_EQ(ApplyIdFor(a), ApplyIdFor(b));
  b.instructions[1].instructions[0].data = {10};
  EXPECT_NE(ApplyIdFor(a), ApplyIdFor(b));
  EXPECT_EQ(ApplyIdFor(a).rfind("plan-", 0), 0u);
}

}  // namespace
}  // namespace reconciler
