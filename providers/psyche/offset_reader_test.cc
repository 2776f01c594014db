#include "providers/psyche/offset_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

namespace psyche {
namespace {

TEST(OffsetReaderTest, ReadsLittleEndianAtOffsets) {
  solana::Bytes d = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
  OffsetReader r(d, "Acct");
  EXPECT_EQ(*r.U8(0, "a"), 0x01);
  EXPECT_EQ(*r.U16(1, "a"), 0x0302);
  EXPECT_EQ(*r.U32(1, "a"), 0x05040302u);
  EXPECT_EQ(*r.U64(1, "a"), 0x0908070605040302ull);
}

TEST(OffsetReaderTest, OutOfBoundsNamesFieldAndOffset) {
  solana::Bytes d(10, 0);
  OffsetReader r(d, "Acct");
  auto v = r.U64(4, "state.x");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(),
            "Acct: field state.x at offset 4: needs 8 bytes but the data is 10 bytes");
  // Offsets near SIZE_MAX must not wrap around.
  EXPECT_FALSE(r.U32(std::numeric_limits<size_t>::max() - 1, "y").ok());
  EXPECT_FALSE(r.Bytes(11, 0, "z").ok());
  EXPECT_TRUE(r.Bytes(10, 0, "z").ok());
}

TEST(OffsetReaderTest, TagsBoolsAndStrings) {
  solana::Bytes d = {3, 0, 0, 0, 2, 1, 'h', 'i', 0, 'x', 0xff};
  OffsetReader r(d, "Acct");
  EXPECT_EQ(*r.Tag32(0, 4, "t"), 3u);
  auto bad = r.Tag32(0, 3, "t");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown enum tag 3 (known: 0..2)"), std::string::npos);
  EXPECT_TRUE(*r.SmallBoolean(4, "b"));
  EXPECT_FALSE(r.StrictBool(4, "b").ok());
  EXPECT_TRUE(*r.StrictBool(5, "b"));
  EXPECT_EQ(*r.FixedString(6, 4, "s"), "hi");
  auto utf = r.FixedString(9, 2, "s");
  ASSERT_FALSE(utf.ok());
  EXPECT_NE(utf.status().message().find("offset 9"), std::string::npos);
}

TEST(OffsetReaderTest, RejectsNaN) {
  solana::Bytes d(8, 0);
  float nan = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(d.data(), &nan, 4);
  OffsetReader r(d, "Acct");
  EXPECT_FALSE(r.F32(0, "f").ok());
  double dnan = std::numeric_limits<double>::quiet_NaN();
  solana::Bytes e(8, 0);
  std::memcpy(e.data(), &dnan, 8);
  EXPECT_FALSE(OffsetReader(e, "Acct").F64(0, "f").ok());
  double inf = std::numeric_limits<double>::infinity();
  std::memcpy(e.data(), &inf, 8);
  EXPECT_EQ(*OffsetReader(e, "Acct").F64(0, "f"), inf);  // only NaN is refused by the program
}

}  // namespace
}  // namespace psyche
