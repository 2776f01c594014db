// Test-only: a ledger with the builtins and the Psyche program emulations, and
// helpers to send transactions built by providers/psyche and signed with real keys.
#ifndef LOCALNET_PSYCHE_LEDGER_FOR_TEST_H_
#define LOCALNET_PSYCHE_LEDGER_FOR_TEST_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "localnet/ledger.h"
#include "localnet/psyche_programs.h"
#include "providers/solana/keypair.h"
#include "providers/solana/transaction.h"

namespace localnet::testing {

// Seed bytes first, first+1, ... (distinct, deterministic keys per test role).
inline solana::Keypair PsycheTestKeypair(uint8_t first) {
  std::array<uint8_t, 32> seed;
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(first + i);
  return solana::Keypair::FromSeed(seed).value();
}

class PsycheLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ProgramRegistry registry = ProgramRegistry::WithBuiltins();
    RegisterPsychePrograms(registry);
    auto l = Ledger::Open(LedgerOptions{}, std::move(registry));
    ASSERT_TRUE(l.ok()) << l.status();
    ledger = std::move(*l);
  }
  void Fund(const Pubkey& k, uint64_t lamports) {
    Account a;
    a.lamports = lamports;
    ASSERT_TRUE(ledger->SetAccount(k, a).ok());
  }
  std::optional<Account> Get(const Pubkey& k) { return ledger->GetAccounts({k})[0]; }
  uint64_t Balance(const Pubkey& k) {
    auto a = Get(k);
    return a ? a->lamports : 0;
  }
  // Signs with `signers` (signers[0] pays the fee) over the latest blockhash and submits
  // without preflight, so failures land with their logs. A new block follows, so that an
  // identical transaction sent again gets a fresh blockhash.
  TxOutcome Send(const std::vector<solana::Instruction>& ixs,
                 const std::vector<const solana::Keypair*>& signers) {
    auto tx = solana::CompileAndSign(signers.front()->pubkey(), ixs,
                                     ledger->Block(Commitment::kProcessed).blockhash, signers);
    EXPECT_TRUE(tx.ok()) << tx.status();
    if (!tx.ok()) return {};
    SubmitOptions o;
    o.preflight = false;
    auto r = ledger->Submit(tx->Serialize(), o);
    EXPECT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(ledger->Tick().ok());
    return r.ok() ? *r : TxOutcome{};
  }
  static std::optional<uint32_t> CustomError(const TxOutcome& o) {
    if (!o.err || o.err->kind != TransactionErrorKind::kInstructionError ||
        o.err->instruction.kind != InstructionErrorKind::kCustom) {
      return std::nullopt;
    }
    return o.err->instruction.custom;
  }
  static bool HasLog(const TxOutcome& o, absl::string_view needle) {
    return std::any_of(o.logs.begin(), o.logs.end(), [&](const std::string& l) {
      return absl::string_view(l).find(needle) != absl::string_view::npos;
    });
  }
  static std::string Logs(const TxOutcome& o) { return absl::StrJoin(o.logs, "\n"); }

  std::unique_ptr<Ledger> ledger;
};

}  // namespace localnet::testing

#endif  // LOCALNET_PSYCHE_LEDGER_FOR_TEST_H_
