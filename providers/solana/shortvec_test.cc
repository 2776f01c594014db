#include "providers/solana/shortvec.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"

namespace solana {
namespace {

Bytes FromHex(absl::string_view hex) {
  std::string s = absl::HexStringToBytes(hex);
  return Bytes(s.begin(), s.end());
}

// Spec solana-wire.md 9.2.
const std::vector<std::pair<uint16_t, const char*>> kVectors = {
    {0, "00"},     {1, "01"},       {127, "7f"},       {128, "8001"},     {255, "ff01"},
    {256, "8002"}, {16383, "ff7f"}, {16384, "808001"}, {65535, "ffff03"},
};

TEST(ShortVec, EncodesSpecVectors) {
  for (const auto& [value, hex] : kVectors) {
    Bytes out;
    PutShortVec(&out, value);
    EXPECT_EQ(out, FromHex(hex)) << value;
    EXPECT_EQ(ShortVecLength(value), out.size()) << value;
  }
}

TEST(ShortVec, DecodesSpecVectors) {
  for (const auto& [value, hex] : kVectors) {
    Bytes in = FromHex(hex);
    ByteReader r(in);
    auto got = ReadShortVec(&r, "n");
    ASSERT_TRUE(got.ok()) << hex << ": " << got.status();
    EXPECT_EQ(*got, value);
    EXPECT_EQ(r.remaining(), 0u);
  }
}

TEST(ShortVec, AcceptsNonZeroMiddleByte) {
  Bytes in = FromHex("ff8001");
  ByteReader r(in);
  auto got = ReadShortVec(&r, "n");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, 16511);
}

TEST(ShortVec, RejectsSpecInvalidEncodings) {
  for (const char* hex : {"", "80", "8000", "808080", "ffff04", "ff00", "ff8000", "ffff"}) {
    Bytes in = FromHex(hex);
    ByteReader r(in);
    EXPECT_FALSE(ReadShortVec(&r, "n").ok()) << hex;
  }
}

TEST(ShortVec, StopsAfterValue) {
  Bytes in = FromHex("8001ff");
  ByteReader r(in);
  auto got = ReadShortVec(&r, "n");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, 128);
  EXPECT_EQ(r.offset(), 2u);
}

TEST(ShortVec, RoundTripsEveryValue) {
  for (uint32_t v = 0; v <= kMaxShortVecValue; ++v) {
    Bytes out;
    PutShortVec(&out, static_cast<uint16_t>(v));
    ASSERT_EQ(out.size(), ShortVecLength(v));
    ByteReader r(out);
    auto got = ReadShortVec(&r, "n");
    ASSERT_TRUE(got.ok()) << v;
    ASSERT_EQ(*got, v);
  }
}

}  // namespace
}  // namespace solana
