#include "providers/solana/base58.h"

#include <gtest/gtest.h>

#include "providers/solana/pubkey.h"

namespace solana {
namespace {

TEST(Base58, EmptyAndZeros) {
  EXPECT_EQ(Base58Encode({}), "");
  Bytes zeros(32, 0);
  EXPECT_EQ(Base58Encode(zeros), std::string(32, '1'));
  auto back = Base58Decode(std::string(32, '1'));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, zeros);
  Bytes z31(31, 0);
  z31.push_back(1);
  EXPECT_EQ(Base58Encode(z31), std::string(31, '1') + "2");
}

TEST(Base58, RejectsBadCharacters) {
  for (std::string bad : {"0", "O", "I", "l", " 1", "1 ", "abc\n", "\xff"}) {
    EXPECT_FALSE(Base58Decode(bad).ok()) << bad;
  }
}

TEST(Pubkey, RoundTripAndLength) {
  auto k = Pubkey::FromBase58("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->ToBase58(), "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
  EXPECT_FALSE(Pubkey::FromBase58("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5").ok());
  EXPECT_FALSE(Pubkey::FromBase58("").ok());
  EXPECT_TRUE(Pubkey::FromBase58(std::string(32, '1'))->IsZero());
}

}  // namespace
}  // namespace solana

namespace solana {
namespace {

// Found by base58_keypair_fuzz: 752 bytes encode to more characters than the
// decoder accepts. Encoding must still work and decoding must refuse cleanly.
TEST(Base58, DecodeBoundRefusesLongTextButShortTextRoundTrips) {
  Bytes big(752, 0xab);
  const std::string encoded = Base58Encode(big);
  ASSERT_GT(encoded.size(), kBase58MaxDecodeChars);
  auto refused = Base58Decode(encoded);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("too long"), absl::string_view::npos);

  Bytes fits(700, 0xab);
  const std::string ok_text = Base58Encode(fits);
  ASSERT_LE(ok_text.size(), kBase58MaxDecodeChars);
  auto back = Base58Decode(ok_text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, fits);
}

}  // namespace
}  // namespace solana
