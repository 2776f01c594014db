#include "providers/psyche/run_config_toml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <limits>

#include "providers/psyche/run_config.h"

namespace psyche {
namespace {

using ::testing::HasSubstr;

// Encode, parse the text back, compare; the text is shown on failure.
void ExpectRoundTrip(const RunConfig& rc, const std::string& what) {
  auto text = EncodeRunConfigToml(rc);
  ASSERT_TRUE(text.ok()) << what << ": " << text.status();
  auto back = ParseRunConfig(*text, what);
  ASSERT_TRUE(back.ok()) << what << ": " << back.status() << "\n" << *text;
  EXPECT_TRUE(*back == rc) << what << " changed in the round trip:\n" << *text;
}

// Every run config among the shared fixtures (the data-server files are
// another format and do not parse as run configs).
TEST(RunConfigTomlTest, SharedFixturesRoundTrip) {
  const std::filesystem::path dir =
      std::filesystem::path(PSYCHE_SHARED_DIR) / "fixtures/run-configs";
  int parsed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    auto rc = ReadRunConfigFile(entry.path().string());
    if (!rc.ok()) continue;
    ++parsed;
    ExpectRoundTrip(*rc, entry.path().filename().string());
  }
  EXPECT_EQ(parsed, 10);  // the 10 run configs of coordinator.md 6.6
}

TEST(RunConfigTomlTest, TreasurerExampleRoundTrips) {
  auto rc =
      ReadRunConfigFile(std::string(PSYCHE_SOURCE_DIR) + "/examples/treasurer-run/config.toml");
  ASSERT_TRUE(rc.ok()) << rc.status();
  ExpectRoundTrip(*rc, "treasurer-run/config.toml");
}

RunConfig Base() {
  RunConfig rc;
  rc.config.warmup_time = 100;
  rc.config.epoch_time = 120;
  rc.config.total_steps = 25000;
  rc.config.min_clients = 1;
  rc.config.init_min_clients = 1;
  rc.config.global_batch_size_start = 4;
  rc.config.global_batch_size_end = 4;
  rc.config.waiting_for_members_extra_time = 3;
  LLM llm;
  llm.max_seq_len = 64;
  llm.checkpoint = CheckpointEphemeral{};
  llm.data_location = DataLocationDummy{};
  llm.lr_schedule = LrConstant{4e-4, 0.0, 10};
  llm.optimizer = OptimizerDummy{};
  rc.model = llm;
  return rc;
}

LLM& Llm(RunConfig& rc) { return std::get<LLM>(rc.model); }

// The fixtures use few variants; these cover every one of each enum.
TEST(RunConfigTomlTest, EveryVariantRoundTrips) {
  ExpectRoundTrip(Base(), "all unit variants");

  const std::vector<Checkpoint> checkpoints = {
      CheckpointDummy{{"a/b", std::nullopt}}, CheckpointHub{{"org/model", "abc123"}},
      CheckpointP2P{{"org/model", std::nullopt}}, CheckpointGcs{{"bucket", "pre/fix"}},
      CheckpointP2PGcs{{"bucket", std::nullopt}}};
  for (const Checkpoint& c : checkpoints) {
    RunConfig rc = Base();
    Llm(rc).checkpoint = c;
    ExpectRoundTrip(rc, std::string(VariantName(c, kCheckpointNames)));
  }

  ShuffleSeeded seeded;
  for (size_t i = 0; i < 32; ++i) seeded.seed[i] = static_cast<uint8_t>(i * 8 + 1);
  const std::vector<LLMTrainingDataLocation> locations = {
      DataLocationServer{"127.0.0.1:20000"},
      DataLocationLocal{"/data/x"},
      DataLocationWeightedHttp{"https://example.com/w.json"},
      DataLocationPreprocessed{"gs://b/p"},
      DataLocationHttp{HttpSingleUrl{"https://e.com/a.ds"}, TokenSize::kFourBytes, seeded},
      DataLocationHttp{HttpNumberedFiles{"https://e.com/{}.ds", 3, 5, 12}, TokenSize::kTwoBytes,
                       ShuffleDontShuffle{}},
      DataLocationHttp{HttpGcp{"bucket", ""}, TokenSize::kTwoBytes, ShuffleDontShuffle{}}};
  for (const LLMTrainingDataLocation& d : locations) {
    RunConfig rc = Base();
    Llm(rc).data_location = d;
    ExpectRoundTrip(rc, std::string(VariantName(d, kLLMTrainingDataLocationNames)));
  }

  const std::vector<LearningRateSchedule> schedules = {
      LrLinear{1e-3, 1e-7, 1e-5, 100, 1000}, LrCosine{0.1, 0.0, 0.01, 1, 2},
      LrWarmupStableDecay{3e-4, 0, 3e-5, 1e-6, 10, 20, 30, 40}};
  for (const LearningRateSchedule& lr : schedules) {
    RunConfig rc = Base();
    Llm(rc).lr_schedule = lr;
    ExpectRoundTrip(rc, std::string(VariantName(lr, kLearningRateScheduleNames)));
  }

  const std::vector<OptimizerDefinition> optimizers = {
      OptimizerAdamW{{0.9f, 0.95f}, 0.1f, 1e-8f, std::nullopt},
      OptimizerAdamW{{0.9f, 0.999f}, 0.0f, 1e-6f, 1.0f},
      OptimizerDistro{std::nullopt, 0.01f, 0.999f, 8, 64, false},
      OptimizerDistro{1.0f, std::nullopt, 0.95f, 2, 512, true}};
  for (const OptimizerDefinition& o : optimizers) {
    RunConfig rc = Base();
    Llm(rc).optimizer = o;
    ExpectRoundTrip(rc, std::string(VariantName(o, kOptimizerNames)));
  }

  RunConfig archs = Base();
  Llm(archs).architecture = LLMArchitecture::kTorchtitan;
  Llm(archs).data_type = LLMTrainingDataType::kFinetuning;
  ExpectRoundTrip(archs, "Torchtitan/Finetuning");
}

// Values a naive printer would get wrong: f32 values that are not short
// doubles, tiny and huge floats, strings needing escapes, the u16/u32 maxima.
TEST(RunConfigTomlTest, AwkwardValuesRoundTrip) {
  RunConfig rc = Base();
  Llm(rc).optimizer = OptimizerDistro{std::numeric_limits<float>::max(),
                                      std::numeric_limits<float>::denorm_min(),
                                      0.1f,
                                      65535,
                                      1,
                                      true};
  Llm(rc).lr_schedule = LrLinear{0.1, 1e-300, 5e-324, 0, 4294967295u};
  Llm(rc).checkpoint = CheckpointHub{{"quote\" back\\slash", "tab\tnl\nü"}};
  rc.config.global_batch_size_warmup_tokens = 9223372036854775807ull;
  rc.config.total_steps = 4294967295u;
  ExpectRoundTrip(rc, "awkward");
}

TEST(RunConfigTomlTest, WritesTheRunManagerLayout) {
  RunConfig rc = Base();
  Llm(rc).checkpoint = CheckpointHub{{"org/model", std::nullopt}};
  auto text = EncodeRunConfigToml(rc);
  ASSERT_TRUE(text.ok());
  EXPECT_THAT(*text, HasSubstr("[config]\nwarmup_time = 100\n"));
  EXPECT_THAT(*text, HasSubstr("[model.LLM.checkpoint.Hub]\nrepo_id = \"org/model\"\n"));
  EXPECT_THAT(*text, HasSubstr("[model.LLM.lr_schedule.Constant]\nbase_lr = 4e-04\n"));
  EXPECT_THAT(*text, HasSubstr("optimizer = \"Dummy\"\n"));
}

TEST(RunConfigTomlTest, RefusesWhatTomlCannotCarry) {
  RunConfig too_big = Base();
  too_big.config.warmup_time = 9223372036854775808ull;
  EXPECT_THAT(EncodeRunConfigToml(too_big).status().message(), HasSubstr("warmup_time"));

  RunConfig nan = Base();
  Llm(nan).lr_schedule = LrConstant{std::numeric_limits<double>::quiet_NaN(), 0, 0};
  EXPECT_THAT(EncodeRunConfigToml(nan).status().message(), HasSubstr("base_lr"));

  RunConfig inf = Base();
  Llm(inf).optimizer = OptimizerAdamW{{std::numeric_limits<float>::infinity(), 0.9f}, 0, 0, {}};
  EXPECT_THAT(EncodeRunConfigToml(inf).status().message(), HasSubstr("betas[0]"));

  RunConfig nul = Base();
  Llm(nul).data_location = DataLocationLocal{std::string("a\0b", 3)};
  EXPECT_THAT(EncodeRunConfigToml(nul).status().message(), HasSubstr("NUL"));
}

}  // namespace
}  // namespace psyche
