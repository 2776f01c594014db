// Durable nonces on the localnet (spec solana-wire 7.3): nonce accounts are
// created and advanced by the System Program, and a transaction whose
// blockhash is the stored nonce lands long after recent blockhashes expire,
// exactly once.
#include <gtest/gtest.h>

#include "localnet/ledger.h"
#include "localnet/system_program_exec.h"
#include "providers/solana/keypair.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"
#include "providers/solana/transaction.h"

namespace localnet {
namespace {

namespace sp = solana::system_program;
using K = TransactionErrorKind;
constexpr uint64_t kNonceRent = 1'447'680;

class NonceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto l = Ledger::Open(LedgerOptions{}, ProgramRegistry::WithBuiltins());
    ASSERT_TRUE(l.ok()) << l.status();
    ledger = std::move(*l);
    Account a;
    a.lamports = 10'000'000'000;
    ASSERT_TRUE(ledger->SetAccount(payer.pubkey(), a).ok());
    ASSERT_TRUE(ledger->SetAccount(authority.pubkey(), a).ok());
  }
  Hash Latest() { return ledger->Block(Commitment::kProcessed).blockhash; }
  TxOutcome Send(const std::vector<solana::Instruction>& ixs, const Hash& blockhash,
                 std::vector<const solana::Keypair*> signers) {
    auto tx = solana::CompileAndSign(payer.pubkey(), ixs, blockhash, signers);
    EXPECT_TRUE(tx.ok()) << tx.status();
    SubmitOptions no_preflight;
    no_preflight.preflight = false;  // failures land (fee charged), as on a validator
    auto r = ledger->Submit(tx->Serialize(), no_preflight);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : TxOutcome{};
  }
  sp::NonceAccount Nonce() {
    auto a = ledger->GetAccounts({nonce.pubkey()})[0];
    EXPECT_TRUE(a.has_value());
    auto n = sp::ParseNonceAccount(a->owner, a->data);
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : sp::NonceAccount{};
  }
  void CreateNonce() {
    TxOutcome o =
        Send(sp::CreateNonceAccount(payer.pubkey(), nonce.pubkey(), authority.pubkey(), kNonceRent),
             Latest(), {&payer, &nonce});
    ASSERT_TRUE(o.landed);
    ASSERT_FALSE(o.err.has_value()) << o.err->Json();
    ASSERT_TRUE(ledger->Tick(1).ok());
  }

  std::unique_ptr<Ledger> ledger;
  solana::Keypair payer = solana::Keypair::Generate();
  solana::Keypair authority = solana::Keypair::Generate();
  solana::Keypair nonce = solana::Keypair::Generate();
  solana::Pubkey to = solana::Keypair::Generate().pubkey();
};

TEST_F(NonceTest, CreateInitializesWithTheBlockNonce) {
  const Hash block = Latest();
  CreateNonce();
  sp::NonceAccount n = Nonce();
  EXPECT_EQ(n.authority, authority.pubkey());
  EXPECT_EQ(n.durable_nonce, sp::DurableNonceFromBlockhash(block));
  EXPECT_EQ(n.lamports_per_signature, 5000u);
  EXPECT_EQ(n.version, sp::NonceVersion::kCurrent);
}

TEST_F(NonceTest, NonceTransactionLandsAfterTheBlockhashWindowOnce) {
  CreateNonce();
  const Hash value = Nonce().durable_nonce;
  std::vector<solana::Instruction> ixs = {
      sp::AdvanceNonceAccount(nonce.pubkey(), authority.pubkey()),
      sp::Transfer(payer.pubkey(), to, 1'000'000)};
  auto tx = solana::CompileAndSign(payer.pubkey(), ixs, value, {&payer, &authority});
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(ledger->Tick(200).ok());  // every recent blockhash of then has expired
  auto r = ledger->Submit(tx->Serialize(), SubmitOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->landed);
  EXPECT_FALSE(r->err.has_value()) << r->err->Json();
  EXPECT_EQ(ledger->GetAccounts({to})[0]->lamports, 1'000'000u);
  EXPECT_EQ(Nonce().durable_nonce, sp::DurableNonceFromBlockhash(Latest()));
  // The same bytes again: already processed, never twice.
  auto again = ledger->Submit(tx->Serialize(), SubmitOptions{});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->landed);
  // Another transaction on the old nonce: the nonce moved on.
  auto other = solana::CompileAndSign(payer.pubkey(),
                                      {sp::AdvanceNonceAccount(nonce.pubkey(), authority.pubkey()),
                                       sp::Transfer(payer.pubkey(), to, 5)},
                                      value, {&payer, &authority});
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(ledger->Tick(1).ok());
  auto stale = ledger->Submit(other->Serialize(), SubmitOptions{});
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(stale->landed);
  ASSERT_TRUE(stale->err.has_value());
  EXPECT_EQ(stale->err->kind, K::kBlockhashNotFound);
}

TEST_F(NonceTest, FailedNonceTransactionStillAdvancesTheNonce) {
  CreateNonce();
  const Hash value = Nonce().durable_nonce;
  ASSERT_TRUE(ledger->Tick(1).ok());
  // The transfer fails (more than the payer has); the fee and the advance stay.
  TxOutcome o = Send({sp::AdvanceNonceAccount(nonce.pubkey(), authority.pubkey()),
                      sp::Transfer(payer.pubkey(), to, 20'000'000'000)},
                     value, {&payer, &authority});
  EXPECT_TRUE(o.landed);
  ASSERT_TRUE(o.err.has_value());
  EXPECT_NE(Nonce().durable_nonce, value);
}

TEST_F(NonceTest, AdvanceNeedsTheAuthorityAndANewBlock) {
  CreateNonce();
  const Hash value = Nonce().durable_nonce;
  // Without the authority's signature: the nonce is not the blockhash check's
  // business, so use a recent blockhash and a plain advance.
  solana::Keypair stranger = solana::Keypair::Generate();
  TxOutcome o = Send({sp::AdvanceNonceAccount(nonce.pubkey(), stranger.pubkey())}, Latest(),
                     {&payer, &stranger});
  ASSERT_TRUE(o.err.has_value());
  EXPECT_EQ(Nonce().durable_nonce, value);
  // Twice in one block: NonceBlockhashNotExpired (custom 7) the second time.
  TxOutcome first = Send({sp::AdvanceNonceAccount(nonce.pubkey(), authority.pubkey())}, Latest(),
                         {&payer, &authority});
  ASSERT_FALSE(first.err.has_value()) << first.err->Json();
  TxOutcome second = Send({sp::AdvanceNonceAccount(nonce.pubkey(), authority.pubkey()),
                           sp::Transfer(payer.pubkey(), to, 1)},
                          Latest(), {&payer, &authority});
  ASSERT_TRUE(second.err.has_value());
  EXPECT_EQ(second.err->instruction.custom,
            static_cast<uint32_t>(SystemError::kNonceBlockhashNotExpired));
}

TEST_F(NonceTest, WithdrawAndAuthorize) {
  CreateNonce();
  solana::Keypair next = solana::Keypair::Generate();
  TxOutcome o = Send({sp::AuthorizeNonceAccount(nonce.pubkey(), authority.pubkey(), next.pubkey())},
                     Latest(), {&payer, &authority});
  ASSERT_FALSE(o.err.has_value()) << o.err->Json();
  EXPECT_EQ(Nonce().authority, next.pubkey());
  ASSERT_TRUE(ledger->Tick(1).ok());
  Account rich;
  rich.lamports = 1'000'000;
  ASSERT_TRUE(ledger->SetAccount(to, rich).ok());
  TxOutcome w = Send({sp::WithdrawNonceAccount(nonce.pubkey(), next.pubkey(), to, kNonceRent)},
                     Latest(), {&payer, &next});
  ASSERT_FALSE(w.err.has_value()) << w.err->Json();
  EXPECT_EQ(ledger->GetAccounts({to})[0]->lamports, 1'000'000u + kNonceRent);
  EXPECT_FALSE(ledger->GetAccounts({nonce.pubkey()})[0].has_value());
}

TEST_F(NonceTest, InitializeRefusesAnInitializedAccount) {
  CreateNonce();
  TxOutcome o =
      Send({sp::InitializeNonceAccount(nonce.pubkey(), payer.pubkey())}, Latest(), {&payer});
  ASSERT_TRUE(o.err.has_value());
  EXPECT_EQ(Nonce().authority, authority.pubkey());
}

}  // namespace
}  // namespace localnet
