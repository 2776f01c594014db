#include "providers/psyche/spl_token_state.h"

#include <gtest/gtest.h>

#include "providers/psyche/codec_test_util.h"

#include "providers/solana/program_ids.h"

namespace psyche {
namespace {

using ::psyche::testing::Key;

TEST(SplTokenStateRoundTripTest, MintAndTokenAccountRoundTrip) {
  Mint mint;
  mint.mint_authority = Key(1);
  mint.supply = 1'000;
  mint.decimals = 6;
  solana::Bytes m = EncodeMint(mint);
  ASSERT_EQ(m.size(), 82u);
  auto mint_back = DecodeMint(solana::program_ids::Token(), m);
  ASSERT_TRUE(mint_back.ok()) << mint_back.status();
  EXPECT_EQ(mint_back->decimals, 6);
  EXPECT_EQ(mint_back->mint_authority, Key(1));
  EXPECT_FALSE(mint_back->freeze_authority.has_value());

  TokenAccount t;
  t.mint = Key(2);
  t.owner = Key(3);
  t.amount = 42;
  solana::Bytes a = EncodeTokenAccount(t);
  ASSERT_EQ(a.size(), 165u);
  EXPECT_EQ(a[108], 1);  // state (5.3)
  auto back = DecodeTokenAccount(solana::program_ids::Token(), a);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->owner, Key(3));
  EXPECT_EQ(back->amount, 42u);
  EXPECT_FALSE(back->delegate.has_value());
}

}  // namespace
}  // namespace psyche
