#include "providers/psyche/treasurer_codec_ext.h"

#include <gtest/gtest.h>

#include "providers/psyche/codec_test_util.h"

namespace psyche {
namespace {

using ::psyche::testing::Key;

TEST(TreasurerCodecExtTest, RunImageRoundTripsThroughTheDecoder) {
  TreasurerRun run;
  run.bump = 253;
  run.index = 7'313'085'519'096'743'583ull;
  run.main_authority = Key(1);
  run.join_authority = Key(2);
  run.coordinator_account = Key(3);
  run.coordinator_instance = Key(4);
  run.collateral_mint = Key(5);
  run.total_claimed_collateral_amount = 9;
  run.total_claimed_earned_points = 9;
  solana::Bytes image = EncodeTreasurerRun(run);
  ASSERT_EQ(image.size(), 200u);
  EXPECT_EQ(image[0], 0xc7);  // c7369b56eb73f6bd
  EXPECT_EQ(image[7], 0xbd);
  EXPECT_EQ(image[145], 5);   // collateral_mint offset (3.4)
  EXPECT_EQ(image[193], 0);
  auto back = DecodeTreasurerRun(program_ids::Treasurer(), image);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->index, run.index);
  EXPECT_EQ(back->coordinator_instance, run.coordinator_instance);
  EXPECT_EQ(back->total_claimed_earned_points, 9u);
}

TEST(TreasurerCodecExtTest, RunUpdateParamsRoundTrip) {
  RunUpdateParams p;
  p.epoch_earning_rate_total_shared = 5;
  p.paused = false;
  p.client_version = "v2";
  auto data = EncodeRunUpdateData(p);
  ASSERT_TRUE(data.ok());
  auto back = ReadRunUpdateParams(solana::ByteView(*data).subspan(8));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->epoch_earning_rate_total_shared, 5u);
  EXPECT_FALSE(back->epoch_slashing_rate_per_client.has_value());
  EXPECT_EQ(back->paused, false);
  EXPECT_EQ(back->client_version, "v2");
  EXPECT_FALSE(back->config.has_value());

  // All-None is 8 zero bytes; a bool other than 0/1 or a truncation is refused.
  solana::Bytes none(8, 0);
  EXPECT_TRUE(ReadRunUpdateParams(none).ok());
  solana::Bytes bad = {0, 0, 0, 0, 0, 0, 1, 2, 0};
  EXPECT_FALSE(ReadRunUpdateParams(bad).ok());
  EXPECT_FALSE(ReadRunUpdateParams(solana::Bytes(5, 0)).ok());
}

}  // namespace
}  // namespace psyche
