#include "reconciler/secret_scan.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/solana/base58.h"

namespace reconciler {
namespace {

std::string Base58Secret() { return solana::Base58Encode(solana::Bytes(64, 0x5a)); }

std::string ByteArray(int n, int value, absl::string_view sep = ",") {
  std::vector<int> nums(n, value);
  return absl::StrCat("[", absl::StrJoin(nums, sep), "]");
}

TEST(SecretScanTest, KeypairShapesAreFound) {
  EXPECT_TRUE(ContainsSecretKey(Base58Secret()));
  EXPECT_TRUE(ContainsSecretKey(std::string(128, 'a')));
  EXPECT_TRUE(ContainsSecretKey(ByteArray(64, 200)));
  EXPECT_TRUE(ContainsSecretKey(ByteArray(64, 0, ", ")));
}

TEST(SecretScanTest, SecretsInsideLongerTextAreFound) {
  EXPECT_TRUE(ContainsSecretKey(absl::StrCat("key=", Base58Secret(), ".")));
  EXPECT_TRUE(ContainsSecretKey(absl::StrCat("wallet ", ByteArray(64, 7), " leaked")));
  EXPECT_EQ(RedactSecrets(absl::StrCat("key=", Base58Secret(), " and ", ByteArray(64, 1), "!")),
            "key=(sensitive) and (sensitive)!");
}

TEST(SecretScanTest, PubkeysHashesAndTextAreNot) {
  std::string pubkey = solana::Base58Encode(solana::Bytes(32, 0x5a));
  EXPECT_FALSE(ContainsSecretKey(pubkey));
  EXPECT_FALSE(ContainsSecretKey(absl::StrCat(pubkey, " ", pubkey)));
  EXPECT_FALSE(ContainsSecretKey(std::string(64, 'a')));  // a sha256 in hex
  EXPECT_FALSE(ContainsSecretKey(std::string(200, 'a')));  // longer than any key: one run
  EXPECT_FALSE(ContainsSecretKey(ByteArray(32, 7)));
  EXPECT_FALSE(ContainsSecretKey(ByteArray(64, 256)));
  EXPECT_FALSE(ContainsSecretKey("deferred pause: run is training [1, 2]"));
  EXPECT_FALSE(ContainsSecretKey(""));
  EXPECT_EQ(RedactSecrets(pubkey), pubkey);
}

TEST(SecretScanTest, ManyBracketsStayFast) {
  std::string text(200000, '[');
  EXPECT_FALSE(ContainsSecretKey(text));
  EXPECT_EQ(RedactSecrets(text), text);
}

}  // namespace
}  // namespace reconciler
