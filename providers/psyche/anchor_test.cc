#include "providers/psyche/anchor.h"

#include <gtest/gtest.h>

#include "providers/psyche/hex.h"

namespace psyche {
namespace {

std::string Hex(const AnchorDiscriminator& d) { return HexEncode(solana::ByteView(d.data(), 8)); }

// solana-wire.md 9.7 and coordinator.md 1.4 / 4.4.
TEST(AnchorTest, InstructionDiscriminatorsMatchSpec) {
  EXPECT_EQ(Hex(AnchorInstructionDiscriminator("initialize")), "afaf6d1f0d989bed");
  EXPECT_EQ(Hex(AnchorInstructionDiscriminator("join_run")), "48a07d666a86f64b");
  EXPECT_EQ(Hex(AnchorInstructionDiscriminator("init_coordinator")), "14399449e8857a19");
  EXPECT_EQ(Hex(AnchorInstructionDiscriminator("update")), "dbc858b09e3ffd7f");
  EXPECT_EQ(Hex(AnchorInstructionDiscriminator("update_client_version")), "c1152e3c33020dfb");
  EXPECT_EQ(Hex(AnchorInstructionDiscriminator("set_future_epoch_rates")), "ef15a057c7c8b681");
  EXPECT_EQ(Hex(AnchorInstructionDiscriminator("set_paused")), "5b3c7dc0b0e1a6da");
  EXPECT_EQ(Hex(AnchorInstructionDiscriminator("free_coordinator")), "59d8d7e5dff24a20");
  EXPECT_EQ(Hex(AnchorInstructionDiscriminator("tick")), "5c4f2c0865503f0f");
}

TEST(AnchorTest, AccountDiscriminatorsMatchSpec) {
  EXPECT_EQ(Hex(AnchorAccountDiscriminator("CoordinatorInstance")), "9c099910af181ffc");
  EXPECT_EQ(Hex(AnchorAccountDiscriminator("CoordinatorAccount")), "ef21b1372c9b562b");
  EXPECT_EQ(Hex(AnchorAccountDiscriminator("Authorization")), "0344a8f3c3a8204b");
}

}  // namespace
}  // namespace psyche
