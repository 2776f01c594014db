#include "localnet/spl_token_exec.h"

#include <gtest/gtest.h>

#include "localnet/spl_test_util.h"
#include "providers/solana/pda.h"

namespace localnet {
namespace {

using psyche::TokenAccountState;
using testing::CreateAccount;
using testing::Ix;
using testing::KeyOf;
using testing::Signer;
using testing::ToIx;
using K = InstructionErrorKind;
namespace program_ids = solana::program_ids;

class SplTokenExecTest : public testing::SplLedgerTest {
 protected:
  Pubkey Mint() const { return mint.pubkey; }
  // Token accounts of payer (A) and other (B) for Mint(); payer holds `amount`.
  void SetUpAccounts(uint64_t amount, uint8_t decimals = 6) {
    PutMint(Mint(), decimals, amount);
    PutTokenAccount(KeyOf(10), Mint(), payer.pubkey, amount);
    PutTokenAccount(KeyOf(11), Mint(), other.pubkey, 0);
  }
  bool HasLog(const TxOutcome& o, const std::string& line) {
    return std::find(o.logs.begin(), o.logs.end(), line) != o.logs.end();
  }
};

TEST_F(SplTokenExecTest, CreateAccountThenInitializeMintWritesTheMintLayout) {
  TxOutcome o = Send({&payer, &mint},
                     {CreateAccount(payer.pubkey, Mint(), testing::kMintRent, 82, program_ids::Token()),
                      ToIx(psyche::TokenInitializeMint(Mint(), 6, payer.pubkey, std::nullopt))});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  psyche::Mint want;
  want.mint_authority = payer.pubkey;
  want.decimals = 6;
  EXPECT_EQ(Get(Mint())->data, psyche::EncodeMint(want));
  EXPECT_EQ(Get(Mint())->owner, program_ids::Token());
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: InitializeMint"));
  EXPECT_TRUE(HasLog(o, "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA consumed 4645 of "
                        "202850 compute units"));
}

TEST_F(SplTokenExecTest, InitializeMint2WithFreezeAuthority) {
  TxOutcome o = Send({&payer, &mint},
                     {CreateAccount(payer.pubkey, Mint(), testing::kMintRent, 82, program_ids::Token()),
                      ToIx(psyche::TokenInitializeMint2(Mint(), 0, payer.pubkey, other.pubkey))});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  auto m = MintAt(Mint());
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->freeze_authority, std::optional<Pubkey>(other.pubkey));
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: InitializeMint2"));
}

TEST_F(SplTokenExecTest, InitializeMintTwiceIsAlreadyInUse6) {
  PutMint(Mint(), 6);
  TxOutcome o = Send({&payer}, {ToIx(psyche::TokenInitializeMint2(Mint(), 6, payer.pubkey, {}))});
  EXPECT_EQ(o.err, Custom(0, 6));
  EXPECT_TRUE(HasLog(o, "Program log: Error: account or token already in use"));
}

TEST_F(SplTokenExecTest, UnderfundedMintIsNotRentExempt0) {
  TxOutcome o = Send({&payer, &mint},
                     {CreateAccount(payer.pubkey, Mint(), testing::kMintRent - 1, 82,
                                    program_ids::Token()),
                      ToIx(psyche::TokenInitializeMint2(Mint(), 6, payer.pubkey, {}))});
  EXPECT_EQ(o.err, Custom(1, 0));
}

TEST_F(SplTokenExecTest, MintOfWrongSizeIsInvalidAccountData) {
  TxOutcome o = Send({&payer, &mint},
                     {CreateAccount(payer.pubkey, Mint(), testing::kMintRent, 81, program_ids::Token()),
                      ToIx(psyche::TokenInitializeMint2(Mint(), 6, payer.pubkey, {}))});
  EXPECT_EQ(o.err, Failed(1, K::kInvalidAccountData));
  EXPECT_TRUE(HasLog(o, "Program log: Error: InvalidAccountData"));
}

TEST_F(SplTokenExecTest, InitializeMintWithoutTheRentSysvarIsInvalidArgument) {
  PutMint(Mint(), 6);
  Ix ix = ToIx(psyche::TokenInitializeMint(Mint(), 6, payer.pubkey, {}));
  ix.accounts[1].first = KeyOf(99);
  EXPECT_EQ(Send({&payer}, {ix}).err, Failed(0, K::kInvalidArgument));
}

TEST_F(SplTokenExecTest, UnknownTagAndShortDataAreInvalidInstruction12) {
  SetUpAccounts(5);
  EXPECT_EQ(Send({&payer}, {Ix{program_ids::Token(), {{KeyOf(10), true}}, {99}}}).err,
            Custom(0, 12));
  EXPECT_EQ(Send({&payer}, {Ix{program_ids::Token(), {{KeyOf(10), true}}, {3, 1, 2}}}).err,
            Custom(0, 12));
  EXPECT_EQ(Send({&payer}, {Ix{program_ids::Token(), {}, {}}}).err, Custom(0, 12));
}

TEST_F(SplTokenExecTest, MintToRaisesAmountAndSupply) {
  SetUpAccounts(0);
  TxOutcome o = Send({&payer}, {ToIx(psyche::TokenMintTo(Mint(), KeyOf(10), payer.pubkey, 12'500'000))});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  EXPECT_EQ(TokenAccountAt(KeyOf(10))->amount, 12'500'000u);
  EXPECT_EQ(MintAt(Mint())->supply, 12'500'000u);
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: MintTo"));
}

TEST_F(SplTokenExecTest, MintToErrors) {
  SetUpAccounts(0);
  // Wrong mint authority: OwnerMismatch (4).
  EXPECT_EQ(Send({&payer, &other}, {ToIx(psyche::TokenMintTo(Mint(), KeyOf(10), other.pubkey, 1))}).err,
            Custom(0, 4));
  // Right authority, not signing.
  Ix unsigned_ix = ToIx(psyche::TokenMintTo(Mint(), KeyOf(10), other.pubkey, 1));
  PutMint(Mint(), 6, 0, other.pubkey);
  EXPECT_EQ(Send({&payer}, {unsigned_ix}).err, Failed(0, K::kMissingRequiredSignature));
  // Destination of another mint: MintMismatch (3).
  PutMint(KeyOf(20), 6);
  PutTokenAccount(KeyOf(21), KeyOf(20), payer.pubkey, 0);
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenMintTo(Mint(), KeyOf(21), payer.pubkey, 1))}).err,
            Custom(0, 3));
  // No mint authority: FixedSupply (5).
  psyche::Mint fixed;
  fixed.decimals = 6;
  Put(KeyOf(22), psyche::EncodeMint(fixed));
  PutTokenAccount(KeyOf(23), KeyOf(22), payer.pubkey, 0);
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenMintTo(KeyOf(22), KeyOf(23), payer.pubkey, 1))}).err,
            Custom(0, 5));
  // Supply overflow: Overflow (14).
  PutMint(KeyOf(24), 6, UINT64_MAX);
  PutTokenAccount(KeyOf(25), KeyOf(24), payer.pubkey, 0);
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenMintTo(KeyOf(24), KeyOf(25), payer.pubkey, 1))}).err,
            Custom(0, 14));
  // Frozen destination: AccountFrozen (17).
  PutTokenAccount(KeyOf(26), KeyOf(20), payer.pubkey, 0, TokenAccountState::kFrozen);
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenMintTo(KeyOf(20), KeyOf(26), payer.pubkey, 1))}).err,
            Custom(0, 17));
}

TEST_F(SplTokenExecTest, TransferAndTransferCheckedMoveTokens) {
  SetUpAccounts(10'000'000);
  TxOutcome o = Send({&payer}, {ToIx(psyche::TokenTransfer(KeyOf(10), KeyOf(11), payer.pubkey, 1'000'000))});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: Transfer"));
  o = Send({&payer}, {ToIx(psyche::TokenTransferChecked(KeyOf(10), Mint(), KeyOf(11), payer.pubkey,
                                                        2'500'000, 6))});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: TransferChecked"));
  EXPECT_EQ(TokenAccountAt(KeyOf(10))->amount, 6'500'000u);
  EXPECT_EQ(TokenAccountAt(KeyOf(11))->amount, 3'500'000u);
  EXPECT_EQ(MintAt(Mint())->supply, 10'000'000u);
}

TEST_F(SplTokenExecTest, TransferErrors) {
  SetUpAccounts(100);
  auto transfer = [&](uint64_t amount, const Signer& auth) {
    return ToIx(psyche::TokenTransfer(KeyOf(10), KeyOf(11), auth.pubkey, amount));
  };
  EXPECT_EQ(Send({&payer}, {transfer(101, payer)}).err, Custom(0, 1));
  EXPECT_EQ(Send({&payer, &other}, {transfer(1, other)}).err, Custom(0, 4));
  Ix unsigned_ix = transfer(1, payer);
  EXPECT_EQ(Send({&other}, {unsigned_ix}).err, Failed(0, K::kMissingRequiredSignature));
  // Accounts of different mints: MintMismatch (3).
  PutMint(KeyOf(20), 6);
  PutTokenAccount(KeyOf(21), KeyOf(20), other.pubkey, 0);
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenTransfer(KeyOf(10), KeyOf(21), payer.pubkey, 1))}).err,
            Custom(0, 3));
  // Frozen source: AccountFrozen (17).
  PutTokenAccount(KeyOf(12), Mint(), payer.pubkey, 5, TokenAccountState::kFrozen);
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenTransfer(KeyOf(12), KeyOf(11), payer.pubkey, 1))}).err,
            Custom(0, 17));
  // Uninitialized destination.
  Put(KeyOf(13), Bytes(165, 0));
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenTransfer(KeyOf(10), KeyOf(13), payer.pubkey, 1))}).err,
            Failed(0, K::kUninitializedAccount));
  // A token account owned by another program cannot be written.
  psyche::TokenAccount foreign;
  foreign.mint = Mint();
  foreign.owner = other.pubkey;
  Put(KeyOf(14), psyche::EncodeTokenAccount(foreign), KeyOf(77));
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenTransfer(KeyOf(10), KeyOf(14), payer.pubkey, 1))}).err,
            Failed(0, K::kExternalAccountDataModified));
  EXPECT_EQ(TokenAccountAt(KeyOf(10))->amount, 100u);
}

TEST_F(SplTokenExecTest, TransferCheckedErrors) {
  SetUpAccounts(100);
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenTransferChecked(KeyOf(10), Mint(), KeyOf(11),
                                                              payer.pubkey, 1, 7))})
                .err,
            Custom(0, 18));
  PutMint(KeyOf(20), 6);
  EXPECT_EQ(Send({&payer}, {ToIx(psyche::TokenTransferChecked(KeyOf(10), KeyOf(20), KeyOf(11),
                                                              payer.pubkey, 1, 6))})
                .err,
            Custom(0, 3));
  TxOutcome o = Send({&payer}, {ToIx(psyche::TokenTransferChecked(KeyOf(10), Mint(), KeyOf(11),
                                                                  payer.pubkey, 1, 9))});
  EXPECT_TRUE(HasLog(o, "Program log: Error: decimals different from the Mint decimals"));
  EXPECT_TRUE(HasLog(o, "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA failed: custom program "
                        "error: 0x12"));
}

TEST_F(SplTokenExecTest, InitializeAccount3AndInvalidMint2) {
  PutMint(Mint(), 6);
  Put(KeyOf(30), Bytes(165, 0));
  Bytes data = {18};
  solana::PutBytes(&data, other.pubkey.view());
  TxOutcome o = Send({&payer}, {Ix{program_ids::Token(), {{KeyOf(30), true}, {Mint(), false}}, data}});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  auto t = TokenAccountAt(KeyOf(30));
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->owner, other.pubkey);
  EXPECT_EQ(t->mint, Mint());
  // Again: AlreadyInUse (6).
  EXPECT_EQ(Send({&payer}, {Ix{program_ids::Token(), {{KeyOf(30), true}, {Mint(), false}}, data}}).err,
            Custom(0, 6));
  // The mint is token-owned but not initialized: InvalidMint (2).
  Put(KeyOf(31), Bytes(165, 0));
  Put(KeyOf(32), Bytes(82, 0));
  EXPECT_EQ(Send({&payer}, {Ix{program_ids::Token(), {{KeyOf(31), true}, {KeyOf(32), false}}, data}}).err,
            Custom(0, 2));
}

TEST_F(SplTokenExecTest, AFailingSecondInstructionUndoesTheFirst) {
  SetUpAccounts(100);
  const uint64_t before = Balance(payer.pubkey);
  TxOutcome o = Send({&payer}, {ToIx(psyche::TokenMintTo(Mint(), KeyOf(10), payer.pubkey, 50)),
                                ToIx(psyche::TokenTransfer(KeyOf(10), KeyOf(11), payer.pubkey, 1000))});
  EXPECT_EQ(o.err, Custom(1, 1));
  EXPECT_TRUE(o.landed);
  EXPECT_EQ(TokenAccountAt(KeyOf(10))->amount, 100u);
  EXPECT_EQ(MintAt(Mint())->supply, 100u);
  EXPECT_EQ(before - Balance(payer.pubkey), 5000u);  // only the fee
}

TEST(SplProgramsTest, RegistryWithBuiltinsAndSplProgramsFindsAllFour) {
  ProgramRegistry r = ProgramRegistry::WithBuiltins();
  RegisterSplPrograms(r);
  EXPECT_NE(r.Find(program_ids::System()), nullptr);
  EXPECT_NE(r.Find(program_ids::ComputeBudget()), nullptr);
  ASSERT_NE(r.Find(program_ids::Token()), nullptr);
  ASSERT_NE(r.Find(program_ids::AssociatedToken()), nullptr);
  EXPECT_FALSE(r.Find(program_ids::Token())->IsBuiltin());
  EXPECT_TRUE(r.Find(program_ids::AssociatedToken())->EmulatesCpi());
  EXPECT_EQ(r.ProgramIds().size(), 4u);
}

}  // namespace
}  // namespace localnet
