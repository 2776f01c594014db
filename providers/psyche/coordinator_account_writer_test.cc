#include "providers/psyche/coordinator_account_writer.h"

#include <gtest/gtest.h>

#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/testing_fixtures.h"

namespace psyche {
namespace {

solana::Pubkey KeyOf(uint8_t first) {
  std::array<uint8_t, 32> b{};
  for (size_t i = 0; i < 32; ++i) b[i] = static_cast<uint8_t>(first + i);
  return solana::Pubkey(b);
}

// Spec 3.2: the v1 dump's only bytes outside defined fields are stale union/padding bytes at
// these data offsets; with them zeroed, re-encoding the decoded state reproduces the dump.
TEST(CoordinatorAccountWriterTest, ReproducesV1FixtureExceptGarbageBytes) {
  solana::Bytes fixture = testing::ReadFixture("coordinator-account-v1.so");
  auto state = DecodeCoordinatorAccount(fixture);
  ASSERT_TRUE(state.ok()) << state.status();
  auto image = EncodeCoordinatorAccount(*state);
  ASSERT_TRUE(image.ok()) << image.status();
  ASSERT_EQ(image->size(), fixture.size());
  size_t garbage = 0;
  for (auto [from, to] :
       {std::pair<size_t, size_t>{848, 856}, {884, 888}, {920, 926}, {965, 968}}) {
    for (size_t i = from; i < to; ++i) {
      if (fixture[i] != 0) ++garbage;
      fixture[i] = 0;
    }
  }
  EXPECT_GT(garbage, 0u);  // the dump really has stale bytes there
  for (size_t i = 0; i < fixture.size(); ++i) {
    ASSERT_EQ((*image)[i], fixture[i]) << "data offset " << i;
  }
}

CoordinatorState Synthetic() {
  CoordinatorState s;
  s.metadata = {"name", std::string(280, 'd'), 7, 8};
  s.run_id = std::string(32, 'r');
  s.run_state = RunState::kRoundWitness;
  LLM llm;
  llm.max_seq_len = 1024;
  llm.cold_start_warmup_steps = 5;
  llm.architecture = LLMArchitecture::kHfAuto;
  llm.checkpoint = CheckpointGcs{GcsRepo{"my-bucket", "ckpt/run1"}};
  llm.data_type = LLMTrainingDataType::kFinetuning;
  ShuffleSeeded seeded;
  for (uint8_t i = 0; i < 32; ++i) seeded.seed[i] = i + 1;
  llm.data_location = DataLocationHttp{
      HttpNumberedFiles{"https://example.com/data/{}.ds", 0, 3, 12}, TokenSize::kFourBytes, seeded};
  llm.lr_schedule = LrConstant{1e-4, 0.0, 100};
  llm.optimizer = OptimizerAdamW{{0.9f, 0.95f}, 0.1f, 1e-8f, 1.0f};
  s.model = llm;
  s.config = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  s.progress = {3, 1200, 2457600};
  s.epoch_state.rounds[2] = {0, 99, 42, 17, 5, 1};
  s.epoch_state.clients = {{{KeyOf(1), KeyOf(2)}, ClientState::kHealthy, 0},
                           {{KeyOf(3), KeyOf(4)}, ClientState::kWithdrawn, 9}};
  s.epoch_state.exited_clients = {{{KeyOf(5), KeyOf(6)}, ClientState::kEjected, 11}};
  s.epoch_state.rounds_head = 2;
  s.epoch_state.start_step = 1190;
  s.epoch_state.last_step = 1300;
  s.epoch_state.start_timestamp = 1750000000;
  s.epoch_state.first_round = true;
  s.epoch_state.cold_start_epoch = true;
  s.run_state_start_unix_timestamp = 1750000100;
  s.pending_pause = true;
  s.clients_state.clients = {{{KeyOf(1), KeyOf(2)}, 10, 0, 4}, {{KeyOf(3), KeyOf(4)}, 0, 5, 3}};
  s.clients_state.next_active = 4;
  s.clients_state.current_epoch_rates = {1000, 7};
  s.clients_state.future_epoch_rates = {2000, 8};
  s.is_warmup_first_tick = true;
  s.client_version = std::string(96, 'v');
  s.nonce = 99;
  return s;
}

TEST(CoordinatorAccountWriterTest, RoundTripsEveryField) {
  CoordinatorState s = Synthetic();
  auto image = EncodeCoordinatorAccount(s);
  ASSERT_TRUE(image.ok()) << image.status();
  auto back = DecodeCoordinatorAccount(*image);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, s);
}

TEST(CoordinatorAccountWriterTest, RoundTripsEveryVariant) {
  const Checkpoint checkpoints[] = {
      CheckpointEphemeral{},
      CheckpointDummy{HubRepo{"d", std::nullopt}},
      CheckpointHub{HubRepo{std::string(64, 'h'), std::string(64, 'x')}},
      CheckpointP2P{HubRepo{"p", "rev"}},
      CheckpointGcs{GcsRepo{"b", std::nullopt}},
      CheckpointP2PGcs{GcsRepo{"b2", "pre"}}};
  const LLMTrainingDataLocation locations[] = {
      DataLocationDummy{},
      DataLocationServer{"127.0.0.1:20001"},
      DataLocationLocal{std::string(192, 'l')},
      DataLocationHttp{HttpSingleUrl{"https://x/y.ds"}, TokenSize::kTwoBytes, ShuffleDontShuffle{}},
      DataLocationHttp{HttpGcp{"bucket", ""}, TokenSize::kFourBytes, ShuffleDontShuffle{}},
      DataLocationWeightedHttp{"https://w.json"},
      DataLocationPreprocessed{"gs://pre"}};
  const LearningRateSchedule schedules[] = {LrConstant{1, 2, 3}, LrLinear{1, 2, 3, 4, 5},
                                            LrCosine{6, 7, 8, 9, 10},
                                            LrWarmupStableDecay{1, 2, 3, 4, 5, 6, 7, 8}};
  const OptimizerDefinition optimizers[] = {OptimizerDummy{},
                                            OptimizerAdamW{{0.5f, 0.25f}, 0, 1e-6f, std::nullopt},
                                            OptimizerDistro{std::nullopt, 0.5f, 0.75f, 1, 2, true}};
  CoordinatorState s = Synthetic();
  auto check = [&] {
    auto image = EncodeCoordinatorAccount(s);
    ASSERT_TRUE(image.ok()) << image.status();
    auto back = DecodeCoordinatorAccount(*image);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(std::get<LLM>(back->model), std::get<LLM>(s.model));
  };
  for (const auto& c : checkpoints) {
    std::get<LLM>(s.model).checkpoint = c;
    check();
  }
  for (const auto& d : locations) {
    std::get<LLM>(s.model).data_location = d;
    check();
  }
  for (const auto& l : schedules) {
    std::get<LLM>(s.model).lr_schedule = l;
    check();
  }
  for (const auto& o : optimizers) {
    std::get<LLM>(s.model).optimizer = o;
    check();
  }
}

TEST(CoordinatorAccountWriterTest, RejectsOverCapacity) {
  CoordinatorState s = Synthetic();
  s.run_id = std::string(33, 'r');
  auto r = EncodeCoordinatorAccount(s);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("run_id"), std::string::npos);
  s = Synthetic();
  s.clients_state.clients.resize(257);
  EXPECT_FALSE(EncodeCoordinatorAccount(s).ok());
  s = Synthetic();
  std::get<LLM>(s.model).checkpoint = CheckpointHub{HubRepo{"r", std::string(65, 'x')}};
  EXPECT_FALSE(EncodeCoordinatorAccount(s).ok());
}

}  // namespace
}  // namespace psyche
