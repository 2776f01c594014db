#include "providers/psyche/borsh.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "providers/psyche/hex.h"

namespace psyche {
namespace {

Bytes Encode(void (*fill)(BorshWriter&)) {
  BorshWriter w;
  fill(w);
  auto out = std::move(w).Finish();
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : Bytes{};
}

TEST(BorshWriterTest, PrimitivesAreLittleEndian) {
  Bytes b = Encode([](BorshWriter& w) {
    w.U8(0x01);
    w.U16(0x0203);
    w.U32(0x04050607);
    w.U64(0x08090a0b0c0d0e0fULL);
    w.I64(-2);
    w.Bool(true);
    w.Bool(false);
    w.F32(1.0f, "f");
    w.F64(4.0e-4, "d");
  });
  EXPECT_EQ(HexEncode(b),
            "01"
            "0302"
            "07060504"
            "0f0e0d0c0b0a0908"
            "feffffffffffffff"
            "01"
            "00"
            "0000803f"
            "2d431cebe2363a3f");
}

TEST(BorshWriterTest, StringsOptionsAndFixedStrings) {
  Bytes b = Encode([](BorshWriter& w) {
    w.String("v2", "s");
    w.OptionTag(false);
    w.OptionTag(true);
    w.U64(1000000);
    w.FixedString("ab", 4, "fs");
    w.FixedString("abcd", 4, "fs");
  });
  EXPECT_EQ(HexEncode(b),
            "020000007632"
            "00"
            "0140420f0000000000"
            "61620000"
            "61626364");
}

TEST(BorshWriterTest, OverlongFixedStringFailsButKeepsLayout) {
  BorshWriter w;
  w.FixedString("abcde", 4, "model.repo_id");
  EXPECT_EQ(w.size(), 4u);
  auto out = std::move(w).Finish();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("model.repo_id"), std::string::npos);
}

TEST(BorshWriterTest, NaNFails) {
  BorshWriter w;
  w.F32(std::numeric_limits<float>::quiet_NaN(), "eps");
  EXPECT_FALSE(std::move(w).Finish().ok());
  BorshWriter w2;
  w2.F64(std::nan(""), "base_lr");
  EXPECT_FALSE(std::move(w2).Finish().ok());
}

TEST(BorshWriterTest, FirstErrorIsKept) {
  BorshWriter w;
  w.FixedString("xyz", 1, "first");
  w.FixedString("xyz", 1, "second");
  auto out = std::move(w).Finish();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("first"), std::string::npos);
  EXPECT_EQ(out.status().message().find("second"), std::string::npos);
}

TEST(BorshReaderTest, ReadsWhatWriterWrote) {
  BorshWriter w;
  w.U8(7);
  w.U16(65535);
  w.U32(123456);
  w.U64(~0ULL);
  w.I64(-5);
  w.Bool(true);
  w.F32(0.999f, "f");
  w.F64(-1.5, "d");
  w.String("héllo", "s");
  w.FixedString("repo", 64, "fs");
  w.OptionTag(true);
  w.EnumTag(3);
  auto bytes = std::move(w).Finish();
  ASSERT_TRUE(bytes.ok());
  BorshReader r(*bytes);
  EXPECT_EQ(*r.U8("a"), 7);
  EXPECT_EQ(*r.U16("b"), 65535);
  EXPECT_EQ(*r.U32("c"), 123456u);
  EXPECT_EQ(*r.U64("d"), ~0ULL);
  EXPECT_EQ(*r.I64("e"), -5);
  EXPECT_TRUE(*r.Bool("f"));
  EXPECT_EQ(*r.F32("g"), 0.999f);
  EXPECT_EQ(*r.F64("h"), -1.5);
  EXPECT_EQ(*r.String("i"), "héllo");
  EXPECT_EQ(*r.FixedString(64, "j"), "repo");
  EXPECT_TRUE(*r.OptionTag("k"));
  EXPECT_EQ(*r.EnumTag(4, "l"), 3);
  EXPECT_TRUE(r.ExpectEnd("all").ok());
}

TEST(BorshReaderTest, RejectsInvalidTagsAndValues) {
  Bytes two = {2};
  EXPECT_FALSE(BorshReader(two).Bool("b").ok());
  EXPECT_FALSE(BorshReader(two).OptionTag("o").ok());
  EXPECT_FALSE(BorshReader(two).EnumTag(2, "e").ok());
  EXPECT_TRUE(BorshReader(two).EnumTag(3, "e").ok());
  Bytes nan32 = {0x00, 0x00, 0xc0, 0x7f};
  EXPECT_FALSE(BorshReader(nan32).F32("f").ok());
  Bytes bad_utf8 = {2, 0, 0, 0, 0xc3, 0x28};
  EXPECT_FALSE(BorshReader(bad_utf8).String("s").ok());
}

TEST(BorshReaderTest, TruncationNamesTheField) {
  Bytes short_string = {5, 0, 0, 0, 'a', 'b'};
  auto s = BorshReader(short_string).String("run_id");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("run_id"), std::string::npos);
  Bytes empty;
  EXPECT_FALSE(BorshReader(empty).U64("x").ok());
}

TEST(BorshReaderTest, FixedStringStopsAtFirstZeroOrCapacity) {
  Bytes full = {'a', 'b', 'c'};
  EXPECT_EQ(*BorshReader(full).FixedString(3, "fs"), "abc");
  Bytes padded = {'a', 0, 'c'};
  EXPECT_EQ(*BorshReader(padded).FixedString(3, "fs"), "a");
}

TEST(Utf8Test, Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("\xe2\x82\xac"));       // euro sign
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // truncated
}

}  // namespace
}  // namespace psyche
