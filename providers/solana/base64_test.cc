#include "providers/solana/base64.h"

#include <gtest/gtest.h>

namespace solana {
namespace {

Bytes B(absl::string_view s) { return Bytes(s.begin(), s.end()); }

// RFC 4648 section 10 vectors.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> kCases[] = {{"", ""},
                                                        {"f", "Zg=="},
                                                        {"fo", "Zm8="},
                                                        {"foo", "Zm9v"},
                                                        {"foob", "Zm9vYg=="},
                                                        {"fooba", "Zm9vYmE="},
                                                        {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, enc] : kCases) {
    EXPECT_EQ(Base64Encode(B(plain)), enc);
    auto back = Base64Decode(enc);
    ASSERT_TRUE(back.ok()) << enc << ": " << back.status();
    EXPECT_EQ(*back, B(plain));
  }
}

TEST(Base64, AllByteValuesRoundTrip) {
  Bytes all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<uint8_t>(i));
  for (size_t n = 0; n <= all.size(); n += 37) {
    Bytes part(all.begin(), all.begin() + n);
    auto back = Base64Decode(Base64Encode(part));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, part);
  }
  EXPECT_EQ(Base64Encode(Bytes{0xfb, 0xff}), "+/8=");
}

TEST(Base64, RejectsMalformed) {
  for (const char* bad : {"Zg", "Zg=", "Z===", "Zm9v\n", " Zm9v", "Zm-v", "Zm_v",
                          "Zg==Zg==", "=Zg=", "Zh==", "Zm9=", "\xff\xff\xff\xff", "Zm=v"}) {
    EXPECT_FALSE(Base64Decode(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace solana
