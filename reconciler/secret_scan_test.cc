#include "reconciler/secret_scan.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/solana/base58.h"

namespace reconciler {
namespace {

TEST(SecretScanTest, KeypairShapesAreFlagged) {
  solana::Bytes secret(64, 0x5a);
  EXPECT_TRUE(LooksLikeSecretKey(solana::Base58Encode(secret)));
  EXPECT_TRUE(LooksLikeSecretKey(std::string(128, 'a')));
  std::vector<int> nums(64, 200);
  EXPECT_TRUE(LooksLikeSecretKey(absl::StrCat("[", absl::StrJoin(nums, ","), "]")));
  EXPECT_TRUE(LooksLikeSecretKey(absl::StrCat(" [", absl::StrJoin(nums, ", "), "]\n")));
}

TEST(SecretScanTest, PubkeysHashesAndTextAreNot) {
  solana::Bytes pubkey(32, 0x5a);
  EXPECT_FALSE(LooksLikeSecretKey(solana::Base58Encode(pubkey)));
  EXPECT_FALSE(LooksLikeSecretKey(std::string(64, 'a')));  // a sha256 in hex
  std::vector<int> nums(32, 7);
  EXPECT_FALSE(LooksLikeSecretKey(absl::StrCat("[", absl::StrJoin(nums, ","), "]")));
  std::vector<int> big(64, 256);
  EXPECT_FALSE(LooksLikeSecretKey(absl::StrCat("[", absl::StrJoin(big, ","), "]")));
  EXPECT_FALSE(LooksLikeSecretKey("deferred pause: run is training"));
  EXPECT_FALSE(LooksLikeSecretKey(""));
}

}  // namespace
}  // namespace reconciler
