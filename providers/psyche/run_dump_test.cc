#include "providers/psyche/run_dump.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/testing_fixtures.h"

namespace psyche {
namespace {

CoordinatorState Decode(const char* fixture) {
  auto s = DecodeCoordinatorAccount(testing::ReadFixture(fixture));
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : CoordinatorState{};
}

// The whole dump of the v1 fixture (spec 8.6), field order included.
constexpr char kV1Json[] =
    R"({"coordinator_instance_address":null,"coordinator_instance":null,)"
    R"("coordinator_account_address":null,"coordinator":{"layout_version":1,"nonce":2,)"
    R"("run_id":"test","run_state":"Uninitialized","run_state_display":"Uninitialized",)"
    R"("halted":true,"active":false,"run_state_start_unix_timestamp":0,"pending_pause":false,)"
    R"("client_version":"test","metadata":{"name":"","description":"",)"
    R"("num_parameters":1100000000,"vocab_size":32768},"config":{"warmup_time":15,)"
    R"("cooldown_time":30,"max_round_train_time":15,"round_witness_time":1,)"
    R"("global_batch_size_warmup_tokens":0,"epoch_time":60,"total_steps":25000,)"
    R"("init_min_clients":1,"min_clients":1,"witness_nodes":0,"global_batch_size_start":2048,)"
    R"("global_batch_size_end":2048,"verification_percent":0,"waiting_for_members_extra_time":3},)"
    R"("model":{"LLM":{"max_seq_len":2048,"cold_start_warmup_steps":0,"architecture":"HfLlama",)"
    R"("checkpoint":{"Hub":{"repo_id":"emozilla/llama2-1.1b-gqa-init","revision":null}},)"
    R"("data_type":"Pretraining","data_location":{"Http":{"location":{"Gcp":{)"
    R"("bucket_name":"nous-pretraining-public-us","filter_directory":)"
    R"("fineweb-edu-tokenized-llama2"}},"token_size_in_bytes":"TwoBytes",)"
    R"("shuffle":"DontShuffle"}},"lr_schedule":{"Cosine":{"base_lr":0.0004,)"
    R"("warmup_init_lr":0,"final_lr":0.00004,"warmup_steps":250,"total_steps":25000}},)"
    R"("optimizer":{"Distro":{"clip_grad_norm":1,"weight_decay":null,"compression_decay":0.999,)"
    R"("compression_topk":2,"compression_chunk":64,"quantize_1bit":false}}}},)"
    R"("progress":{"epoch":0,"step":0,"epoch_start_data_index":0},"epoch":{"clients_count":0,)"
    R"("exited_clients_count":0,"rounds_head":0,"start_step":0,"last_step":0,)"
    R"("start_timestamp":0,"first_round":false,"cold_start_epoch":false,"current_round":{)"
    R"("height":0,"data_index":0,"clients_len":0,"witnesses":0}},"clients":{)"
    R"("registered_count":0,"queued_for_next_epoch":0,"next_active":0,"total_earned":0,)"
    R"("total_slashed":0,"current_epoch_rates":{"earning_rate_total_shared":0,)"
    R"("slashing_rate_per_client":0},"future_epoch_rates":{"earning_rate_total_shared":1000000,)"
    R"("slashing_rate_per_client":0}}},"treasurer":null})";

TEST(RunDumpTest, V1FixtureExactJson) {
  RunDump run;
  run.state = Decode("coordinator-account-v1.so");
  EXPECT_EQ(RunDumpJson(run), kV1Json);
}

TEST(RunDumpTest, V0FixtureWithClientsInstanceAndTreasurerHook) {
  RunDump run;
  run.state = Decode("coordinator-account-v0.so");
  run.include_clients = true;
  CoordinatorInstance inst;
  inst.run_id = "consilience-40b-1";
  inst.bump = 255;
  inst.main_authority = *solana::Pubkey::FromBase58("4wBqpZM9xaSheZzJSMawUKKwhdpChKbZ5eu5ky4Vigw");
  run.instance = inst;
  run.write_treasurer = [](JsonWriter& w) {
    w.StartObject();
    w.Key("collateral_balance");
    w.Uint64(18446744073709551615ull);
    w.EndObject();
  };
  std::string json = RunDumpJson(run);
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  ASSERT_FALSE(doc.HasParseError()) << json;
  auto get = [&](const char* ptr) -> const rapidjson::Value& {
    const rapidjson::Value* v = rapidjson::Pointer(ptr).Get(doc);
    EXPECT_NE(v, nullptr) << ptr;
    static const rapidjson::Value kNull;
    return v ? *v : kNull;
  };
  EXPECT_EQ(get("/coordinator/layout_version").GetUint(), 0u);
  EXPECT_EQ(get("/coordinator/nonce").GetUint64(), 563234u);
  EXPECT_STREQ(get("/coordinator/run_state").GetString(), "RoundTrain");
  EXPECT_STREQ(get("/coordinator/run_state_display").GetString(), "Training");
  EXPECT_TRUE(get("/coordinator/active").GetBool());
  EXPECT_TRUE(get("/coordinator/client_version").IsNull());
  EXPECT_EQ(get("/coordinator/config/rounds_per_epoch").GetUint(), 200u);
  EXPECT_EQ(rapidjson::Pointer("/coordinator/config/epoch_time").Get(doc), nullptr);
  EXPECT_EQ(get("/coordinator/config/global_batch_size_warmup_tokens").GetUint64(),
            549755813888ull);
  EXPECT_STREQ(get("/coordinator/model/LLM/checkpoint/P2P/revision").GetString(),
               "98cf7b01fb5a1367916e2d9c06984098ff1f0cc5");
  EXPECT_STREQ(get("/coordinator/model/LLM/data_location/WeightedHttp").GetString(),
               "https://storage.googleapis.com/nous-pretraining-public-us/"
               "consilience-stage1-mix.json");
  EXPECT_EQ(get("/coordinator/model/LLM/lr_schedule/WarmupStableDecay/stable_steps").GetUint(),
            161000u);
  EXPECT_DOUBLE_EQ(get("/coordinator/model/LLM/optimizer/Distro/weight_decay").GetDouble(), 0.1);
  EXPECT_TRUE(get("/coordinator/model/LLM/optimizer/Distro/quantize_1bit").GetBool());
  EXPECT_EQ(get("/coordinator/epoch/clients_count").GetUint(), 63u);
  EXPECT_TRUE(get("/coordinator/epoch/checkpointed").GetBool());
  EXPECT_EQ(get("/coordinator/epoch/current_round/height").GetUint(), 176u);
  EXPECT_EQ(get("/coordinator/epoch/clients").Size(), 63u);
  EXPECT_STREQ(get("/coordinator/epoch/clients/0/state").GetString(), "Healthy");
  EXPECT_EQ(get("/coordinator/clients/registered_count").GetUint(), 88u);
  EXPECT_EQ(get("/coordinator/clients/registered").Size(), 88u);
  EXPECT_EQ(get("/coordinator/clients/total_earned").GetUint64(), 93u);
  EXPECT_EQ(get("/coordinator/clients/next_active").GetUint64(), 145u);
  EXPECT_EQ(get("/coordinator/clients/current_epoch_rates/earning_rate_total_shared").GetUint64(),
            1u);
  EXPECT_STREQ(get("/coordinator_instance/main_authority").GetString(),
               "4wBqpZM9xaSheZzJSMawUKKwhdpChKbZ5eu5ky4Vigw");
  EXPECT_STREQ(get("/coordinator_account_address").GetString(), "11111111111111111111111111111111");
  EXPECT_EQ(get("/treasurer/collateral_balance").GetUint64(), 18446744073709551615ull);
}

TEST(RunDumpTest, EpochTimeLeftOnlyWhileRunning) {
  CoordinatorState s = Decode("coordinator-account-v1.so");
  s.run_state = RunState::kRoundTrain;
  s.epoch_state.start_timestamp = 1000;
  RunDump run;
  run.state = s;
  run.now_unix = 1045;
  rapidjson::Document doc;
  doc.Parse(RunDumpJson(run).c_str());
  EXPECT_EQ(rapidjson::Pointer("/coordinator/epoch/epoch_time_left").Get(doc)->GetInt64(), 15);
  run.state->run_state = RunState::kPaused;
  doc.Parse(RunDumpJson(run).c_str());
  EXPECT_EQ(rapidjson::Pointer("/coordinator/epoch/epoch_time_left").Get(doc), nullptr);
}

TEST(RunDumpTest, FloatFormatting) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  OptimizerAdamW adam{{0.9f, 0.95f}, 0.1f, 1e-8f, std::nullopt};
  LLM llm;
  llm.optimizer = adam;
  llm.lr_schedule = LrConstant{1e-4, 0.0, 100};
  WriteModelJson(w, Model(llm));
  std::string json(buf.GetString(), buf.GetSize());
  EXPECT_NE(json.find(R"("betas":[0.9,0.95],"weight_decay":0.1,"eps":1e-08,"clip_grad_norm":null)"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("Constant":{"base_lr":0.0001,"warmup_init_lr":0,"warmup_steps":100})"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("checkpoint":"Ephemeral")"), std::string::npos);
  EXPECT_NE(json.find(R"("data_location":"Dummy")"), std::string::npos);
}

TEST(RunDumpTest, PrettyJsonKeepsOrder) {
  auto pretty = PrettyJson(R"({"b":1,"a":[true,null],"c":0.0004})");
  ASSERT_TRUE(pretty.ok());
  EXPECT_EQ(*pretty, "{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ],\n  \"c\": 0.0004\n}");
  EXPECT_FALSE(PrettyJson("{\"a\":").ok());
}

}  // namespace
}  // namespace psyche
