#include "providers/psyche/run_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "providers/psyche/coordinator_borsh.h"
#include "providers/psyche/hex.h"
#include "providers/psyche/restart_progress.h"
#include "providers/psyche/run_config_check.h"
#include "providers/psyche/spec_vectors_for_test.h"
#include "providers/solana/pubkey.h"

namespace psyche {
namespace {

using ::testing::HasSubstr;

std::string FixturePath(const std::string& name) {
  return std::string(PSYCHE_SOURCE_DIR) + "/tests/fixtures/run-configs/" + name;
}

// coordinator.md 6.6: every run config and its update(config, model) data size.
TEST(RunConfigTest, FixturesEncodeToSpecSizesAndPassChecks) {
  const std::vector<std::pair<std::string, size_t>> cases = {
      {"consilience-match-llama2-20m-fineweb-pretrain-dev__state.toml", 263},
      {"kill-test-short-epoch-checkpoint__state.toml", 263},
      {"llama2-20m-dolma-noverify-first-checkpointer__state.toml", 263},
      {"llama2-20m-dolma-noverify-no-checkpointer__state.toml", 263},
      {"llama2-20m-dolma-verify-first-checkpointer__state.toml", 263},
      {"test__state.toml", 188},
      {"solana-test__config.toml", 462},
      {"solana-test__light-config.toml", 462},
      {"solana-test__light-config-gcs.toml", 462},
      {"solana-test__nano-config.toml", 462},
  };
  for (const auto& [name, size] : cases) {
    auto rc = ReadRunConfigFile(FixturePath(name));
    ASSERT_TRUE(rc.ok()) << name << ": " << rc.status();
    auto data = EncodeUpdateConfigData(*rc);
    ASSERT_TRUE(data.ok()) << name << ": " << data.status();
    EXPECT_EQ(data->size(), size) << name;
    auto failures = CheckRunConfig(*rc);
    if (name == "test__state.toml") {
      ASSERT_EQ(failures.size(), 1u) << name;
      EXPECT_EQ(failures[0].field, "model.LLM.optimizer");
      EXPECT_EQ(failures[0].program_error, "ModelSanityCheckFailed");
      EXPECT_THAT(FormatCheckFailure(failures[0]), HasSubstr("Dummy"));
    } else {
      EXPECT_TRUE(failures.empty()) << name << ": " << FormatCheckFailure(failures[0]);
    }
  }
}

// coordinator.md 8.3.
TEST(RunConfigTest, SolanaTestConfigMatchesSpecVector) {
  auto rc = ReadRunConfigFile(FixturePath("solana-test__config.toml"));
  ASSERT_TRUE(rc.ok()) << rc.status();
  auto data = EncodeUpdateConfigData(*rc);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(HexEncode(*data), spec_vectors::kUpdateDataSolanaTestConfigHex);
  EXPECT_EQ(HexEncode(solana::Sha256({*data}).view()),
            spec_vectors::kUpdateDataSolanaTestConfigSha256);
}

// --restart-from-step 1201 in epoch 3: the 8.3 data with `01` + progress
// {3, 1201, 1200 x 2048} in place of the final `00`.
TEST(RunConfigTest, RestartProgressIsAppended) {
  auto rc = ReadRunConfigFile(FixturePath("solana-test__config.toml"));
  ASSERT_TRUE(rc.ok()) << rc.status();
  auto progress = RestartFromStepProgress(*rc, 1201, 3);
  ASSERT_TRUE(progress.ok());
  auto data = EncodeUpdateConfigData(*rc, *progress);
  ASSERT_TRUE(data.ok());
  std::string want = spec_vectors::kUpdateDataSolanaTestConfigHex;
  want.replace(want.size() - 2, 2,
               "01"
               "0300"
               "b1040000"
               "0080250000000000");
  EXPECT_EQ(HexEncode(*data), want);
}

// coordinator.md 8.4, through the TOML parser this time.
TEST(RunConfigTest, NanoConfigModelMatchesSpecVector) {
  auto rc = ReadRunConfigFile(FixturePath("solana-test__nano-config.toml"));
  ASSERT_TRUE(rc.ok()) << rc.status();
  auto model = EncodeModel(rc->model);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(HexEncode(*model), spec_vectors::kModelNanoConfigHex);
}

TEST(RunConfigTest, GcsFixtureParsesGcsCheckpoint) {
  auto rc = ReadRunConfigFile(FixturePath("solana-test__light-config-gcs.toml"));
  ASSERT_TRUE(rc.ok()) << rc.status();
  const auto* gcs = std::get_if<CheckpointGcs>(&std::get<LLM>(rc->model).checkpoint);
  ASSERT_NE(gcs, nullptr);
  EXPECT_EQ(gcs->repo.bucket, "llama220minit");
  EXPECT_FALSE(gcs->repo.prefix.has_value());
}

TEST(RunConfigTest, DataServerConfigsAreRecognized) {
  for (const char* name : {"consilience-match-llama2-20m-fineweb-pretrain-dev__data.toml",
                           "kill-test-short-epoch-checkpoint__data.toml",
                           "llama2-20m-dolma-noverify-first-checkpointer__data.toml",
                           "llama2-20m-dolma-noverify-no-checkpointer__data.toml",
                           "llama2-20m-dolma-verify-first-checkpointer__data.toml"}) {
    auto rc = ReadRunConfigFile(FixturePath(name));
    ASSERT_FALSE(rc.ok()) << name;
    EXPECT_THAT(rc.status().message(), HasSubstr("data-server config")) << name;
    EXPECT_THAT(rc.status().message(), HasSubstr("not a run config")) << name;
    EXPECT_THAT(rc.status().message(), HasSubstr(name));
  }
}

TEST(RunConfigTest, MissingFileIsNotFound) {
  auto rc = ReadRunConfigFile(FixturePath("no-such-file.toml"));
  EXPECT_EQ(rc.status().code(), absl::StatusCode::kNotFound);
}

// A complete config exercising the remaining variants (the 8.4 synthetic model).
constexpr char kSynthetic[] = R"(
[config]
warmup_time = 15
cooldown_time = 30
epoch_time = 120
max_round_train_time = 15
round_witness_time = 1
min_clients = 1
init_min_clients = 1
verification_percent = 0
witness_nodes = 0
global_batch_size_start = 8
global_batch_size_end = 8
global_batch_size_warmup_tokens = 0
total_steps = 100
waiting_for_members_extra_time = 3

[model.LLM]
architecture = "HfAuto"
data_type = "Finetuning"
max_seq_len = 1024
cold_start_warmup_steps = 5
checkpoint = { Gcs = { bucket = "my-bucket", prefix = "ckpt/run1" } }

[model.LLM.data_location.Http]
token_size_in_bytes = "FourBytes"
shuffle = { Seeded = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32] }
location = { NumberedFiles = { url_template = "https://example.com/data/{}.ds", start_index = 0, n_left_pad_zeros = 3, num_files = 12 } }

[model.LLM.lr_schedule.Constant]
base_lr = 1e-4
warmup_init_lr = 0
warmup_steps = 100

[model.LLM.optimizer.AdamW]
betas = [0.9, 0.95]
weight_decay = 0.1
eps = 1e-8
clip_grad_norm = 1
)";

TEST(RunConfigTest, SyntheticConfigMatchesSpecModelVector) {
  auto rc = ParseRunConfig(kSynthetic, "synthetic.toml");
  ASSERT_TRUE(rc.ok()) << rc.status();
  auto model = EncodeModel(rc->model);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(HexEncode(*model), spec_vectors::kModelSyntheticHex);
  EXPECT_TRUE(CheckRunConfig(*rc).empty());
}

// Replaces the first occurrence of `from` in kSynthetic.
std::string Edit(const std::string& from, const std::string& to) {
  std::string s = kSynthetic;
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::string ErrorOf(const std::string& text) {
  auto rc = ParseRunConfig(text, "bad.toml");
  EXPECT_FALSE(rc.ok());
  return rc.ok() ? "" : std::string(rc.status().message());
}

TEST(RunConfigTest, MissingKeyNamesFileLineAndKey) {
  std::string msg = ErrorOf(Edit("total_steps = 100\n", ""));
  EXPECT_THAT(msg, HasSubstr("bad.toml:2:"));  // the [config] header
  EXPECT_THAT(msg, HasSubstr("config.total_steps: missing required key"));
  msg = ErrorOf(Edit("eps = 1e-8\n", ""));
  EXPECT_THAT(msg, HasSubstr("model.LLM.optimizer.AdamW.eps: missing required key"));
  msg = ErrorOf(Edit("[config]", "[configuration]"));
  EXPECT_THAT(msg, HasSubstr("config: missing required key"));
  EXPECT_THAT(msg, HasSubstr("bad.toml:2:2: configuration: unknown key"));
}

TEST(RunConfigTest, ExtraKeysAreRejectedWithTheirLine) {
  std::string msg =
      ErrorOf(Edit("total_steps = 100\n", "total_steps = 100\nrounds_per_epoch = 3\n"));
  EXPECT_THAT(msg, HasSubstr("bad.toml:16:1: config.rounds_per_epoch: unknown key"));
  msg = ErrorOf(Edit("eps = 1e-8\n", "eps = 1e-8\nmomentum = 0.9\n"));
  EXPECT_THAT(msg, HasSubstr("model.LLM.optimizer.AdamW.momentum: unknown key"));
  msg = ErrorOf(std::string(kSynthetic) + "\n[extra]\nx = 1\n");
  EXPECT_THAT(msg, HasSubstr("extra: unknown key"));
  // Two variant keys in one enum table.
  msg = ErrorOf(
      Edit("[model.LLM.lr_schedule.Constant]",
           "[model.LLM.lr_schedule.Linear]\nbase_lr = 1.0\n[model.LLM.lr_schedule.Constant]"));
  EXPECT_THAT(msg, HasSubstr("model.LLM.lr_schedule: expected exactly one variant key, found 2"));
}

TEST(RunConfigTest, OutOfRangeNumbersAreRejected) {
  std::string msg = ErrorOf(Edit("verification_percent = 0", "verification_percent = 256"));
  EXPECT_THAT(msg, HasSubstr("bad.toml:10:24: config.verification_percent: value 256 out of "
                             "range for u8 (0..255)"));
  msg = ErrorOf(Edit("min_clients = 1", "min_clients = 65536"));
  EXPECT_THAT(msg, HasSubstr("config.min_clients: value 65536 out of range for u16"));
  msg = ErrorOf(Edit("total_steps = 100", "total_steps = 4294967296"));
  EXPECT_THAT(msg, HasSubstr("config.total_steps: value 4294967296 out of range for u32"));
  msg = ErrorOf(Edit("warmup_time = 15", "warmup_time = -1"));
  EXPECT_THAT(msg, HasSubstr("config.warmup_time: value -1 out of range for u64"));
  msg = ErrorOf(Edit("eps = 1e-8", "eps = 1e39"));
  EXPECT_THAT(msg, HasSubstr("model.LLM.optimizer.AdamW.eps: value 1e+39 out of range for f32"));
  msg = ErrorOf(Edit("base_lr = 1e-4", "base_lr = nan"));
  EXPECT_THAT(msg, HasSubstr("model.LLM.lr_schedule.Constant.base_lr: NaN and infinity"));
  msg = ErrorOf(Edit("12, 13, 14", "12, 256, 14"));
  EXPECT_THAT(msg, HasSubstr("data_location.Http.shuffle.Seeded[12]: value 256 out of range"));
  msg = ErrorOf(Edit("[1, 2, 3, 4,", "[2, 3, 4,"));
  EXPECT_THAT(msg, HasSubstr("shuffle.Seeded: expected an array of exactly 32 integers"));
}

TEST(RunConfigTest, WrongTypesAreRejected) {
  std::string msg = ErrorOf(Edit("max_seq_len = 1024", "max_seq_len = 1024.0"));
  EXPECT_THAT(msg,
              HasSubstr("bad.toml:21:15: model.LLM.max_seq_len: expected an integer, got a float"));
  msg = ErrorOf(Edit("max_seq_len = 1024", "max_seq_len = \"1024\""));
  EXPECT_THAT(msg, HasSubstr("model.LLM.max_seq_len: expected an integer, got a string"));
  msg = ErrorOf(Edit("eps = 1e-8", "eps = \"small\""));
  EXPECT_THAT(msg, HasSubstr("model.LLM.optimizer.AdamW.eps: expected a number, got a string"));
  msg = ErrorOf(Edit("architecture = \"HfAuto\"", "architecture = \"hfauto\""));
  EXPECT_THAT(msg, HasSubstr("model.LLM.architecture: unknown variant \"hfauto\""));
  msg = ErrorOf(Edit("data_type = \"Finetuning\"", "data_type = 1"));
  EXPECT_THAT(msg, HasSubstr("model.LLM.data_type: expected a variant name string"));
  msg = ErrorOf(Edit("[model.LLM.lr_schedule.Constant]", "[model.LLM.lr_schedule.Exponential]"));
  EXPECT_THAT(msg, HasSubstr("model.LLM.lr_schedule.Exponential: unknown variant"));
  msg = ErrorOf(Edit("[model.LLM.optimizer.AdamW]\n", "[model.LLM.optimizer.Dummy]\n"));
  EXPECT_THAT(msg, HasSubstr("model.LLM.optimizer.Dummy: unit variant"));
  msg = ErrorOf(Edit("checkpoint = { Gcs = ", "checkpoint = { Hub = "));
  EXPECT_THAT(msg, HasSubstr("model.LLM.checkpoint.Hub.repo_id: missing required key"));
  EXPECT_THAT(msg, HasSubstr("model.LLM.checkpoint.Hub.bucket: unknown key"));
}

TEST(RunConfigTest, OverlongStringsAreRejected) {
  std::string msg =
      ErrorOf(Edit("bucket = \"my-bucket\"", "bucket = \"" + std::string(65, 'b') + "\""));
  EXPECT_THAT(msg, HasSubstr("model.LLM.checkpoint.Gcs.bucket: string is 65 bytes; at most 64"));
  EXPECT_TRUE(
      ParseRunConfig(Edit("bucket = \"my-bucket\"", "bucket = \"" + std::string(64, 'b') + "\""),
                     "ok.toml")
          .ok());
}

TEST(RunConfigTest, AllErrorsAreReported) {
  std::string text = Edit("min_clients = 1", "min_clients = -3");
  size_t at = text.find("eps = 1e-8");
  text.replace(at, 10, "eps = true");
  auto rc = ParseRunConfig(text, "bad.toml");
  ASSERT_FALSE(rc.ok());
  EXPECT_THAT(rc.status().message(), HasSubstr("config.min_clients"));
  EXPECT_THAT(rc.status().message(), HasSubstr("model.LLM.optimizer.AdamW.eps"));
}

TEST(RunConfigTest, SyntaxErrorsNameFileAndLine) {
  std::string msg = ErrorOf("[config]\nwarmup_time = = 3\n");
  EXPECT_THAT(msg, HasSubstr("bad.toml:2:"));
  EXPECT_THAT(msg, HasSubstr("TOML syntax error"));
}

TEST(RunConfigTest, NothingCrashesOnOddInput) {
  for (const char* text : {"", "x", "[[config]]\n", "config = 3\nmodel = []\n",
                           "model = { LLM = 1 }\n", "\xff\xfe", "[model.LLM.checkpoint]\n"}) {
    EXPECT_FALSE(ParseRunConfig(text, "odd.toml").ok()) << text;
  }
}

}  // namespace
}  // namespace psyche

namespace psyche {
namespace {

// Byte-level mutations of a real file: parse must return, never throw or crash.
TEST(RunConfigTest, MutatedFilesNeverCrash) {
  std::ifstream in(FixturePath("solana-test__nano-config.toml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(text.empty());
  size_t ok = 0;
  for (size_t i = 0; i < text.size(); i += 3) {
    for (char c : {'\0', '"', '[', '=', '\n', '9', '-', '.', 'x', '\xff'}) {
      std::string m = text;
      m[i] = c;
      if (ParseRunConfig(m, "mutated.toml").ok()) ++ok;
    }
  }
  EXPECT_GT(ok, 0u);
}

}  // namespace
}  // namespace psyche
