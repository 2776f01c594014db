#include "localnet/system_program_exec.h"

#include <gtest/gtest.h>

#include "localnet/test_util.h"

namespace localnet {
namespace {

using testing::KeyOf;

// Runs the System Program on hand-built accounts (no ledger).
InstructionResult RunSystem(std::vector<TxAccount*> accounts, const Bytes& data,
                            std::vector<std::string>* logs) {
  SystemProgram p;
  InvokeContext ctx(solana::program_ids::System(), std::move(accounts), data, ExecEnv{}, logs);
  return p.Process(ctx);
}

TxAccount Acct(uint8_t k, uint64_t lamports, bool signer, bool writable = true) {
  TxAccount a;
  a.key = KeyOf(k);
  a.account.lamports = lamports;
  a.is_signer = signer;
  a.is_writable = writable;
  return a;
}

TEST(SystemProgramTest, AllocateAndAssign) {
  std::vector<std::string> logs;
  TxAccount a = Acct(1, 100, true);
  Bytes alloc;
  solana::PutU32(&alloc, 8);
  solana::PutU64(&alloc, 40);
  EXPECT_FALSE(RunSystem({&a}, alloc, &logs).has_value());
  EXPECT_EQ(a.account.data.size(), 40u);
  // Allocating again: AccountAlreadyInUse (custom 0).
  auto r = RunSystem({&a}, alloc, &logs);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->Json(), "{\"Custom\":0}");
  // Too large: InvalidAccountDataLength (custom 3).
  TxAccount b = Acct(2, 100, true);
  Bytes huge;
  solana::PutU32(&huge, 8);
  solana::PutU64(&huge, kMaxPermittedDataLength + 1);
  EXPECT_EQ(RunSystem({&b}, huge, &logs)->Json(), "{\"Custom\":3}");
  // Assign needs the account's signature.
  Bytes assign;
  solana::PutU32(&assign, 1);
  solana::PutBytes(&assign, KeyOf(9).view());
  TxAccount c = Acct(3, 100, false);
  EXPECT_EQ(RunSystem({&c}, assign, &logs)->Json(), "\"MissingRequiredSignature\"");
  c.is_signer = true;
  EXPECT_FALSE(RunSystem({&c}, assign, &logs).has_value());
  EXPECT_EQ(c.account.owner, KeyOf(9));
}

TEST(SystemProgramTest, TransferEdgeCases) {
  std::vector<std::string> logs;
  TxAccount a = Acct(1, 100, true);
  // To itself: allowed, balance unchanged.
  EXPECT_FALSE(RunSystem({&a, &a}, testing::TransferData(60), &logs).has_value());
  EXPECT_EQ(a.account.lamports, 100u);
  // From an account with data: InvalidArgument.
  TxAccount d = Acct(2, 100, true);
  d.account.data = {1};
  TxAccount e = Acct(3, 0, false);
  EXPECT_EQ(RunSystem({&d, &e}, testing::TransferData(1), &logs)->Json(), "\"InvalidArgument\"");
  EXPECT_EQ(logs.back(), "Transfer: `from` must not carry data");
  // Short data and missing accounts.
  EXPECT_EQ(RunSystem({&a, &e}, Bytes{2, 0, 0}, &logs)->Json(), "\"InvalidInstructionData\"");
  EXPECT_EQ(RunSystem({&a}, testing::TransferData(1), &logs)->Json(), "\"NotEnoughAccountKeys\"");
  EXPECT_EQ(RunSystem({&a, &e}, Bytes{99, 0, 0, 0}, &logs)->Json(), "\"InvalidInstructionData\"");
}

TEST(TxErrorTest, JsonAndDisplay) {
  EXPECT_EQ(TransactionError::Of(TransactionErrorKind::kBlockhashNotFound).Json(),
            "\"BlockhashNotFound\"");
  EXPECT_EQ(TransactionError::Instruction(0, InstructionError::Custom(6001)).Json(),
            "{\"InstructionError\":[0,{\"Custom\":6001}]}");
  EXPECT_EQ(TransactionError::Instruction(0, InstructionError::Custom(6001)).Display(),
            "Error processing Instruction 0: custom program error: 0x1771");
  EXPECT_EQ(TransactionError::Of(TransactionErrorKind::kDuplicateInstruction, 2).Json(),
            "{\"DuplicateInstruction\":2}");
  TransactionError e = TransactionError::Of(TransactionErrorKind::kInsufficientFundsForRent, 1);
  Bytes enc;
  e.Encode(&enc);
  solana::ByteReader in(enc);
  auto back = TransactionError::Decode(&in);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, e);
  Bytes bad = {200, 0, 0, 0, 0, 0, 0};
  solana::ByteReader bad_in(bad);
  EXPECT_FALSE(TransactionError::Decode(&bad_in).ok());
}

}  // namespace
}  // namespace localnet
