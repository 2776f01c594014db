#include "providers/psyche/fixed_string.h"

#include <gtest/gtest.h>

namespace psyche {
namespace {

TEST(FixedStringTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("\xc3\xa9t\xc3\xa9"));          // été
  EXPECT_TRUE(IsValidUtf8("\xe2\x82\xac"));               // €
  EXPECT_TRUE(IsValidUtf8("\xf0\x9f\x98\x80"));           // emoji
  EXPECT_FALSE(IsValidUtf8("\xc3"));                      // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));                  // overlong
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));              // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));              // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));          // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("a\x80"));                     // stray continuation
}

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
