#include "providers/psyche/coordinator_types.h"

#include <gtest/gtest.h>

#include "providers/psyche/psyche_program_ids.h"

namespace psyche {
namespace {

TEST(CoordinatorTypesTest, VariantIndexIsTheWireTag) {
  Checkpoint c = CheckpointGcs{GcsRepo{"b", std::nullopt}};
  EXPECT_EQ(c.index(), 4u);
  EXPECT_EQ(VariantName(c, kCheckpointNames), "Gcs");
  LLMTrainingDataLocation d = DataLocationPreprocessed{"x"};
  EXPECT_EQ(d.index(), 5u);
  LearningRateSchedule lr = LrWarmupStableDecay{};
  EXPECT_EQ(VariantName(lr, kLearningRateScheduleNames), "WarmupStableDecay");
  OptimizerDefinition o = OptimizerDistro{};
  EXPECT_EQ(o.index(), 2u);
}

TEST(CoordinatorTypesTest, NamesRoundTrip) {
  EXPECT_EQ(EnumName(RunState::kRoundTrain, kRunStateNames), "RoundTrain");
  EXPECT_EQ(EnumName(RunState::kRoundTrain, kRunStateDisplayTexts), "Training");
  EXPECT_EQ(EnumName(static_cast<RunState>(9), kRunStateNames), "?");
  EXPECT_EQ(NameIndex("Torchtitan", kLLMArchitectureNames), std::optional<size_t>(3));
  EXPECT_EQ(NameIndex("torchtitan", kLLMArchitectureNames), std::nullopt);
  EXPECT_TRUE(IsHalted(RunState::kPaused));
  EXPECT_FALSE(IsHalted(RunState::kWarmup));
  EXPECT_TRUE(IsActive(RunState::kCooldown));
  EXPECT_FALSE(IsActive(RunState::kWaitingForMembers));
}

TEST(CoordinatorTypesTest, EqualityComparesFields) {
  LLM a;
  a.optimizer = OptimizerAdamW{{0.9f, 0.95f}, 0.1f, 1e-8f, 1.0f};
  LLM b = a;
  EXPECT_EQ(a, b);
  std::get<OptimizerAdamW>(b.optimizer).clip_grad_norm.reset();
  EXPECT_NE(a, b);
}

TEST(PsycheProgramIdsTest, CoordinatorIdMatchesSpecHex) {
  EXPECT_EQ(program_ids::Coordinator().bytes()[0], 0x33);
  EXPECT_EQ(program_ids::Coordinator().bytes()[31], 0x1a);
  EXPECT_EQ(program_ids::Treasurer().ToBase58(), "EnU7DRx5az5YWxaxgqEGbXSYtudcfnjXewyBRRZCjJPw");
  EXPECT_EQ(program_ids::Authorizer().ToBase58(), "PsyAUmhpmiUouWsnJdNGFSX8vZ6rWjXjgDPHsgqPGyw");
}

}  // namespace
}  // namespace psyche
