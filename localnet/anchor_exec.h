// What the Anchor framework does around a Psyche program's handler, for the
// native emulations: instruction dispatch by discriminator, the account checks
// with Anchor's error numbers (authorizer-treasurer-token.md 1.2, coordinator.md
// 5.1), `init` through a System Program CPI funded by the payer, `close`, and
// the "AnchorError occurred" log lines (solana-wire.md 8.4).
#ifndef LOCALNET_ANCHOR_EXEC_H_
#define LOCALNET_ANCHOR_EXEC_H_

#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"
#include "localnet/program_registry.h"
#include "providers/psyche/anchor.h"

namespace localnet {

// Framework error numbers (anchor-lang ErrorCode).
enum class AnchorError : uint32_t {
  kInstructionMissing = 100,
  kInstructionFallbackNotFound = 101,
  kInstructionDidNotDeserialize = 102,
  kConstraintMut = 2000,
  kConstraintHasOne = 2001,
  kConstraintSigner = 2002,
  kConstraintRaw = 2003,
  kConstraintOwner = 2004,
  kConstraintSeeds = 2006,
  kAccountDiscriminatorAlreadySet = 3000,
  kAccountDiscriminatorNotFound = 3001,
  kAccountDiscriminatorMismatch = 3002,
  kAccountDidNotDeserialize = 3003,
  kAccountNotEnoughKeys = 3005,
  kAccountOwnedByWrongProgram = 3007,
  kInvalidProgramId = 3008,
  kAccountNotSigner = 3010,
  kAccountNotSystemOwned = 3011,
  kAccountNotInitialized = 3012,
  kAccountReallocExceedsLimit = 3016,
  kTryingToInitPayerAsProgramAccount = 4101,
};

// A program-defined error (6000 + index): number, Rust name, #[msg] text.
struct ProgramErrorDef {
  uint32_t number;
  absl::string_view name;
  absl::string_view message;
};

absl::string_view AnchorErrorName(AnchorError e);
absl::string_view AnchorErrorMessage(AnchorError e);

// Logs "AnchorError caused by account: <account>. Error Code: ..." (or "AnchorError occurred."
// when `account` is empty) and returns Custom(number).
InstructionError FailAnchor(InvokeContext& ctx, AnchorError e, absl::string_view account = "");
// Logs "AnchorError occurred. Error Code: <name>. ..." and returns Custom(number). (The real
// program prints "thrown in <file>:<line>" for require! failures; we do not know its paths.)
InstructionError FailProgram(InvokeContext& ctx, const ProgramErrorDef& e);

// Matches the first 8 bytes of the data against `discriminators`; the index of the match, or
// nullopt (the caller fails with 101: this Anchor revision has no separate "missing" check).
template <size_t N>
std::optional<size_t> MatchDiscriminator(ByteView data,
                                         const std::array<psyche::AnchorDiscriminator, N>& ds) {
  if (data.size() < 8) return std::nullopt;
  for (size_t i = 0; i < N; ++i) {
    if (std::equal(ds[i].begin(), ds[i].end(), data.begin())) return i;
  }
  return std::nullopt;
}

// "Program log: Instruction: <CamelName>".
void LogInstruction(InvokeContext& ctx, absl::string_view camel_name);

// 3005 when fewer than n accounts were passed.
InstructionResult RequireAccounts(InvokeContext& ctx, size_t n);
// Signer<'info>: 3010.
InstructionResult CheckSigner(InvokeContext& ctx, const TxAccount& a, absl::string_view name);
// #[account(mut)]: 2000.
InstructionResult CheckMut(InvokeContext& ctx, const TxAccount& a, absl::string_view name);
// Program<'info, System>: 3008.
InstructionResult CheckSystemProgram(InvokeContext& ctx, const TxAccount& a,
                                     absl::string_view name);
// SystemAccount<'info>: 3011.
InstructionResult CheckSystemOwned(InvokeContext& ctx, const TxAccount& a, absl::string_view name);
// Account<'info, T> / AccountLoader: 3012 (absent), 3007 (owner), 3001 (< 8 bytes), 3002.
InstructionResult CheckProgramAccount(InvokeContext& ctx, const TxAccount& a,
                                      const psyche::AnchorDiscriminator& discriminator,
                                      absl::string_view name);

// A CPI into a native program at depth 2: logs its invoke/success/failed lines, lets
// `pda_signers` sign (invoke_signed) and, on success, rebases the caller's pre-state of every
// passed account (NoteCpiChanged).
InstructionResult InvokeNative(InvokeContext& ctx, const NativeProgram& program,
                               const Pubkey& program_id, std::vector<TxAccount*> accounts,
                               ByteView data, std::vector<TxAccount*> pda_signers);
// A System CreateAccount CPI from `payer`: rent-exempt minimum for `space`, the given owner.
InstructionResult CpiCreateAccountFor(InvokeContext& ctx, TxAccount& payer, TxAccount& target,
                                      uint64_t space, const Pubkey& owner);
// Anchor `init`: a System CreateAccount CPI from `payer` (rent-exempt minimum for `space`),
// owner = the running program. Logs the inner invoke; System errors (Custom 0 in use, Custom 1
// short of lamports) come back unchanged. 4101 when payer and target are the same account.
InstructionResult CpiCreateAccount(InvokeContext& ctx, TxAccount& payer, TxAccount& target,
                                   uint64_t space, absl::string_view target_name);
// A System Transfer CPI (realloc growth paid by a signer).
InstructionResult CpiTransfer(InvokeContext& ctx, TxAccount& from, TxAccount& to,
                              uint64_t lamports);
// Anchor `close = dest`: all lamports to dest, data emptied, owner back to the System Program.
void CloseAccount(TxAccount& account, TxAccount& dest);

}  // namespace localnet

#endif  // LOCALNET_ANCHOR_EXEC_H_
