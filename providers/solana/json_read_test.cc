#include "providers/solana/json_read.h"

#include <gtest/gtest.h>

namespace solana::json {
namespace {

TEST(JsonRead, NestingDepthSkipsStrings) {
  EXPECT_EQ(JsonNestingDepth("1"), 0u);
  EXPECT_EQ(JsonNestingDepth(R"({"a":[1,{"b":[]}]})"), 4u);
  EXPECT_EQ(JsonNestingDepth(R"({"a":"[[[[\"[[["})"), 1u);
  EXPECT_EQ(JsonNestingDepth(std::string(100000, '[')), 100000u);
}

TEST(JsonRead, TypedReadersNamePathsAndRefuseWrongTypes) {
  rapidjson::Document d;
  d.Parse(R"({"u":18446744073709551615,"neg":-1,"f":1.5,"s":"x","b":true,"n":null,
              "k":"11111111111111111111111111111111","short":"1111",
              "data":["AQID","base64"],"data58":["AQID","base58"]})");
  ASSERT_FALSE(d.HasParseError());
  EXPECT_EQ(*U64Member(d, "r", "u"), UINT64_MAX);
  auto neg = U64Member(d, "r", "neg");
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.status().message(),
            "malformed RPC response: r.neg: expected unsigned 64-bit integer, got -1");
  EXPECT_FALSE(U64Member(d, "r", "f").ok());
  EXPECT_FALSE(U64Member(d, "r", "s").ok());
  EXPECT_EQ(Member(d, "r", "missing").status().message(),
            "malformed RPC response: r.missing: missing");
  EXPECT_EQ(*OptionalMember(d, "r", "n"), nullptr);
  EXPECT_EQ(*OptionalMember(d, "r", "missing"), nullptr);
  EXPECT_TRUE(*BoolMember(d, "r", "b"));
  EXPECT_FALSE(BoolMember(d, "r", "s").ok());
  EXPECT_TRUE(Base58Key(d["k"], "k").ok());
  EXPECT_FALSE(Base58Key(d["short"], "short").ok());
  EXPECT_EQ(*Base64Data(d["data"], "data"), (Bytes{1, 2, 3}));
  EXPECT_FALSE(Base64Data(d["data58"], "data58").ok());
  EXPECT_FALSE(Base64Data(d["s"], "s").ok());
  EXPECT_FALSE(Member(d["s"], "s", "x").ok());  // not an object
}

}  // namespace
}  // namespace solana::json
