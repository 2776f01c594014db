// Test-only: a ledger with the SPL programs, and conversions from the
// providers' SPL instruction builders to the localnet test transaction builder.
#ifndef LOCALNET_SPL_TEST_UTIL_H_
#define LOCALNET_SPL_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>

#include "localnet/ledger.h"
#include "localnet/spl_programs.h"
#include "localnet/test_util.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/spl_token_state.h"
#include "providers/solana/instruction.h"
#include "providers/solana/program_ids.h"

namespace localnet::testing {

inline Ix ToIx(const solana::Instruction& ix) {
  Ix out{ix.program_id, {}, ix.data};
  for (const auto& m : ix.accounts) out.accounts.push_back({m.pubkey, m.is_writable});
  return out;
}

inline constexpr uint64_t kMintRent = 1'461'600;
inline constexpr uint64_t kTokenAccountRent = 2'039'280;

class SplLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ProgramRegistry registry = ProgramRegistry::WithBuiltins();
    RegisterSplPrograms(registry);
    auto l = Ledger::Open(LedgerOptions{}, std::move(registry));
    ASSERT_TRUE(l.ok()) << l.status();
    ledger = std::move(*l);
    payer = Signer::Numbered(1);
    other = Signer::Numbered(2);
    mint = Signer::Numbered(3);
    Fund(payer.pubkey, 10'000'000'000);
    Fund(other.pubkey, 10'000'000'000);
  }
  void Fund(const Pubkey& k, uint64_t lamports) {
    Account a;
    a.lamports = lamports;
    ASSERT_TRUE(ledger->SetAccount(k, a).ok());
  }
  void Put(const Pubkey& k, const Bytes& data, const Pubkey& owner = solana::program_ids::Token()) {
    Account a;
    a.lamports = RentExemptMinimum(data.size());
    a.owner = owner;
    a.data = data;
    ASSERT_TRUE(ledger->SetAccount(k, a).ok());
  }
  std::optional<Account> Get(const Pubkey& k) { return ledger->GetAccounts({k})[0]; }
  uint64_t Balance(const Pubkey& k) {
    auto a = Get(k);
    return a ? a->lamports : 0;
  }
  // Lands the transaction (no preflight), signed by `signers` (first pays).
  TxOutcome Send(const std::vector<const Signer*>& signers, const std::vector<Ix>& ixs) {
    SubmitOptions o;
    o.preflight = false;
    auto r = ledger->Submit(BuildTx(signers, ixs, ledger->Block(Commitment::kProcessed).blockhash), o);
    EXPECT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(ledger->Tick().ok());
    return r.ok() ? *r : TxOutcome{};
  }
  // A mint with `decimals`, authority = payer, written directly.
  void PutMint(const Pubkey& k, uint8_t decimals, uint64_t supply = 0,
               std::optional<Pubkey> authority = std::nullopt) {
    psyche::Mint m;
    m.mint_authority = authority ? authority : std::optional<Pubkey>(payer.pubkey);
    m.decimals = decimals;
    m.supply = supply;
    Put(k, psyche::EncodeMint(m));
  }
  void PutTokenAccount(const Pubkey& k, const Pubkey& mint_key, const Pubkey& owner,
                       uint64_t amount,
                       psyche::TokenAccountState state = psyche::TokenAccountState::kInitialized) {
    psyche::TokenAccount a;
    a.mint = mint_key;
    a.owner = owner;
    a.amount = amount;
    a.state = state;
    Put(k, psyche::EncodeTokenAccount(a));
  }
  std::optional<psyche::TokenAccount> TokenAccountAt(const Pubkey& k) {
    auto a = Get(k);
    if (!a) return std::nullopt;
    auto t = psyche::DecodeTokenAccount(a->owner, a->data);
    if (!t.ok()) return std::nullopt;
    return *t;
  }
  std::optional<psyche::Mint> MintAt(const Pubkey& k) {
    auto a = Get(k);
    if (!a) return std::nullopt;
    auto m = psyche::DecodeMint(a->owner, a->data);
    if (!m.ok()) return std::nullopt;
    return *m;
  }
  static std::optional<TransactionError> Custom(uint8_t ix, uint32_t code) {
    return TransactionError::Instruction(ix, InstructionError::Custom(code));
  }
  static std::optional<TransactionError> Failed(uint8_t ix, InstructionErrorKind k) {
    return TransactionError::Instruction(ix, InstructionError{k, 0});
  }

  std::unique_ptr<Ledger> ledger;
  Signer payer, other, mint;
};

}  // namespace localnet::testing

#endif  // LOCALNET_SPL_TEST_UTIL_H_
