#include "providers/psyche/coordinator_account.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <set>

#include "providers/psyche/psyche_program_ids.h"
#include "providers/psyche/testing_fixtures.h"

namespace psyche {
namespace {

using solana::Bytes;
using solana::ByteView;

Bytes V1() { return testing::ReadFixture("coordinator-account-v1.so"); }
Bytes V0() { return testing::ReadFixture("coordinator-account-v0.so"); }

void ExpectError(const Bytes& data, absl::string_view needle1, absl::string_view needle2 = "") {
  auto r = DecodeCoordinatorAccount(data);
  ASSERT_FALSE(r.ok()) << "expected an error mentioning " << needle1;
  EXPECT_NE(r.status().message().find(needle1), absl::string_view::npos) << r.status();
  EXPECT_NE(r.status().message().find(needle2), absl::string_view::npos) << r.status();
}

// ---- Spec 8.6, v1 dump ----
TEST(CoordinatorAccountTest, DecodesV1Fixture) {
  Bytes data = V1();
  ASSERT_EQ(data.size(), kCoordinatorAccountSize);
  auto r = DecodeCoordinatorAccount(data);
  ASSERT_TRUE(r.ok()) << r.status();
  const CoordinatorState& s = *r;
  EXPECT_EQ(s.layout, CoordinatorLayout::kV1);
  EXPECT_EQ(s.nonce, 2u);
  EXPECT_EQ(s.metadata, (RunMetadata{"", "", 1100000000, 32768}));
  EXPECT_EQ(s.run_id, "test");
  EXPECT_EQ(s.run_state, RunState::kUninitialized);

  ASSERT_EQ(s.model.index(), 0u);
  const LLM& llm = std::get<LLM>(s.model);
  EXPECT_EQ(llm.max_seq_len, 2048u);
  EXPECT_EQ(llm.cold_start_warmup_steps, 0u);
  EXPECT_EQ(llm.architecture, LLMArchitecture::kHfLlama);
  EXPECT_EQ(llm.checkpoint,
            Checkpoint(CheckpointHub{HubRepo{"emozilla/llama2-1.1b-gqa-init", std::nullopt}}));
  EXPECT_EQ(llm.data_type, LLMTrainingDataType::kPretraining);
  EXPECT_EQ(llm.data_location,
            LLMTrainingDataLocation(DataLocationHttp{
                HttpGcp{"nous-pretraining-public-us", "fineweb-edu-tokenized-llama2"},
                TokenSize::kTwoBytes, ShuffleDontShuffle{}}));
  EXPECT_EQ(llm.lr_schedule, LearningRateSchedule(LrCosine{0.0004, 0.0, 0.00004, 250, 25000}));
  EXPECT_EQ(llm.optimizer,
            OptimizerDefinition(OptimizerDistro{1.0f, std::nullopt, 0.999f, 2, 64, false}));

  EXPECT_EQ(s.config, (CoordinatorConfig{15, 30, 15, 1, 0, 60, 25000, 1, 1, 0, 2048, 2048, 0, 3}));
  EXPECT_EQ(s.rounds_per_epoch, std::nullopt);
  EXPECT_EQ(s.progress, (CoordinatorProgress{0, 0, 0}));
  EXPECT_EQ(s.epoch_state, EpochState{});  // all zero; no v0-only checkpointed field
  EXPECT_EQ(s.run_state_start_unix_timestamp, 0u);
  EXPECT_FALSE(s.pending_pause);
  EXPECT_TRUE(s.clients_state.clients.empty());
  EXPECT_EQ(s.clients_state.next_active, 0u);
  EXPECT_EQ(s.clients_state.current_epoch_rates, (ClientsEpochRates{0, 0}));
  EXPECT_EQ(s.clients_state.future_epoch_rates, (ClientsEpochRates{1000000, 0}));
  EXPECT_FALSE(s.is_warmup_first_tick);
  EXPECT_FALSE(s.is_training_first_tick);
  EXPECT_EQ(s.client_version, std::optional<std::string>("test"));
}

// ---- Spec 8.6, v0 dump ----
TEST(CoordinatorAccountTest, DecodesV0Fixture) {
  Bytes data = V0();
  ASSERT_EQ(data.size(), kCoordinatorAccountSizeV0);
  auto r = DecodeCoordinatorAccount(data);
  ASSERT_TRUE(r.ok()) << r.status();
  const CoordinatorState& s = *r;
  EXPECT_EQ(s.layout, CoordinatorLayout::kV0);
  EXPECT_EQ(s.nonce, 563234u);
  EXPECT_EQ(s.metadata, (RunMetadata{"Nous-Consilience-40B", "A 40B dense DeepSeek-style LLM",
                                     40202144256ull, 129280}));
  EXPECT_EQ(s.run_id, "consilience-40b-1");
  EXPECT_EQ(s.run_state, RunState::kRoundTrain);

  const LLM& llm = std::get<LLM>(s.model);
  EXPECT_EQ(llm.max_seq_len, 2048u);
  EXPECT_EQ(llm.cold_start_warmup_steps, 100u);
  EXPECT_EQ(llm.architecture, LLMArchitecture::kHfDeepseek);
  EXPECT_EQ(llm.checkpoint,
            Checkpoint(CheckpointP2P{HubRepo{"PsycheFoundation/consilience-40b-7Y9v38s5",
                                             "98cf7b01fb5a1367916e2d9c06984098ff1f0cc5"}}));
  EXPECT_EQ(llm.data_type, LLMTrainingDataType::kPretraining);
  EXPECT_EQ(llm.data_location, LLMTrainingDataLocation(DataLocationWeightedHttp{
                                   "https://storage.googleapis.com/nous-pretraining-public-us/"
                                   "consilience-stage1-mix.json"}));
  EXPECT_EQ(llm.lr_schedule, LearningRateSchedule(LrWarmupStableDecay{1e-4, 0.0, 1e-5, 1e-5, 2000,
                                                                      161000, 150000, 12000}));
  EXPECT_EQ(llm.optimizer, OptimizerDefinition(OptimizerDistro{1.0f, 0.1f, 0.995f, 4, 64, true}));

  // v0 has rounds_per_epoch instead of epoch_time and no waiting_for_members_extra_time.
  EXPECT_EQ(s.config, (CoordinatorConfig{3600, 360, 430, 10, 549755813888ull, 0, 325000, 24, 24, 0,
                                         12288, 32768, 0, 0}));
  EXPECT_EQ(s.rounds_per_epoch, std::optional<uint32_t>(200));
  EXPECT_EQ(s.progress, (CoordinatorProgress{97, 11265, 214228961}));

  const EpochState& e = s.epoch_state;
  ASSERT_EQ(e.clients.size(), 63u);
  EXPECT_TRUE(e.exited_clients.empty());
  EXPECT_EQ(e.rounds_head, 0u);
  EXPECT_EQ(e.start_step, 11089u);
  EXPECT_FALSE(e.first_round);
  EXPECT_EQ(e.checkpointed, std::optional<bool>(true));
  EXPECT_FALSE(e.cold_start_epoch);
  const uint32_t heights[4] = {176, 173, 174, 175};
  const uint64_t data_indexes[4] = {219302046, 219215001, 219244014, 219273029};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(e.rounds[i].height, heights[i]) << i;
    EXPECT_EQ(e.rounds[i].data_index, data_indexes[i]) << i;
  }
  EXPECT_EQ(s.run_state_start_unix_timestamp, 1750470207u);

  const ClientsState& cs = s.clients_state;
  ASSERT_EQ(cs.clients.size(), 88u);
  EXPECT_EQ(cs.next_active, 145u);
  EXPECT_EQ(cs.current_epoch_rates, (ClientsEpochRates{1, 0}));
  EXPECT_EQ(cs.future_epoch_rates, (ClientsEpochRates{1, 0}));
  uint64_t earned = 0;
  std::set<solana::Pubkey> registered;
  for (const auto& c : cs.clients) {
    earned += c.earned;
    registered.insert(c.id.signer);
  }
  EXPECT_EQ(earned, 93u);
  for (const auto& p : e.clients) {
    EXPECT_EQ(p.state, ClientState::kHealthy);
    EXPECT_TRUE(registered.count(p.id.signer));
    for (const auto& c : cs.clients) {
      if (c.id.signer == p.id.signer) {
        EXPECT_EQ(c.active, 144u);
      }
    }
  }
  EXPECT_EQ(s.client_version, std::nullopt);
}

TEST(CoordinatorAccountTest, DetectsLayout) {
  EXPECT_EQ(*DetectCoordinatorLayout(V1()), CoordinatorLayout::kV1);
  EXPECT_EQ(*DetectCoordinatorLayout(V0()), CoordinatorLayout::kV0);
}

TEST(CoordinatorAccountTest, ChecksOwner) {
  Bytes data = V1();
  EXPECT_TRUE(
      DecodeCoordinatorAccount(data, program_ids::Coordinator(), program_ids::Coordinator()).ok());
  auto r = DecodeCoordinatorAccount(data, solana::Pubkey(), program_ids::Coordinator());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("owner"), absl::string_view::npos);
}

// ---- Corrupted input: always a clear error, never a crash ----
TEST(CoordinatorAccountTest, RejectsEveryTruncation) {
  for (const Bytes& full : {V1(), V0()}) {
    ASSERT_FALSE(full.empty());
    for (size_t n = 0; n < full.size(); n += (n < 64 ? 1 : 997)) {
      auto r = DecodeCoordinatorAccount(ByteView(full.data(), n));
      EXPECT_FALSE(r.ok()) << "length " << n;
    }
    for (size_t n : {full.size() - 1, full.size() - 8, full.size() + 1}) {
      Bytes b = full;
      b.resize(n, 0);
      EXPECT_FALSE(DecodeCoordinatorAccount(b).ok()) << "length " << n;
    }
  }
  Bytes v1 = V1();
  ExpectError(Bytes(v1.begin(), v1.begin() + 5), "shorter than the discriminator");
  ExpectError(Bytes(v1.begin(), v1.end() - 100), "119060 bytes", "expected 119160");
}

TEST(CoordinatorAccountTest, RejectsWrongDiscriminator) {
  for (size_t i = 0; i < 8; ++i) {
    Bytes data = V1();
    data[i] ^= 0x40;
    ExpectError(data, "wrong discriminator", "ef21b1372c9b562b");
  }
}

TEST(CoordinatorAccountTest, RejectsUnknownVersion) {
  Bytes data = V1();
  data[8] = 2;
  ExpectError(data, "unknown layout version 2", "offset 8");
  data[8] = 0;
  ExpectError(data, "unknown layout version 0");
  data[8] = 1;
  data[15] = 1;  // high byte
  ExpectError(data, "unknown layout version");
}

struct TagCase {
  size_t offset;
  uint8_t bad_value;
  const char* field;
};

TEST(CoordinatorAccountTest, RejectsUnknownEnumTagsV1) {
  const TagCase cases[] = {
      {408, 8, "run_state"},     {416, 1, "state.coordinator.model"},
      {432, 4, "architecture"},  {436, 6, "checkpoint"},
      {440, 2, "revision"},  // Option tag of the Hub revision
      {572, 2, "data_type"},     {576, 6, "data_location"},
      {580, 3, "Http.location"}, {840, 2, "token_size_in_bytes"},
      {844, 2, "shuffle"},       {880, 4, "lr_schedule"},
      {936, 3, "optimizer"},     {940, 2, "clip_grad_norm"},  // Distro Option<f32> tag
      {948, 7, "weight_decay"},  {964, 2, "quantize_1bit"},
  };
  for (const auto& c : cases) {
    Bytes data = V1();
    data[c.offset] = c.bad_value;
    ExpectError(data, c.field, absl::StrCat("offset ", c.offset));
  }
  // A u32 tag with a non-zero high byte is unknown too.
  Bytes data = V1();
  data[437] = 1;  // checkpoint tag 258
  ExpectError(data, "unknown enum tag 258", "offset 436");
}

TEST(CoordinatorAccountTest, RejectsVariantsUnknownToV0) {
  // v0: LLM at 448; architecture @456 knows 0..1, checkpoint @460 0..3, data_location @600 0..4.
  Bytes data = V0();
  data[456] = 2;  // HfAuto did not exist
  ExpectError(data, "architecture", "offset 456");
  data = V0();
  data[460] = 4;  // Gcs did not exist
  ExpectError(data, "checkpoint", "offset 460");
  data = V0();
  data[600] = 5;  // Preprocessed did not exist
  ExpectError(data, "data_location", "offset 600");
  data = V0();
  data[1072 + 56448 + 64] = 4;  // first participant's ClientState
  ExpectError(data, "epoch_state.clients", "offset 57584");
}

TEST(CoordinatorAccountTest, RejectsNonUtf8Strings) {
  Bytes data = V1();
  data[505] = 0xff;  // repo_id
  ExpectError(data, "repo_id", "UTF-8");
  data = V1();
  data[377] = 0x80;  // run_id "t\x80st"
  ExpectError(data, "run_id", "offset 376");
  data = V1();
  data[119051] = 0xc3;  // client_version "t\xc3st"
  ExpectError(data, "client_version", "offset 119050");
  data = V0();
  data[8] = 0xed;  // metadata.name begins with a surrogate lead
  data[9] = 0xa0;
  data[10] = 0x80;
  ExpectError(data, "metadata.name", "UTF-8");
}

TEST(CoordinatorAccountTest, RejectsOversizedFixedVecs) {
  Bytes data = V1();
  data[119000] = 1;  // clients_state.clients.len = 257
  data[119001] = 1;
  ExpectError(data, "clients_state.clients.len", "exceeds capacity 256");
  data = V1();
  data[75928 + 7] = 0x80;  // epoch_state.clients.len huge
  ExpectError(data, "epoch_state.clients", "offset 75928");
  data = V1();
  data[1048 + 14080] = 33;  // rounds[0].witnesses.len
  ExpectError(data, "witnesses.len", "exceeds capacity 32");
  data = V1();
  data[94376] = 4;  // rounds_head outside the ring
  ExpectError(data, "rounds_head");
}

TEST(CoordinatorAccountTest, RejectsNaN) {
  Bytes data = V1();
  const uint64_t nan_bits = 0x7ff8000000000000ull;
  for (int i = 0; i < 8; ++i) data[888 + i] = static_cast<uint8_t>(nan_bits >> (8 * i));
  ExpectError(data, "lr_schedule", "NaN");
}

// Padding and unused union bytes carry garbage on chain (spec 3.2); they must not matter.
TEST(CoordinatorAccountTest, IgnoresPaddingAndUnusedUnionBytes) {
  Bytes data = V1();
  auto clean = DecodeCoordinatorAccount(data);
  ASSERT_TRUE(clean.ok());
  for (size_t o : {409, 415, 420, 423, 441,  504,  569,   848,   879,   884,    887,
                   920, 935, 965, 967, 1034, 1035, 94388, 94417, 94423, 119146, 119151}) {
    data[o] ^= 0xa5;
  }
  auto dirty = DecodeCoordinatorAccount(data);
  ASSERT_TRUE(dirty.ok()) << dirty.status();
  EXPECT_EQ(*dirty, *clean);
}

// Every byte of the defined head and tail set to 0xff: decoded or refused, always naming the
// account.
TEST(CoordinatorAccountTest, SweepOfSingleByteCorruption) {
  const Bytes base = V1();
  int rejected = 0;
  for (auto [from, to] : {std::pair<size_t, size_t>{0, 1100}, {94370, 94440}, {118990, 119160}}) {
    for (size_t i = from; i < to; ++i) {
      Bytes data = base;
      data[i] = 0xff;
      auto r = DecodeCoordinatorAccount(data);
      if (!r.ok()) {
        ++rejected;
        EXPECT_EQ(r.status().message().rfind("CoordinatorAccount: ", 0), 0u) << r.status();
      }
    }
  }
  EXPECT_GT(rejected, 30);
}

TEST(CoordinatorAccountTest, SurvivesRandomCorruption) {
  std::mt19937 rng(12345);
  Bytes base = V0();
  std::uniform_int_distribution<size_t> pos(0, base.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  int rejected = 0;
  for (int iter = 0; iter < 300; ++iter) {
    Bytes data = base;
    for (int k = 0; k < 20; ++k) data[pos(rng) % 1100] = static_cast<uint8_t>(byte(rng));
    for (int k = 0; k < 20; ++k) data[pos(rng)] = static_cast<uint8_t>(byte(rng));
    auto r = DecodeCoordinatorAccount(data);
    if (!r.ok()) ++rejected;
  }
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace psyche
