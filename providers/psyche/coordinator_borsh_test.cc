#include "providers/psyche/coordinator_borsh.h"

#include <gtest/gtest.h>

#include "providers/psyche/hex.h"
#include "providers/psyche/spec_vectors_for_test.h"

namespace psyche {
namespace {

// solana-test__nano-config.toml, built by hand (spec 8.4).
Model NanoModel() {
  LLM llm;
  llm.max_seq_len = 64;
  llm.cold_start_warmup_steps = 0;
  llm.architecture = LLMArchitecture::kHfLlama;
  llm.checkpoint =
      CheckpointHub{{"pefontana/Nano-Llama", "cf48eac4944f6e954a3d9c9c30e8c865e64e7d03"}};
  llm.data_type = LLMTrainingDataType::kPretraining;
  llm.data_location = DataLocationHttp{
      HttpSingleUrl{"https://huggingface.co/pefontana/Nano-Llama/resolve/main/tiny-ci-dataset/"
                    "000_tiny-test.ds"},
      TokenSize::kTwoBytes, ShuffleDontShuffle{}};
  llm.lr_schedule = LrCosine{4.0e-4, 0.0, 4.0e-5, 250, 25000};
  llm.optimizer = OptimizerDistro{1.0f, std::nullopt, 0.999f, 8, 64, true};
  return llm;
}

// The synthetic model of spec 8.4.
Model SyntheticModel() {
  LLM llm;
  llm.max_seq_len = 1024;
  llm.cold_start_warmup_steps = 5;
  llm.architecture = LLMArchitecture::kHfAuto;
  llm.checkpoint = CheckpointGcs{{"my-bucket", "ckpt/run1"}};
  llm.data_type = LLMTrainingDataType::kFinetuning;
  ShuffleSeeded seeded;
  for (int i = 0; i < 32; ++i) seeded.seed[i] = static_cast<uint8_t>(i + 1);
  llm.data_location = DataLocationHttp{
      HttpNumberedFiles{"https://example.com/data/{}.ds", 0, 3, 12}, TokenSize::kFourBytes, seeded};
  llm.lr_schedule = LrConstant{1e-4, 0.0, 100};
  llm.optimizer = OptimizerAdamW{{0.9f, 0.95f}, 0.1f, 1e-8f, 1.0f};
  return llm;
}

TEST(CoordinatorBorshTest, NanoModelMatchesSpecVector) {
  auto bytes = EncodeModel(NanoModel());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(bytes->size(), 386u);
  EXPECT_EQ(HexEncode(*bytes), spec_vectors::kModelNanoConfigHex);
}

TEST(CoordinatorBorshTest, SyntheticModelMatchesSpecVector) {
  auto bytes = EncodeModel(SyntheticModel());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(bytes->size(), 293u);
  EXPECT_EQ(HexEncode(*bytes), spec_vectors::kModelSyntheticHex);
}

TEST(CoordinatorBorshTest, SpecModelVectorsDecodeToTheSameModels) {
  auto nano = DecodeModel(*HexDecode(spec_vectors::kModelNanoConfigHex));
  ASSERT_TRUE(nano.ok()) << nano.status();
  EXPECT_EQ(*nano, NanoModel());
  auto synthetic = DecodeModel(*HexDecode(spec_vectors::kModelSyntheticHex));
  ASSERT_TRUE(synthetic.ok()) << synthetic.status();
  EXPECT_EQ(*synthetic, SyntheticModel());
}

// Every variant of every enum survives encode -> decode.
TEST(CoordinatorBorshTest, EveryVariantRoundTrips) {
  std::vector<Checkpoint> checkpoints = {
      CheckpointEphemeral{},         CheckpointDummy{{"", std::nullopt}},
      CheckpointHub{{"a/b", "rev"}}, CheckpointP2P{{"c/d", std::nullopt}},
      CheckpointGcs{{"bkt", "pfx"}}, CheckpointP2PGcs{{"bkt2", std::nullopt}}};
  std::vector<LLMTrainingDataLocation> locations = {
      DataLocationDummy{},
      DataLocationServer{"127.0.0.1:20001"},
      DataLocationLocal{"/data/x"},
      DataLocationHttp{HttpGcp{"bucket", ""}, TokenSize::kTwoBytes, ShuffleDontShuffle{}},
      DataLocationWeightedHttp{"https://x/y.json"},
      DataLocationPreprocessed{"pre"}};
  std::vector<LearningRateSchedule> schedules = {LrConstant{1, 2, 3}, LrLinear{1, 2, 3, 4, 5},
                                                 LrCosine{5, 4, 3, 2, 1},
                                                 LrWarmupStableDecay{1, 2, 3, 4, 5, 6, 7, 8}};
  std::vector<OptimizerDefinition> optimizers = {
      OptimizerDummy{}, OptimizerAdamW{{0.9f, 0.99f}, 0.01f, 1e-6f, std::nullopt},
      OptimizerDistro{std::nullopt, 0.1f, 0.995f, 4, 64, false}};
  size_t n = std::max({checkpoints.size(), locations.size(), schedules.size(), optimizers.size()});
  for (size_t i = 0; i < n; ++i) {
    LLM llm;
    llm.max_seq_len = static_cast<uint32_t>(100 + i);
    llm.architecture = static_cast<LLMArchitecture>(i % 4);
    llm.data_type = static_cast<LLMTrainingDataType>(i % 2);
    llm.checkpoint = checkpoints[i % checkpoints.size()];
    llm.data_location = locations[i % locations.size()];
    llm.lr_schedule = schedules[i % schedules.size()];
    llm.optimizer = optimizers[i % optimizers.size()];
    Model m = llm;
    auto bytes = EncodeModel(m);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    auto back = DecodeModel(*bytes);
    ASSERT_TRUE(back.ok()) << i << ": " << back.status();
    EXPECT_EQ(*back, m) << i;
  }
}

TEST(CoordinatorBorshTest, ConfigMetadataProgressRoundTrip) {
  CoordinatorConfig c{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  auto cb = EncodeCoordinatorConfig(c);
  ASSERT_TRUE(cb.ok());
  EXPECT_EQ(cb->size(), kCoordinatorConfigBorshSize);
  EXPECT_EQ(*DecodeCoordinatorConfig(*cb), c);

  RunMetadata md{"name", "description", 1100000000, 32768};
  BorshWriter w;
  WriteRunMetadata(w, md);
  CoordinatorProgress p{3, 1200, 2457600};
  WriteCoordinatorProgress(w, p);
  auto bytes = std::move(w).Finish();
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size(), kRunMetadataBorshSize + kCoordinatorProgressBorshSize);
  BorshReader r(*bytes);
  EXPECT_EQ(*ReadRunMetadata(r), md);
  EXPECT_EQ(*ReadCoordinatorProgress(r), p);
  EXPECT_TRUE(r.ExpectEnd("all").ok());
}

TEST(CoordinatorBorshTest, DecoderRejectsBadBytes) {
  Bytes good = *HexDecode(spec_vectors::kModelSyntheticHex);
  // Unknown model tag.
  Bytes bad = good;
  bad[0] = 1;
  EXPECT_FALSE(DecodeModel(bad).ok());
  // Unknown architecture (offset 9: tag 1 + two u32).
  bad = good;
  bad[9] = 4;
  EXPECT_FALSE(DecodeModel(bad).ok());
  // Unknown checkpoint tag.
  bad = good;
  bad[10] = 6;
  EXPECT_FALSE(DecodeModel(bad).ok());
  // Truncated at every length.
  for (size_t n = 0; n < good.size(); ++n) {
    EXPECT_FALSE(DecodeModel(ByteView(good.data(), n)).ok()) << n;
  }
  // Trailing byte.
  bad = good;
  bad.push_back(0);
  EXPECT_FALSE(DecodeModel(bad).ok());
}

TEST(CoordinatorBorshTest, EncoderRejectsOverlongStrings) {
  LLM llm = std::get<LLM>(NanoModel());
  llm.checkpoint = CheckpointHub{{std::string(65, 'x'), std::nullopt}};
  auto bytes = EncodeModel(llm);
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.status().message().find("repo_id"), std::string::npos);
  llm.checkpoint = CheckpointHub{{std::string(64, 'x'), std::nullopt}};
  EXPECT_TRUE(EncodeModel(llm).ok());
}

}  // namespace
}  // namespace psyche
