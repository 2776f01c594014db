#include "providers/psyche/coordinator_instruction_data.h"

#include <gtest/gtest.h>

#include "providers/psyche/hex.h"

namespace psyche {
namespace {

solana::Pubkey Sequential(uint8_t first) {
  std::array<uint8_t, 32> a;
  for (int i = 0; i < 32; ++i) a[i] = static_cast<uint8_t>(first + i);
  return solana::Pubkey(a);
}
const solana::Pubkey kMain = Sequential(0x01);
const solana::Pubkey kJoin = Sequential(0x21);

// coordinator.md 8.1: the example keys.
TEST(CoordinatorInstructionDataTest, ExampleKeysMatchSpec) {
  EXPECT_EQ(kMain.ToBase58(), "4wBqpZM9xaSheZzJSMawUKKwhdpChKbZ5eu5ky4Vigw");
  EXPECT_EQ(kJoin.ToBase58(), "3ELeRTTg5W5hAYaEFznzFV1jknNFkjHqS8ytwvQEQP1Z");
}

// coordinator.md 8.2.
TEST(CoordinatorInstructionDataTest, SpecVectors) {
  EXPECT_EQ(HexEncode(*EncodeUpdateClientVersionData("v2")), "c1152e3c33020dfb020000007632");
  EXPECT_EQ(HexEncode(EncodeSetPausedData(true)), "5b3c7dc0b0e1a6da01");
  EXPECT_EQ(HexEncode(EncodeSetPausedData(false)), "5b3c7dc0b0e1a6da00");
  auto init = EncodeInitCoordinatorData({kMain, kJoin, "test", "latest"});
  ASSERT_TRUE(init.ok());
  EXPECT_EQ(init->size(), 90u);
  EXPECT_EQ(HexEncode(*init),
            "14399449e8857a190102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021"
            "22232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40040000007465737406"
            "0000006c6174657374");
  EXPECT_EQ(HexEncode(EncodeSetFutureEpochRatesData({1000000, std::nullopt})),
            "ef15a057c7c8b6810140420f000000000000");
  EXPECT_EQ(HexEncode(EncodeSetFutureEpochRatesData({std::nullopt, 5})),
            "ef15a057c7c8b68100010500000000000000");
  EXPECT_EQ(HexEncode(EncodeFreeCoordinatorData()), "59d8d7e5dff24a20");
  EXPECT_EQ(HexEncode(EncodeTickData()), "5c4f2c0865503f0f");
  EXPECT_EQ(HexEncode(EncodeJoinRunData({kMain, kJoin})),
            "48a07d666a86f64b0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
            "2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40");
  EXPECT_EQ(HexEncode(*EncodeUpdateData({})), "dbc858b09e3ffd7f00000000");
  UpdateArgs progress_only;
  progress_only.progress = CoordinatorProgress{3, 1200, 2457600};
  EXPECT_EQ(HexEncode(*EncodeUpdateData(progress_only)),
            "dbc858b09e3ffd7f000000010300b00400000080250000000000");
  UpdateArgs metadata_only;
  metadata_only.metadata = RunMetadata{"my-run", "test run", 1100000000, 32768};
  auto md = EncodeUpdateData(metadata_only);
  ASSERT_TRUE(md.ok());
  EXPECT_EQ(md->size(), 372u);
  EXPECT_EQ(HexEncode(*md),
            "dbc858b09e3ffd7f01"
            "6d792d72756e" +
                std::string(58 * 2, '0') + "746573742072756e" + std::string(272 * 2, '0') +
                "00ab904100000000"
                "0080000000000000"
                "000000");
}

TEST(CoordinatorInstructionDataTest, RejectsWhatTheProgramRefuses) {
  EXPECT_FALSE(EncodeInitCoordinatorData({kMain, kJoin, std::string(33, 'r'), "v"}).ok());
  EXPECT_TRUE(EncodeInitCoordinatorData({kMain, kJoin, std::string(32, 'r'), "v"}).ok());
  EXPECT_FALSE(EncodeUpdateClientVersionData(std::string(97, 'v')).ok());
  EXPECT_TRUE(EncodeUpdateClientVersionData(std::string(96, 'v')).ok());
  UpdateArgs long_name;
  long_name.metadata = RunMetadata{std::string(65, 'n'), "", 0, 0};
  EXPECT_FALSE(EncodeUpdateData(long_name).ok());
}

TEST(CoordinatorInstructionDataTest, DecodeRoundTripsEveryInstruction) {
  UpdateArgs full;
  full.metadata = RunMetadata{"n", "d", 1, 2};
  full.config = CoordinatorConfig{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  LLM llm;
  llm.max_seq_len = 9;
  llm.checkpoint = CheckpointHub{{"r", "v"}};
  llm.optimizer = OptimizerDistro{1.0f, std::nullopt, 0.5f, 1, 2, true};
  full.model = llm;
  full.progress = CoordinatorProgress{1, 2, 3};
  std::vector<std::pair<solana::Bytes, CoordinatorInstructionArgs>> cases = {
      {*EncodeInitCoordinatorData({kMain, kJoin, "test", "latest"}),
       InitCoordinatorArgs{kMain, kJoin, "test", "latest"}},
      {*EncodeUpdateData(full), full},
      {*EncodeUpdateClientVersionData("v2"), UpdateClientVersionArgs{"v2"}},
      {EncodeSetFutureEpochRatesData({7, 8}), SetFutureEpochRatesArgs{7, 8}},
      {EncodeSetPausedData(true), SetPausedArgs{true}},
      {EncodeFreeCoordinatorData(), FreeCoordinatorArgs{}},
      {EncodeJoinRunData({kMain, kJoin}), JoinRunArgs{{kMain, kJoin}}},
      {EncodeTickData(), TickArgs{}},
      {*EncodeCheckpointData(CheckpointGcs{{"b", std::nullopt}}),
       CheckpointArgs{CheckpointGcs{{"b", std::nullopt}}}},
  };
  for (const auto& [data, want] : cases) {
    auto got = DecodeCoordinatorInstructionData(data);
    ASSERT_TRUE(got.ok()) << CoordinatorInstructionName(want) << ": " << got.status();
    EXPECT_EQ(*got, want) << CoordinatorInstructionName(want);
  }
}

TEST(CoordinatorInstructionDataTest, DecodeFollowsAnchorErrors) {
  // Unknown discriminator or shorter than 8 bytes: 101.
  auto unknown = DecodeCoordinatorInstructionData(solana::Bytes{1, 2, 3, 4, 5, 6, 7, 8});
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  auto short_data = DecodeCoordinatorInstructionData(solana::Bytes{0x5b, 0x3c});
  EXPECT_EQ(short_data.status().code(), absl::StatusCode::kNotFound);
  // Bad argument bytes: 102.
  solana::Bytes bad_bool = EncodeSetPausedData(true);
  bad_bool.back() = 2;
  auto b = DecodeCoordinatorInstructionData(bad_bool);
  EXPECT_EQ(b.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(b.status().message().find("InstructionDidNotDeserialize"), std::string::npos);
  solana::Bytes missing_arg = EncodeSetPausedData(true);
  missing_arg.pop_back();
  EXPECT_EQ(DecodeCoordinatorInstructionData(missing_arg).status().code(),
            absl::StatusCode::kInvalidArgument);
  // Trailing bytes are ignored, as by the program.
  solana::Bytes trailing = EncodeSetPausedData(false);
  trailing.push_back(0xff);
  auto t = DecodeCoordinatorInstructionData(trailing);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, CoordinatorInstructionArgs(SetPausedArgs{false}));
}

}  // namespace
}  // namespace psyche

namespace psyche {
namespace {

// Every single-byte change of a full update instruction decodes or fails
// cleanly.
TEST(CoordinatorInstructionDataTest, MutatedUpdateDataNeverCrashes) {
  UpdateArgs full;
  full.metadata = RunMetadata{"n", "d", 1, 2};
  full.config = CoordinatorConfig{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  LLM llm;
  llm.checkpoint = CheckpointHub{{"r", "v"}};
  llm.data_location = DataLocationHttp{HttpGcp{"b", "f"}, TokenSize::kTwoBytes, ShuffleSeeded{}};
  llm.lr_schedule = LrWarmupStableDecay{1, 2, 3, 4, 5, 6, 7, 8};
  llm.optimizer = OptimizerAdamW{{0.9f, 0.99f}, 0.1f, 1e-8f, 1.0f};
  full.model = llm;
  full.progress = CoordinatorProgress{1, 2, 3};
  solana::Bytes data = *EncodeUpdateData(full);
  size_t decoded = 0;
  for (size_t i = 8; i < data.size(); ++i) {
    for (int delta : {1, 2, 0x7f, 0x80, 0xff}) {
      solana::Bytes m = data;
      m[i] = static_cast<uint8_t>(m[i] + delta);
      auto args = DecodeCoordinatorInstructionData(m);
      if (args.ok()) {
        ++decoded;
        const auto* update = std::get_if<UpdateArgs>(&*args);
        ASSERT_NE(update, nullptr);
        // Whatever decodes re-encodes, and decodes again to the same value.
        auto again = EncodeUpdateData(*update);
        ASSERT_TRUE(again.ok()) << i << ": " << again.status();
        auto back = DecodeCoordinatorInstructionData(*again);
        ASSERT_TRUE(back.ok()) << i;
        EXPECT_EQ(*back, *args) << i;
      }
    }
  }
  EXPECT_GT(decoded, 0u);
}

}  // namespace
}  // namespace psyche
