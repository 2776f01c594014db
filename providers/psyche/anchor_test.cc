#include "providers/psyche/anchor.h"

#include <gtest/gtest.h>

#include "providers/psyche/psyche_program_ids.h"

namespace psyche::anchor {
namespace {

// Vectors from spec solana-wire 9.7 and coordinator 1.4 / 4.4.
TEST(AnchorTest, Discriminators) {
  EXPECT_EQ(DiscriminatorHex(AccountDiscriminator("CoordinatorInstance")), "9c099910af181ffc");
  EXPECT_EQ(DiscriminatorHex(AccountDiscriminator("CoordinatorAccount")), "ef21b1372c9b562b");
  EXPECT_EQ(DiscriminatorHex(AccountDiscriminator("Authorization")), "0344a8f3c3a8204b");
  EXPECT_EQ(DiscriminatorHex(InstructionDiscriminator("initialize")), "afaf6d1f0d989bed");
  EXPECT_EQ(DiscriminatorHex(InstructionDiscriminator("join_run")), "48a07d666a86f64b");
  EXPECT_EQ(DiscriminatorHex(InstructionDiscriminator("update")), "dbc858b09e3ffd7f");
  EXPECT_EQ(DiscriminatorHex(EventDiscriminator("MyEvent")), "60b8c5f38b025a94");
}

TEST(AnchorTest, CheckDiscriminator) {
  Discriminator d = AccountDiscriminator("CoordinatorInstance");
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

TEST(AnchorTest, CheckOwner) {
  EXPECT_TRUE(CheckOwner(program_ids::Coordinator(), program_ids::Coordinator(), "X").ok());
  absl::Status s = CheckOwner(program_ids::Treasurer(), program_ids::Coordinator(), "X");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("4SHugWqSXwKE5fqDchkJcPEqnoZE22VYKtSTVm7axbT7"),
            absl::string_view::npos);
}

}  // namespace
}  // namespace psyche::anchor
