#include "localnet/ata_exec.h"

#include <gtest/gtest.h>

#include "absl/strings/str_join.h"
#include "localnet/spl_test_util.h"
#include "providers/solana/pda.h"

namespace localnet {
namespace {

using testing::Ix;
using testing::KeyOf;
using testing::Signer;
using testing::ToIx;
using K = InstructionErrorKind;
namespace program_ids = solana::program_ids;

class AtaExecTest : public testing::SplLedgerTest {
 protected:
  void SetUp() override {
    SplLedgerTest::SetUp();
    PutMint(mint.pubkey, 6);
    ata = solana::AssociatedTokenAddress(other.pubkey, mint.pubkey);
  }
  Ix Create() { return ToIx(psyche::AtaCreate(payer.pubkey, other.pubkey, mint.pubkey)); }
  Ix CreateIdempotent() {
    return ToIx(psyche::AtaCreateIdempotent(payer.pubkey, other.pubkey, mint.pubkey));
  }
  Bytes ExpectedAccountBytes() {
    psyche::TokenAccount t;
    t.mint = mint.pubkey;
    t.owner = other.pubkey;
    return psyche::EncodeTokenAccount(t);
  }
  Pubkey ata;
};

TEST_F(AtaExecTest, CreateMakesARentExemptTokenAccountPaidByTheFunder) {
  const uint64_t before = Balance(payer.pubkey);
  TxOutcome o = Send({&payer}, {Create()});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json() << "\n" << absl::StrJoin(o.logs, "\n");
  auto a = Get(ata);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->owner, program_ids::Token());
  EXPECT_EQ(a->lamports, testing::kTokenAccountRent);
  EXPECT_EQ(a->data, ExpectedAccountBytes());
  EXPECT_EQ(before - Balance(payer.pubkey), testing::kTokenAccountRent + 5000);
  const std::string tk = "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
  const std::string sys = "Program 11111111111111111111111111111111";
  const std::string ata_id = "Program ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL";
  EXPECT_EQ(o.logs, (std::vector<std::string>{
                        ata_id + " invoke [1]",
                        "Program log: Create",
                        tk + " invoke [2]",
                        "Program log: Instruction: GetAccountDataSize",
                        "Program return: TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA pQAAAAAAAAA=",
                        tk + " success",
                        sys + " invoke [2]",
                        sys + " success",
                        "Program log: Initialize the associated token account",
                        tk + " invoke [2]",
                        "Program log: Instruction: InitializeImmutableOwner",
                        "Program log: Please upgrade to SPL Token 2022 for immutable owner support",
                        tk + " success",
                        tk + " invoke [2]",
                        "Program log: Instruction: InitializeAccount3",
                        tk + " success",
                        ata_id + " consumed 20000 of 200000 compute units",
                        ata_id + " success"}));
}

TEST_F(AtaExecTest, EmptyDataIsCreate) {
  Ix ix = Create();
  ix.data.clear();
  TxOutcome o = Send({&payer}, {ix});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  EXPECT_EQ(Get(ata)->data, ExpectedAccountBytes());
}

TEST_F(AtaExecTest, CreateOnAnExistingAccountFailsIdempotentSucceedsUnchanged) {
  ASSERT_FALSE(Send({&payer}, {Create()}).err.has_value());
  EXPECT_EQ(Send({&payer}, {Create()}).err, Failed(0, K::kIllegalOwner));
  const uint64_t before = Balance(payer.pubkey);
  TxOutcome o = Send({&payer}, {CreateIdempotent()});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  EXPECT_EQ(before - Balance(payer.pubkey), 5000u);
  EXPECT_EQ(Get(ata)->data, ExpectedAccountBytes());
  EXPECT_EQ(Get(ata)->lamports, testing::kTokenAccountRent);
}

TEST_F(AtaExecTest, IdempotentCreateChecksTheExistingAccount) {
  PutTokenAccount(ata, mint.pubkey, payer.pubkey, 0);  // wrong token owner
  TxOutcome o = Send({&payer}, {CreateIdempotent()});
  EXPECT_EQ(o.err, Custom(0, 0));
  PutTokenAccount(ata, KeyOf(40), other.pubkey, 0);  // wrong mint
  EXPECT_EQ(Send({&payer}, {CreateIdempotent()}).err, Failed(0, K::kInvalidAccountData));
}

TEST_F(AtaExecTest, WrongAddressIsInvalidSeeds) {
  Ix ix = Create();
  ix.accounts[1].first = KeyOf(41);
  TxOutcome o = Send({&payer}, {ix});
  EXPECT_EQ(o.err, Failed(0, K::kInvalidSeeds));
  EXPECT_EQ(o.logs[2], "Program log: Error: Associated address does not match seed derivation");
}

TEST_F(AtaExecTest, PreFundedAddressIsToppedUpAllocatedAndAssigned) {
  ASSERT_FALSE(Send({&payer}, {testing::Transfer(payer.pubkey, ata, 1'000'000)}).err.has_value());
  const uint64_t before = Balance(payer.pubkey);
  TxOutcome o = Send({&payer}, {CreateIdempotent()});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  EXPECT_EQ(Get(ata)->lamports, testing::kTokenAccountRent);
  EXPECT_EQ(Get(ata)->data, ExpectedAccountBytes());
  EXPECT_EQ(before - Balance(payer.pubkey), testing::kTokenAccountRent - 1'000'000 + 5000);
  EXPECT_EQ(std::count(o.logs.begin(), o.logs.end(),
                       "Program 11111111111111111111111111111111 invoke [2]"),
            3);
}

TEST_F(AtaExecTest, PoorFunderGetsTheSystemProgramsCustom1) {
  Signer poor = Signer::Numbered(9);
  Fund(poor.pubkey, 1'000'000);
  TxOutcome o = Send({&poor}, {ToIx(psyche::AtaCreate(poor.pubkey, other.pubkey, mint.pubkey))});
  EXPECT_EQ(o.err, Custom(0, 1));
  EXPECT_FALSE(Get(ata).has_value());
}

TEST_F(AtaExecTest, MintChecksComeFromTheTokenProgram) {
  Fund(KeyOf(42), 1'000'000);  // a system account
  TxOutcome o = Send({&payer}, {ToIx(psyche::AtaCreate(payer.pubkey, other.pubkey, KeyOf(42)))});
  EXPECT_EQ(o.err, Failed(0, K::kIncorrectProgramId));
  Put(KeyOf(43), Bytes(82, 0));  // token-owned, uninitialized
  o = Send({&payer}, {ToIx(psyche::AtaCreate(payer.pubkey, other.pubkey, KeyOf(43)))});
  EXPECT_EQ(o.err, Custom(0, 2));
}

TEST_F(AtaExecTest, BadInstructionDataAndTooFewAccounts) {
  Ix ix = Create();
  ix.data = {3};
  EXPECT_EQ(Send({&payer}, {ix}).err, Failed(0, K::kInvalidInstructionData));
  ix.data = {1, 0};
  EXPECT_EQ(Send({&payer}, {ix}).err, Failed(0, K::kInvalidInstructionData));
  ix = Create();
  ix.accounts.pop_back();
  EXPECT_EQ(Send({&payer}, {ix}).err, Failed(0, K::kNotEnoughAccountKeys));
}

TEST_F(AtaExecTest, AFailingSecondInstructionUndoesTheCreatedAccount) {
  TxOutcome o = Send({&payer}, {Create(), Create()});
  EXPECT_EQ(o.err, Failed(1, K::kIllegalOwner));
  EXPECT_FALSE(Get(ata).has_value());
}

}  // namespace
}  // namespace localnet
