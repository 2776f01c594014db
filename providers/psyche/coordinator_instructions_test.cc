#include "providers/psyche/coordinator_instructions.h"

#include <gtest/gtest.h>

#include "providers/psyche/hex.h"
#include "providers/psyche/psyche_program_ids.h"

namespace psyche {
namespace {

using solana::AccountMeta;
using solana::Pubkey;

Pubkey Sequential(uint8_t first) {
  std::array<uint8_t, 32> a;
  for (int i = 0; i < 32; ++i) a[i] = static_cast<uint8_t>(first + i);
  return Pubkey(a);
}

// coordinator.md 8.1 / 8.2: run id "test", MAIN, JOIN, ACCT.
const Pubkey kMain = Sequential(0x01);
const Pubkey kJoin = Sequential(0x21);
const Pubkey kAcct = Sequential(0x41);
const Pubkey kInstance = Pubkey::FromBase58OrDie("9L4yCH7TsMn9JfoXYEupuQwtcNPTTtHcyNL6uqDfjwGB");

CoordinatorOwnerAccounts Owner() { return {program_ids::Coordinator(), kMain, kInstance, kAcct}; }

std::vector<AccountMeta> OwnerMetas() {
  return {{kMain, true, false}, {kInstance, false, false}, {kAcct, false, true}};
}

TEST(CoordinatorInstructionsTest, AcctKeyMatchesSpec) {
  EXPECT_EQ(kAcct.ToBase58(), "5Pk716N113awdSaUDZEPZVi9Zs6hJmG5KCJtp5qQK3LB");
}

TEST(CoordinatorInstructionsTest, InitCoordinatorDerivesInstanceAndOrdersAccounts) {
  auto ix = InitCoordinatorInstruction(program_ids::Coordinator(), kMain, kAcct,
                                       {kMain, kJoin, "test", "latest"});
  ASSERT_TRUE(ix.ok()) << ix.status();
  EXPECT_EQ(ix->program_id, program_ids::Coordinator());
  std::vector<AccountMeta> want = {
      {kMain, true, true},
      {kInstance, false, true},
      {kAcct, false, true},
      {Pubkey::FromBase58OrDie("11111111111111111111111111111111"), false, false}};
  EXPECT_EQ(ix->accounts, want);
  EXPECT_EQ(ix->data.size(), 90u);
  EXPECT_EQ(HexEncode(solana::ByteView(ix->data).subspan(0, 8)), "14399449e8857a19");
}

TEST(CoordinatorInstructionsTest, InitCoordinatorRejectsLongRunId) {
  EXPECT_FALSE(InitCoordinatorInstruction(program_ids::Coordinator(), kMain, kAcct,
                                          {kMain, kJoin, std::string(33, 'x'), "v"})
                   .ok());
}

TEST(CoordinatorInstructionsTest, OwnerInstructions) {
  auto update = UpdateInstruction(Owner(), {});
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->accounts, OwnerMetas());
  EXPECT_EQ(HexEncode(update->data), "dbc858b09e3ffd7f00000000");

  auto version = UpdateClientVersionInstruction(Owner(), "v2");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->accounts, OwnerMetas());
  EXPECT_EQ(HexEncode(version->data), "c1152e3c33020dfb020000007632");

  auto rates = SetFutureEpochRatesInstruction(Owner(), {1000000, std::nullopt});
  EXPECT_EQ(rates.accounts, OwnerMetas());
  EXPECT_EQ(HexEncode(rates.data), "ef15a057c7c8b6810140420f000000000000");

  auto paused = SetPausedInstruction(Owner(), true);
  EXPECT_EQ(paused.program_id, program_ids::Coordinator());
  EXPECT_EQ(paused.accounts, OwnerMetas());
  EXPECT_EQ(HexEncode(paused.data), "5b3c7dc0b0e1a6da01");
}

TEST(CoordinatorInstructionsTest, FreeCoordinator) {
  Pubkey spill = kMain;
  auto ix = FreeCoordinatorInstruction(Owner(), spill);
  std::vector<AccountMeta> want = {
      {kMain, true, false}, {spill, false, true}, {kInstance, false, true}, {kAcct, false, true}};
  EXPECT_EQ(ix.accounts, want);
  EXPECT_EQ(HexEncode(ix.data), "59d8d7e5dff24a20");
}

TEST(CoordinatorInstructionsTest, JoinRunAndTick) {
  Pubkey authorization = Sequential(0x61);
  auto join = JoinRunInstruction(program_ids::Coordinator(), authorization, kInstance, kAcct,
                                 {kMain, kJoin});
  std::vector<AccountMeta> want = {{kMain, true, false},
                                   {authorization, false, false},
                                   {kInstance, false, false},
                                   {kAcct, false, true}};
  EXPECT_EQ(join.accounts, want);
  EXPECT_EQ(join.data.size(), 72u);

  auto tick = TickInstruction(program_ids::Coordinator(), kJoin, kInstance, kAcct);
  EXPECT_EQ(tick.accounts,
            (std::vector<AccountMeta>{
                {kJoin, true, false}, {kInstance, false, false}, {kAcct, false, true}}));
  EXPECT_EQ(HexEncode(tick.data), "5c4f2c0865503f0f");
}

}  // namespace
}  // namespace psyche
