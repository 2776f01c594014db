#include "providers/psyche/fixed_string.h"

#include <gtest/gtest.h>

namespace psyche {
namespace {

TEST(FixedStringTest, DecodeStopsAtFirstZeroOrCapacity) {
  solana::Bytes b = {'a', 'b', 0, 'c'};
  EXPECT_EQ(*DecodeFixedString(b), "ab");
  solana::Bytes full = {'x', 'y', 'z'};
  EXPECT_EQ(*DecodeFixedString(full), "xyz");
  solana::Bytes empty = {0, 'q'};
  EXPECT_EQ(*DecodeFixedString(empty), "");
  solana::Bytes bad = {'a', 0xfe, 0};
  EXPECT_FALSE(DecodeFixedString(bad).ok());
}

TEST(FixedStringTest, PutPadsAndTruncates) {
  solana::Bytes out;
  PutFixedString(&out, "ab", 4);
  EXPECT_EQ(out, (solana::Bytes{'a', 'b', 0, 0}));
  out.clear();
  PutFixedString(&out, "abcdef", 3);
  EXPECT_EQ(out, (solana::Bytes{'a', 'b', 'c'}));
}

}  // namespace
}  // namespace psyche
