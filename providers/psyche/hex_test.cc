#include "providers/psyche/hex.h"

#include <gtest/gtest.h>

namespace psyche {
namespace {

TEST(HexTest, RoundTrip) {
  solana::Bytes b = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(HexEncode(b), "0001abff");
  auto d = HexDecode("00 01\nAB ff");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(*d, b);
}

TEST(HexTest, RejectsBadInput) {
  EXPECT_FALSE(HexDecode("abc").ok());
  EXPECT_FALSE(HexDecode("zz").ok());
  EXPECT_TRUE(HexDecode("").ok());
}

}  // namespace
}  // namespace psyche
