#include "providers/psyche/restart_progress.h"

#include <gtest/gtest.h>

namespace psyche {
namespace {

CoordinatorConfig RampConfig() {
  CoordinatorConfig c;
  c.total_steps = 1000;
  c.global_batch_size_start = 4;
  c.global_batch_size_end = 12;
  c.global_batch_size_warmup_tokens = 800;
  return c;
}

TEST(GlobalBatchSizeTest, RampAndEnd) {
  CoordinatorConfig c = RampConfig();
  EXPECT_EQ(GlobalBatchSize(c, 0), 4);
  EXPECT_EQ(GlobalBatchSize(c, 400), 8);   // halfway
  EXPECT_EQ(GlobalBatchSize(c, 50), 5);    // 4.5 rounds half away from zero
  EXPECT_EQ(GlobalBatchSize(c, 49), 4);    // 4.49
  EXPECT_EQ(GlobalBatchSize(c, 799), 12);  // 11.99
  EXPECT_EQ(GlobalBatchSize(c, 800), 12);
  EXPECT_EQ(GlobalBatchSize(c, ~0ULL), 12);
  c.global_batch_size_warmup_tokens = 0;  // no ramp
  EXPECT_EQ(GlobalBatchSize(c, 0), 12);
}

TEST(RestartDataIndexTest, SumsBatchSizesOfEarlierSteps) {
  CoordinatorConfig c = RampConfig();
  // max_seq_len 10: step 1 uses idx 0 -> 4; idx 4 (40 tokens) -> 4.4 -> 4;
  // idx 8 (80 tokens) -> 4.8 -> 5; idx 13 (130) -> 5.3 -> 5; idx 18.
  EXPECT_EQ(*RestartDataIndex(c, 10, 1), 0u);
  EXPECT_EQ(*RestartDataIndex(c, 10, 2), 4u);
  EXPECT_EQ(*RestartDataIndex(c, 10, 3), 8u);
  EXPECT_EQ(*RestartDataIndex(c, 10, 4), 13u);
  EXPECT_EQ(*RestartDataIndex(c, 10, 5), 18u);
  // Past total_steps: 0.
  EXPECT_EQ(*RestartDataIndex(c, 10, 1001), 0u);
}

TEST(RestartDataIndexTest, ShortcutAfterRampEqualsStepByStep) {
  CoordinatorConfig c = RampConfig();
  uint64_t idx = 0;
  for (uint32_t step = 1; step < 200; ++step) {
    EXPECT_EQ(*RestartDataIndex(c, 10, step), idx) << step;
    idx += GlobalBatchSize(c, idx * 10);
  }
}

TEST(RestartDataIndexTest, ConstantBatch) {
  CoordinatorConfig c = RampConfig();
  c.global_batch_size_warmup_tokens = 0;
  c.total_steps = 25000;
  EXPECT_EQ(*RestartDataIndex(c, 2048, 1201), 1200u * 12);
}

TEST(RestartDataIndexTest, OverflowIsAnError) {
  CoordinatorConfig c;
  c.total_steps = 0xffffffff;
  c.global_batch_size_start = 65535;
  c.global_batch_size_end = 65535;
  c.global_batch_size_warmup_tokens = ~0ULL;
  EXPECT_EQ(RestartDataIndex(c, 0xffffffff, 0xffffffff).status().code(),
            absl::StatusCode::kOutOfRange);
}

TEST(RestartFromStepProgressTest, UsesCurrentEpoch) {
  LLM llm;
  llm.max_seq_len = 10;
  RunConfig rc{RampConfig(), llm};
  auto p = RestartFromStepProgress(rc, 4, 7);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, (CoordinatorProgress{7, 4, 13}));
  EXPECT_FALSE(RestartFromStepProgress(rc, 0, 7).ok());
}

}  // namespace
}  // namespace psyche
