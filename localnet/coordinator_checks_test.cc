#include "localnet/coordinator_checks.h"

#include <gtest/gtest.h>

namespace localnet {
namespace {

using psyche::CoordinatorConfig;

CoordinatorConfig Valid() {
  CoordinatorConfig c;
  c.warmup_time = 15;
  c.cooldown_time = 30;
  c.max_round_train_time = 15;
  c.round_witness_time = 1;
  c.epoch_time = 60;
  c.total_steps = 100;
  c.init_min_clients = 2;
  c.min_clients = 1;
  c.witness_nodes = 1;
  c.global_batch_size_start = 8;
  c.global_batch_size_end = 8;
  c.waiting_for_members_extra_time = 3;
  return c;
}

psyche::Model ValidModel(uint32_t cold_start_steps = 0) {
  psyche::LLM llm;
  llm.max_seq_len = 2048;
  llm.cold_start_warmup_steps = cold_start_steps;
  llm.checkpoint = psyche::CheckpointHub{{"org/repo", std::nullopt}};
  llm.optimizer = psyche::OptimizerDistro{};
  return llm;
}

TEST(CoordinatorChecksTest, EachConfigRuleFailsOnItsOwn) {
  EXPECT_TRUE(CoordinatorConfigIsValid(Valid()));
  auto broken = [](auto mutate) {
    CoordinatorConfig c = Valid();
    mutate(c);
    return CoordinatorConfigIsValid(c);
  };
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.epoch_time = 0; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.warmup_time = 60; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.max_round_train_time = 0; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.max_round_train_time = 60; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.round_witness_time = 0; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.min_clients = 0; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.min_clients = 3; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.init_min_clients = 257; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.global_batch_size_start = 0; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.global_batch_size_end = 4; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.total_steps = 0; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.witness_nodes = 2; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.cooldown_time = 0; }));
  EXPECT_FALSE(broken([](CoordinatorConfig& c) { c.waiting_for_members_extra_time = 0; }));
}

TEST(CoordinatorChecksTest, ModelRules) {
  EXPECT_TRUE(ModelIsValid(ValidModel()));
  psyche::Model m = ValidModel();
  std::get<psyche::LLM>(m).max_seq_len = 0;
  EXPECT_FALSE(ModelIsValid(m));
  m = ValidModel();
  std::get<psyche::LLM>(m).checkpoint = psyche::CheckpointHub{};  // empty repo id
  EXPECT_FALSE(ModelIsValid(m));
  std::get<psyche::LLM>(m).checkpoint = psyche::CheckpointDummy{};  // passes even empty
  EXPECT_TRUE(ModelIsValid(m));
  std::get<psyche::LLM>(m).data_location =
      psyche::DataLocationHttp{psyche::HttpNumberedFiles{"u{}", 0, 0, 0}, {}, {}};
  EXPECT_FALSE(ModelIsValid(m));  // num_files 0
  std::get<psyche::LLM>(m).data_location = psyche::DataLocationLocal{};
  EXPECT_TRUE(ModelIsValid(m));
  std::get<psyche::LLM>(m).optimizer = psyche::OptimizerDummy{};
  EXPECT_FALSE(ModelIsValid(m));
}

TEST(CoordinatorChecksTest, ColdStartBound) {
  // (60 - 15) / 15 = 3 steps at most.
  EXPECT_EQ(CheckColdStart(Valid(), ValidModel(3)), ColdStartCheck::kOk);
  EXPECT_EQ(CheckColdStart(Valid(), ValidModel(4)), ColdStartCheck::kFailed);
  EXPECT_EQ(CheckColdStart(CoordinatorConfig{}, ValidModel(1)), ColdStartCheck::kDivisionByZero);
  EXPECT_EQ(CheckColdStart(CoordinatorConfig{}, ValidModel(0)), ColdStartCheck::kOk);
}

}  // namespace
}  // namespace localnet
