#include "providers/psyche/account_checks.h"

#include <gtest/gtest.h>

#include "providers/psyche/psyche_program_ids.h"

namespace psyche {
namespace {

// Vectors from spec coordinator 1.4 and solana-wire 9.7.
TEST(AccountChecksTest, DiscriminatorHex) {
  EXPECT_EQ(DiscriminatorHex(AnchorAccountDiscriminator("CoordinatorInstance")),
            "9c099910af181ffc");
  EXPECT_EQ(DiscriminatorHex(AnchorAccountDiscriminator("CoordinatorAccount")), "ef21b1372c9b562b");
}

TEST(AccountChecksTest, CheckDiscriminator) {
  AnchorDiscriminator d = AnchorAccountDiscriminator("CoordinatorInstance");
  solana::Bytes data(d.begin(), d.end());
  data.push_back(7);
  EXPECT_TRUE(CheckDiscriminator(data, d, "CoordinatorInstance").ok());
  data[3] ^= 1;
  absl::Status s = CheckDiscriminator(data, d, "CoordinatorInstance");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("wrong discriminator"), absl::string_view::npos);
  EXPECT_FALSE(CheckDiscriminator(solana::ByteView(data.data(), 7), d, "X").ok());
  EXPECT_FALSE(CheckDiscriminator(solana::ByteView(), d, "X").ok());
}

TEST(AccountChecksTest, CheckOwner) {
  EXPECT_TRUE(CheckOwner(program_ids::Coordinator(), program_ids::Coordinator(), "X").ok());
  absl::Status s = CheckOwner(program_ids::Treasurer(), program_ids::Coordinator(), "X");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("4SHugWqSXwKE5fqDchkJcPEqnoZE22VYKtSTVm7axbT7"),
            absl::string_view::npos);
}

}  // namespace
}  // namespace psyche
