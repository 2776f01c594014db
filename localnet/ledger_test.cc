#include "localnet/ledger.h"

#include <gtest/gtest.h>

#include "localnet/system_program_exec.h"
#include "localnet/test_util.h"

namespace localnet {
namespace {

using testing::BuildTx;
using testing::HashOf;
using testing::KeyOf;
using testing::Signer;
using K = TransactionErrorKind;

constexpr uint64_t kRentMin0 = 890'880;

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LedgerOptions o;
    o.genesis_blockhash = HashOf(7);  // the blockhash of the spec vectors
    auto l = Ledger::Open(o, ProgramRegistry::WithBuiltins());
    ASSERT_TRUE(l.ok()) << l.status();
    ledger = std::move(*l);
    payer = testing::SpecSigner();
    Fund(payer.pubkey, 10'000'000'000);
  }
  void Fund(const Pubkey& k, uint64_t lamports) {
    Account a;
    a.lamports = lamports;
    ASSERT_TRUE(ledger->SetAccount(k, a).ok());
  }
  uint64_t Balance(const Pubkey& k) {
    auto a = ledger->GetAccounts({k})[0];
    return a ? a->lamports : 0;
  }
  TxOutcome Send(const Bytes& tx, bool preflight = false) {
    SubmitOptions o;
    o.preflight = preflight;
    auto r = ledger->Submit(tx, o);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : TxOutcome{};
  }
  Hash Latest() { return ledger->Block(Commitment::kProcessed).blockhash; }

  std::unique_ptr<Ledger> ledger;
  Signer payer;
};

TEST_F(LedgerTest, SpecVectorAChargesFeeAndTransfers) {
  Fund(KeyOf(1), kRentMin0);
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  uint64_t before = Balance(payer.pubkey);
  TxOutcome o = Send(tx, /*preflight=*/true);
  EXPECT_TRUE(o.landed);
  EXPECT_FALSE(o.err.has_value());
  EXPECT_EQ(o.fee, 5000u);
  EXPECT_EQ(o.units_consumed, 150u);
  EXPECT_EQ(before - Balance(payer.pubkey), 5001u);
  EXPECT_EQ(Balance(KeyOf(1)), kRentMin0 + 1);
  EXPECT_EQ(o.logs, (std::vector<std::string>{"Program 11111111111111111111111111111111 invoke [1]",
                                              "Program 11111111111111111111111111111111 success"}));
  EXPECT_EQ(
      testing::SigBase58(tx),
      "3JsTRaF8cY4NjQ1wApc6EwWZNt95dKW5BiCAs14b3BFhvJ74UCo6Ytb2moPe7U1vskyMG7HdWy5kZTV565wXNXLS");
}

TEST_F(LedgerTest, SpecVectorBPriorityFee) {
  Fund(KeyOf(1), kRentMin0);
  Bytes tx = BuildTx({&payer},
                     {testing::SetComputeUnitLimit(200000), testing::SetComputeUnitPrice(10000),
                      testing::Transfer(payer.pubkey, KeyOf(1), 1)},
                     HashOf(7));
  EXPECT_EQ(tx.size(), 267u);
  EXPECT_EQ(
      testing::SigBase58(tx),
      "28TK3yHLYXco6vCh1v5jnyCziM3HfUCJDc7iWdF6Whh7vAEwuk3cfEYAGAG3L52kpGo7SMHBJJmeYGZM92fZzbBG");
  auto fee = ledger->FeeForMessage(Bytes(tx.begin() + 65, tx.end()));
  ASSERT_TRUE(fee.ok());
  EXPECT_EQ(fee->value_or(0), 7000u);
  uint64_t before = Balance(payer.pubkey);
  TxOutcome o = Send(tx, true);
  EXPECT_FALSE(o.err.has_value());
  EXPECT_EQ(o.fee, 7000u);
  EXPECT_EQ(o.units_consumed, 450u);
  EXPECT_EQ(before - Balance(payer.pubkey), 7001u);
}

TEST_F(LedgerTest, UnfundedRecipientFailsRentAndStillPaysFee) {
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  uint64_t before = Balance(payer.pubkey);
  TxOutcome o = Send(tx, /*preflight=*/false);
  ASSERT_TRUE(o.err.has_value());
  EXPECT_EQ(o.err->Json(), "{\"InsufficientFundsForRent\":{\"account_index\":1}}");
  EXPECT_TRUE(o.landed);
  EXPECT_EQ(before - Balance(payer.pubkey), 5000u);  // fee only; the transfer rolled back
  EXPECT_EQ(Balance(KeyOf(1)), 0u);
  auto st = ledger->SignatureStatuses({o.signature})[0];
  ASSERT_TRUE(st.has_value());
  EXPECT_TRUE(st->err.has_value());
}

TEST_F(LedgerTest, PreflightFailureLeavesNoTrace) {
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  uint64_t before = Balance(payer.pubkey);
  TxOutcome o = Send(tx, /*preflight=*/true);
  EXPECT_FALSE(o.landed);
  ASSERT_TRUE(o.err.has_value());
  EXPECT_EQ(Balance(payer.pubkey), before);
  EXPECT_FALSE(ledger->SignatureStatuses({o.signature})[0].has_value());
}

TEST_F(LedgerTest, RepeatedSignatureIsAlreadyProcessed) {
  Fund(KeyOf(1), kRentMin0);
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  EXPECT_TRUE(Send(tx).landed);
  uint64_t after_first = Balance(payer.pubkey);
  TxOutcome again = Send(tx);
  EXPECT_FALSE(again.landed);
  ASSERT_TRUE(again.err.has_value());
  EXPECT_EQ(again.err->Json(), "\"AlreadyProcessed\"");
  EXPECT_EQ(again.err->Display(), "This transaction has already been processed");
  EXPECT_EQ(Balance(payer.pubkey), after_first);
}

TEST_F(LedgerTest, BadSignatureRejected) {
  Fund(KeyOf(1), kRentMin0);
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7),
                     /*corrupt_signature=*/true);
  TxOutcome o = Send(tx);
  EXPECT_FALSE(o.landed);
  ASSERT_TRUE(o.err.has_value());
  EXPECT_EQ(o.err->kind, K::kSignatureFailure);
  // A signature by the wrong key is just as bad.
  Signer other = Signer::Numbered(9);
  Bytes forged = BuildTx({&other}, {testing::Transfer(other.pubkey, KeyOf(1), 1)}, HashOf(7));
  std::copy(tx.begin() + 65, tx.end(), forged.begin() + 65);  // payer's message, other's sig
  EXPECT_EQ(Send(forged).err->kind, K::kSignatureFailure);
}

TEST_F(LedgerTest, BlockhashExpiresAfter150Blocks) {
  Fund(KeyOf(1), kRentMin0);
  // HashOf(7) is the genesis block's hash (height 0).
  uint64_t h0 = ledger->Block(Commitment::kProcessed).height;
  ASSERT_TRUE(ledger->Tick(150 - h0).ok());
  EXPECT_TRUE(ledger->IsBlockhashValid(HashOf(7), Commitment::kProcessed));
  ASSERT_TRUE(ledger->Tick(1).ok());
  EXPECT_FALSE(ledger->IsBlockhashValid(HashOf(7), Commitment::kProcessed));
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  TxOutcome o = Send(tx);
  EXPECT_FALSE(o.landed);
  EXPECT_EQ(o.err->kind, K::kBlockhashNotFound);
  Bytes unknown = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(9));
  EXPECT_EQ(Send(unknown).err->kind, K::kBlockhashNotFound);
  Bytes fresh = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, Latest());
  EXPECT_FALSE(Send(fresh).err.has_value());
}

TEST_F(LedgerTest, AllOrNothing) {
  Fund(KeyOf(1), kRentMin0);
  uint64_t before = Balance(payer.pubkey);
  // The first transfer succeeds, the second overdraws: nothing but the fee sticks.
  Bytes tx = BuildTx({&payer},
                     {testing::Transfer(payer.pubkey, KeyOf(1), 1000),
                      testing::Transfer(payer.pubkey, KeyOf(1), 100'000'000'000)},
                     HashOf(7));
  TxOutcome o = Send(tx, /*preflight=*/false);
  ASSERT_TRUE(o.err.has_value());
  EXPECT_EQ(o.err->Json(), "{\"InstructionError\":[1,{\"Custom\":1}]}");
  EXPECT_EQ(o.err->Display(), "Error processing Instruction 1: custom program error: 0x1");
  EXPECT_EQ(Balance(KeyOf(1)), kRentMin0);
  EXPECT_EQ(before - Balance(payer.pubkey), 5000u);
  std::string id = "11111111111111111111111111111111";
  EXPECT_EQ(o.logs, (std::vector<std::string>{
                        "Program " + id + " invoke [1]", "Program " + id + " success",
                        "Program " + id + " invoke [1]",
                        "Transfer: insufficient lamports 9999994000, need 100000000000",
                        "Program " + id + " failed: custom program error: 0x1"}));
  auto rec = ledger->GetTransaction(o.signature, Commitment::kConfirmed);
  EXPECT_FALSE(rec.has_value());  // not confirmed yet
  ASSERT_TRUE(ledger->Tick(1).ok());
  rec = ledger->GetTransaction(o.signature, Commitment::kConfirmed);
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->logs, o.logs);
  EXPECT_EQ(rec->pre_balances[0] - rec->post_balances[0], 5000u);
}

TEST_F(LedgerTest, FeePayerChecks) {
  Signer poor = Signer::Numbered(3);
  Bytes tx = BuildTx({&poor}, {testing::Transfer(poor.pubkey, KeyOf(1), 1)}, HashOf(7));
  EXPECT_EQ(Send(tx).err->kind, K::kAccountNotFound);
  Fund(poor.pubkey, 4999);
  EXPECT_EQ(Send(tx).err->kind, K::kInsufficientFundsForFee);
  // Paying the fee may not leave the payer rent-paying.
  Fund(poor.pubkey, kRentMin0 + 4000);
  TxOutcome o = Send(tx);
  EXPECT_EQ(o.err->Json(), "{\"InsufficientFundsForRent\":{\"account_index\":0}}");
  EXPECT_FALSE(o.landed);
}

TEST_F(LedgerTest, CreateAccountRulesAndCodes) {
  Signer fresh = Signer::Numbered(4);
  Pubkey owner = KeyOf(42);
  uint64_t rent = RentExemptMinimum(165);
  EXPECT_EQ(rent, 2'039'280u);
  Bytes ok =
      BuildTx({&payer, &fresh},
              {testing::CreateAccount(payer.pubkey, fresh.pubkey, rent, 165, owner)}, HashOf(7));
  TxOutcome o = Send(ok);
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  auto a = ledger->GetAccounts({fresh.pubkey})[0];
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->owner, owner);
  EXPECT_EQ(a->data.size(), 165u);
  EXPECT_EQ(a->lamports, rent);
  EXPECT_EQ(o.fee, 10000u);  // two signatures

  // Again: AccountAlreadyInUse = custom 0 with the runtime's log line.
  ASSERT_TRUE(ledger->Tick(1).ok());
  Bytes again =
      BuildTx({&payer, &fresh},
              {testing::CreateAccount(payer.pubkey, fresh.pubkey, rent, 165, owner)}, Latest());
  o = Send(again);
  EXPECT_EQ(o.err->Json(), "{\"InstructionError\":[0,{\"Custom\":0}]}");
  EXPECT_EQ(o.logs[1], "Create Account: account Address { address: " + fresh.pubkey.ToBase58() +
                           ", base: None } already in use");

  // Below the rent-exempt minimum: InsufficientFundsForRent on the new account.
  Signer small = Signer::Numbered(5);
  Bytes poor =
      BuildTx({&payer, &small},
              {testing::CreateAccount(payer.pubkey, small.pubkey, rent - 1, 165, owner)}, Latest());
  o = Send(poor);
  EXPECT_EQ(o.err->Json(), "{\"InsufficientFundsForRent\":{\"account_index\":1}}");
}

TEST_F(LedgerTest, MissingSignerAndReadonlyWrites) {
  Fund(KeyOf(1), kRentMin0);
  Fund(KeyOf(2), kRentMin0);
  // Transfer from an account that did not sign.
  Bytes tx = BuildTx({&payer}, {testing::Transfer(KeyOf(2), KeyOf(1), 5)}, HashOf(7));
  TxOutcome o = Send(tx);
  EXPECT_EQ(o.err->Json(), "{\"InstructionError\":[0,\"MissingRequiredSignature\"]}");
  // Credit a read-only account.
  testing::Ix ix = testing::Transfer(payer.pubkey, KeyOf(1), 5);
  ix.accounts[1].second = false;
  o = Send(BuildTx({&payer}, {ix}, HashOf(7)));
  EXPECT_EQ(o.err->Json(), "{\"InstructionError\":[0,\"ReadonlyLamportChange\"]}");
}

TEST_F(LedgerTest, ComputeBudgetErrors) {
  Fund(KeyOf(1), kRentMin0);
  Bytes dup = BuildTx({&payer},
                      {testing::SetComputeUnitLimit(1000), testing::SetComputeUnitLimit(2000),
                       testing::Transfer(payer.pubkey, KeyOf(1), 1)},
                      HashOf(7));
  TxOutcome o = Send(dup);
  EXPECT_EQ(o.err->Json(), "{\"DuplicateInstruction\":1}");
  EXPECT_FALSE(o.landed);
  testing::Ix bad = testing::SetComputeUnitLimit(1);
  bad.data.pop_back();
  o = Send(BuildTx({&payer}, {bad}, HashOf(7)));
  EXPECT_EQ(o.err->Json(), "{\"InstructionError\":[0,\"InvalidInstructionData\"]}");
  // A limit below what the instructions need exhausts the budget.
  o = Send(BuildTx(
      {&payer}, {testing::SetComputeUnitLimit(200), testing::Transfer(payer.pubkey, KeyOf(1), 1)},
      HashOf(7)));
  EXPECT_EQ(o.err->Json(), "{\"InstructionError\":[1,\"ComputationalBudgetExceeded\"]}");
}

TEST_F(LedgerTest, UnknownProgramAndDuplicateKeys) {
  Fund(KeyOf(1), kRentMin0);
  testing::Ix ix{KeyOf(77), {{KeyOf(1), true}}, {1, 2, 3}};
  TxOutcome o = Send(BuildTx({&payer}, {ix}, HashOf(7)), /*preflight=*/true);
  EXPECT_EQ(o.err->Json(), "\"ProgramAccountNotFound\"");
  EXPECT_FALSE(o.landed);
}

TEST_F(LedgerTest, CommitmentFollowsSlotLag) {
  Fund(KeyOf(1), kRentMin0);
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  TxOutcome o = Send(tx);
  auto st = ledger->SignatureStatuses({o.signature})[0];
  ASSERT_TRUE(st);
  EXPECT_EQ(st->level, Commitment::kProcessed);
  EXPECT_EQ(st->confirmations, 0u);
  ASSERT_TRUE(ledger->Tick(1).ok());
  st = ledger->SignatureStatuses({o.signature})[0];
  EXPECT_EQ(st->level, Commitment::kConfirmed);
  EXPECT_EQ(st->confirmations, 1u);
  ASSERT_TRUE(ledger->Tick(31).ok());
  st = ledger->SignatureStatuses({o.signature})[0];
  EXPECT_EQ(st->level, Commitment::kFinalized);
  EXPECT_FALSE(st->confirmations.has_value());
  EXPECT_EQ(ledger->Block(Commitment::kFinalized).slot, st->slot);
  EXPECT_EQ(ledger->Block(Commitment::kProcessed).height,
            ledger->Block(Commitment::kFinalized).height + 32);
}

TEST_F(LedgerTest, SkippedSlotsSeparateSlotFromHeight) {
  ledger->SkipSlots(5);
  ASSERT_TRUE(ledger->Tick(1).ok());
  BlockInfo b = ledger->Block(Commitment::kProcessed);
  EXPECT_EQ(b.slot, b.height + 5);
}

TEST_F(LedgerTest, HoldConfirmationsFault) {
  Fund(KeyOf(1), kRentMin0);
  ledger->HoldConfirmations(3);
  TxOutcome o = Send(BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7)));
  ASSERT_TRUE(ledger->Tick(2).ok());
  EXPECT_EQ(ledger->SignatureStatuses({o.signature})[0]->level, Commitment::kProcessed);
  ASSERT_TRUE(ledger->Tick(1).ok());
  EXPECT_EQ(ledger->SignatureStatuses({o.signature})[0]->level, Commitment::kConfirmed);
}

TEST_F(LedgerTest, ExpireBlockhashesFault) {
  Fund(KeyOf(1), kRentMin0);
  ASSERT_TRUE(ledger->ExpireBlockhashes().ok());
  EXPECT_FALSE(ledger->IsBlockhashValid(HashOf(7), Commitment::kProcessed));
  TxOutcome o = Send(BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7)));
  EXPECT_EQ(o.err->kind, K::kBlockhashNotFound);
  o = Send(BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, Latest()));
  EXPECT_FALSE(o.err.has_value());
  ledger->SetBlockhashMaxAge(2);
  Hash h = Latest();
  ASSERT_TRUE(ledger->Tick(3).ok());
  EXPECT_FALSE(ledger->IsBlockhashValid(h, Commitment::kProcessed));
}

TEST_F(LedgerTest, SimulateDoesNotCommit) {
  Fund(KeyOf(1), kRentMin0);
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 7)}, HashOf(7));
  SimulateOptions so;
  so.return_accounts = {KeyOf(1)};
  auto o = ledger->Simulate(tx, so);
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->err.has_value());
  ASSERT_EQ(o->returned_accounts.size(), 1u);
  EXPECT_EQ(o->returned_accounts[0]->lamports, kRentMin0 + 7);
  EXPECT_EQ(Balance(KeyOf(1)), kRentMin0);
  EXPECT_FALSE(ledger->SignatureStatuses({o->signature})[0].has_value());
  // An unsigned copy simulates without sigVerify.
  Bytes unsigned_tx = tx;
  std::fill(unsigned_tx.begin() + 1, unsigned_tx.begin() + 65, 0);
  EXPECT_FALSE(ledger->Simulate(unsigned_tx, {})->err.has_value());
  so.verify_signatures = true;
  EXPECT_EQ(ledger->Simulate(unsigned_tx, so)->err->kind, K::kSignatureFailure);
}

TEST_F(LedgerTest, AirdropLandsUniqueTransactions) {
  auto a = ledger->Airdrop(KeyOf(9), 1'000'000'000);
  auto b = ledger->Airdrop(KeyOf(9), 1'000'000'000);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_FALSE(a->err.has_value());
  EXPECT_FALSE(b->err.has_value());
  EXPECT_NE(a->signature, b->signature);
  EXPECT_EQ(Balance(KeyOf(9)), 2'000'000'000u);
}

TEST_F(LedgerTest, DelayedLanding) {
  Fund(KeyOf(1), kRentMin0);
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  auto sig = ledger->SubmitLater(tx, 2);
  ASSERT_TRUE(sig.ok());
  ASSERT_TRUE(ledger->Tick(1).ok());
  EXPECT_FALSE(ledger->SignatureStatuses({*sig})[0].has_value());
  ASSERT_TRUE(ledger->Tick(1).ok());
  auto st = ledger->SignatureStatuses({*sig})[0];
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->slot, ledger->Slot(Commitment::kProcessed));
}

// Spec 9.5: the v0 form of transaction A (no lookups) executes like the legacy one.
TEST_F(LedgerTest, V0TransactionExecutes) {
  Fund(KeyOf(1), kRentMin0);
  Bytes legacy = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  Bytes msg;
  msg.reserve(legacy.size());
  msg.push_back(0x80);
  msg.insert(msg.end(), legacy.begin() + 65, legacy.end());
  msg.push_back(0);
  Signature sig = payer.Sign(msg);
  EXPECT_EQ(solana::Base58Encode(sig),
            solana::Base58Encode(testing::Hex(
                "b7aab12336d8a1c3c68651002651efe31a285d2333d55ce0b97a323a3bb4d7604ef6f7c00e0ff1f3a0"
                "257cedca86bc64d6ff3ed4593d378cb3d2d3925db81b0c")));
  Bytes tx;
  tx.reserve(1 + 64 + msg.size());
  tx.push_back(1);
  tx.insert(tx.end(), sig.begin(), sig.end());
  tx.insert(tx.end(), msg.begin(), msg.end());
  EXPECT_EQ(tx.size(), 217u);
  TxOutcome o = Send(tx, true);
  EXPECT_TRUE(o.landed);
  EXPECT_FALSE(o.err.has_value());
  EXPECT_EQ(Balance(KeyOf(1)), kRentMin0 + 1);
}

TEST_F(LedgerTest, UndecodableInputIsInvalidArgument) {
  auto r = ledger->Submit(Bytes{1, 2, 3}, {});
  EXPECT_TRUE(absl::IsInvalidArgument(r.status()));
  EXPECT_NE(r.status().message().find("failed to deserialize"), std::string::npos);
}

}  // namespace
}  // namespace localnet
