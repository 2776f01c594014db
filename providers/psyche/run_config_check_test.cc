#include "providers/psyche/run_config_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace psyche {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

CoordinatorConfig ValidConfig() {
  CoordinatorConfig c;
  c.warmup_time = 15;
  c.cooldown_time = 30;
  c.max_round_train_time = 15;
  c.round_witness_time = 1;
  c.epoch_time = 60;
  c.total_steps = 25000;
  c.init_min_clients = 1;
  c.min_clients = 1;
  c.witness_nodes = 0;
  c.global_batch_size_start = 8;
  c.global_batch_size_end = 8;
  c.waiting_for_members_extra_time = 3;
  return c;
}

LLM ValidLLM() {
  LLM llm;
  llm.max_seq_len = 2048;
  llm.checkpoint = CheckpointHub{{"org/repo", std::nullopt}};
  llm.data_location = DataLocationServer{"127.0.0.1:20001"};
  llm.lr_schedule = LrCosine{4e-4, 0, 4e-5, 250, 25000};
  llm.optimizer = OptimizerDistro{1.0f, std::nullopt, 0.999f, 2, 64, false};
  return llm;
}

std::vector<std::string> Fields(const std::vector<CheckFailure>& failures) {
  std::vector<std::string> out;
  for (const auto& f : failures) out.push_back(f.field);
  return out;
}

TEST(RunConfigCheckTest, ValidPasses) {
  EXPECT_THAT(CheckRunConfig({ValidConfig(), ValidLLM()}), IsEmpty());
}

TEST(RunConfigCheckTest, AllZeroConfigReportsEveryRule) {
  auto failures = CheckCoordinatorConfig(CoordinatorConfig{});
  EXPECT_THAT(Fields(failures),
              ElementsAre("config.epoch_time", "config.warmup_time", "config.max_round_train_time",
                          "config.round_witness_time", "config.min_clients",
                          "config.global_batch_size_start", "config.global_batch_size_end",
                          "config.total_steps", "config.cooldown_time",
                          "config.waiting_for_members_extra_time"));
  for (const auto& f : failures) EXPECT_EQ(f.program_error, "ConfigSanityCheckFailed");
}

TEST(RunConfigCheckTest, EachConfigRule) {
  auto check_one = [](void (*mutate)(CoordinatorConfig&), const char* field) {
    CoordinatorConfig c = ValidConfig();
    mutate(c);
    EXPECT_THAT(Fields(CheckCoordinatorConfig(c)), ElementsAre(field)) << field;
  };
  check_one([](CoordinatorConfig& c) { c.warmup_time = 60; }, "config.warmup_time");
  check_one([](CoordinatorConfig& c) { c.max_round_train_time = 60; },
            "config.max_round_train_time");
  check_one([](CoordinatorConfig& c) { c.round_witness_time = 0; }, "config.round_witness_time");
  check_one([](CoordinatorConfig& c) { c.min_clients = 2; }, "config.init_min_clients");
  check_one([](CoordinatorConfig& c) { c.init_min_clients = 257; }, "config.init_min_clients");
  check_one([](CoordinatorConfig& c) { c.global_batch_size_end = 7; },
            "config.global_batch_size_end");
  check_one([](CoordinatorConfig& c) { c.total_steps = 0; }, "config.total_steps");
  check_one([](CoordinatorConfig& c) { c.witness_nodes = 2; }, "config.witness_nodes");
  check_one([](CoordinatorConfig& c) { c.cooldown_time = 0; }, "config.cooldown_time");
  check_one([](CoordinatorConfig& c) { c.waiting_for_members_extra_time = 0; },
            "config.waiting_for_members_extra_time");
  // witness_nodes over 32 even with enough min_clients.
  CoordinatorConfig c = ValidConfig();
  c.min_clients = 40;
  c.init_min_clients = 40;
  c.witness_nodes = 33;
  EXPECT_THAT(Fields(CheckCoordinatorConfig(c)), ElementsAre("config.witness_nodes"));
  c.witness_nodes = 32;
  EXPECT_THAT(CheckCoordinatorConfig(c), IsEmpty());
  c.init_min_clients = 256;
  EXPECT_THAT(CheckCoordinatorConfig(c), IsEmpty());
}

TEST(RunConfigCheckTest, ModelRules) {
  LLM llm = ValidLLM();
  llm.max_seq_len = 0;
  llm.checkpoint = CheckpointEphemeral{};
  llm.optimizer = OptimizerDummy{};
  llm.data_location = DataLocationServer{""};
  auto failures = CheckModel(llm);
  EXPECT_THAT(Fields(failures),
              ElementsAre("model.LLM.max_seq_len", "model.LLM.data_location.Server",
                          "model.LLM.checkpoint", "model.LLM.optimizer"));
  for (const auto& f : failures) EXPECT_EQ(f.program_error, "ModelSanityCheckFailed");

  auto fields_for = [](LLMTrainingDataLocation loc) {
    LLM m = ValidLLM();
    m.data_location = std::move(loc);
    return Fields(CheckModel(m));
  };
  EXPECT_THAT(fields_for(DataLocationDummy{}), IsEmpty());
  EXPECT_THAT(fields_for(DataLocationLocal{""}), IsEmpty());
  EXPECT_THAT(fields_for(DataLocationWeightedHttp{""}),
              ElementsAre("model.LLM.data_location.WeightedHttp"));
  EXPECT_THAT(fields_for(DataLocationPreprocessed{""}),
              ElementsAre("model.LLM.data_location.Preprocessed"));
  EXPECT_THAT(fields_for(DataLocationHttp{HttpSingleUrl{""}, TokenSize::kTwoBytes, {}}),
              ElementsAre("model.LLM.data_location.Http.location.SingleUrl"));
  EXPECT_THAT(
      fields_for(DataLocationHttp{HttpNumberedFiles{"", 0, 0, 0}, TokenSize::kTwoBytes, {}}),
      ElementsAre("model.LLM.data_location.Http.location.NumberedFiles.url_template",
                  "model.LLM.data_location.Http.location.NumberedFiles.num_files"));
  EXPECT_THAT(fields_for(DataLocationHttp{HttpGcp{"", "x"}, TokenSize::kTwoBytes, {}}),
              ElementsAre("model.LLM.data_location.Http.location.Gcp.bucket_name"));

  auto checkpoint_fields = [](Checkpoint c) {
    LLM m = ValidLLM();
    m.checkpoint = std::move(c);
    return Fields(CheckModel(m));
  };
  EXPECT_THAT(checkpoint_fields(CheckpointDummy{{"", std::nullopt}}), IsEmpty());
  EXPECT_THAT(checkpoint_fields(CheckpointP2P{{"", std::nullopt}}),
              ElementsAre("model.LLM.checkpoint.P2P.repo_id"));
  EXPECT_THAT(checkpoint_fields(CheckpointGcs{{"", "p"}}),
              ElementsAre("model.LLM.checkpoint.Gcs.bucket"));
  EXPECT_THAT(checkpoint_fields(CheckpointP2PGcs{{"b", std::nullopt}}), IsEmpty());

  LLM adamw = ValidLLM();
  adamw.optimizer = OptimizerAdamW{};
  EXPECT_THAT(CheckModel(adamw), IsEmpty());
}

TEST(RunConfigCheckTest, ColdStartLimit) {
  CoordinatorConfig c = ValidConfig();  // (60 - 15) / 15 = 3
  LLM llm = ValidLLM();
  llm.cold_start_warmup_steps = 3;
  EXPECT_THAT(CheckColdStart(c, llm), IsEmpty());
  llm.cold_start_warmup_steps = 4;
  auto failures = CheckColdStart(c, llm);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].field, "model.LLM.cold_start_warmup_steps");
  EXPECT_EQ(failures[0].program_error, "ConfigSanityCheckFailed");
  EXPECT_THAT(failures[0].reason, HasSubstr("= 3"));
  // Undefined for an invalid config: left to the config check.
  EXPECT_THAT(CheckColdStart(CoordinatorConfig{}, llm), IsEmpty());
}

TEST(RunConfigCheckTest, ProgressRule) {
  EXPECT_THAT(CheckProgress({0, 1, 0}), IsEmpty());
  auto failures = CheckProgress({0, 0, 0});
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].field, "progress.step");
  EXPECT_EQ(failures[0].program_error, "ModelSanityCheckFailed");
}

TEST(RunConfigCheckTest, FormatNamesFieldAndProgramError) {
  EXPECT_EQ(
      FormatCheckFailure({"config.epoch_time", "must be > 0 (is 0)", "ConfigSanityCheckFailed"}),
      "config.epoch_time: must be > 0 (is 0) (the program would fail with "
      "ConfigSanityCheckFailed)");
}

}  // namespace
}  // namespace psyche
