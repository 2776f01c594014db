#include "localnet/anchor_exec.h"

#include <algorithm>

#include "localnet/accounts_db.h"
#include "localnet/system_program_exec.h"
#include "providers/solana/program_ids.h"

namespace localnet {
namespace {

struct AnchorErrorText {
  AnchorError error;
  absl::string_view name;
  absl::string_view message;
};

// anchor-lang's ErrorCode names and #[msg] texts.
constexpr AnchorErrorText kAnchorErrors[] = {
    {AnchorError::kInstructionMissing, "InstructionMissing",
     "8 byte instruction identifier not provided"},
    {AnchorError::kInstructionFallbackNotFound, "InstructionFallbackNotFound",
     "Fallback functions are not supported"},
    {AnchorError::kInstructionDidNotDeserialize, "InstructionDidNotDeserialize",
     "The program could not deserialize the given instruction"},
    {AnchorError::kConstraintMut, "ConstraintMut", "A mut constraint was violated"},
    {AnchorError::kConstraintHasOne, "ConstraintHasOne", "A has one constraint was violated"},
    {AnchorError::kConstraintSigner, "ConstraintSigner", "A signer constraint was violated"},
    {AnchorError::kConstraintRaw, "ConstraintRaw", "A raw constraint was violated"},
    {AnchorError::kConstraintOwner, "ConstraintOwner", "An owner constraint was violated"},
    {AnchorError::kConstraintSeeds, "ConstraintSeeds", "A seeds constraint was violated"},
    {AnchorError::kAccountDiscriminatorAlreadySet, "AccountDiscriminatorAlreadySet",
     "The account discriminator was already set on this account"},
    {AnchorError::kAccountDiscriminatorNotFound, "AccountDiscriminatorNotFound",
     "No 8 byte discriminator was found on the account"},
    {AnchorError::kAccountDiscriminatorMismatch, "AccountDiscriminatorMismatch",
     "8 byte discriminator did not match what was expected"},
    {AnchorError::kAccountDidNotDeserialize, "AccountDidNotDeserialize",
     "Failed to deserialize the account"},
    {AnchorError::kAccountNotEnoughKeys, "AccountNotEnoughKeys",
     "Not enough account keys given to the instruction"},
    {AnchorError::kAccountOwnedByWrongProgram, "AccountOwnedByWrongProgram",
     "The given account is owned by a different program than expected"},
    {AnchorError::kInvalidProgramId, "InvalidProgramId", "Program ID was not as expected"},
    {AnchorError::kAccountNotSigner, "AccountNotSigner", "The given account did not sign"},
    {AnchorError::kAccountNotSystemOwned, "AccountNotSystemOwned",
     "The given account is not owned by the system program"},
    {AnchorError::kAccountNotInitialized, "AccountNotInitialized",
     "The program expected this account to be already initialized"},
    {AnchorError::kAccountReallocExceedsLimit, "AccountReallocExceedsLimit",
     "The account reallocation exceeds the MAX_PERMITTED_DATA_INCREASE limit"},
    {AnchorError::kTryingToInitPayerAsProgramAccount, "TryingToInitPayerAsProgramAccount",
     "You cannot/should not initialize the payer account as a program account"},
};

const AnchorErrorText* Find(AnchorError e) {
  for (const AnchorErrorText& t : kAnchorErrors) {
    if (t.error == e) return &t;
  }
  return nullptr;
}

std::string ErrorTail(absl::string_view name, uint32_t number, absl::string_view message) {
  return absl::StrCat("Error Code: ", name, ". Error Number: ", number,
                      ". Error Message: ", message, ".");
}

}  // namespace

absl::string_view AnchorErrorName(AnchorError e) {
  const AnchorErrorText* t = Find(e);
  return t != nullptr ? t->name : "?";
}

absl::string_view AnchorErrorMessage(AnchorError e) {
  const AnchorErrorText* t = Find(e);
  return t != nullptr ? t->message : "?";
}

InstructionError FailAnchor(InvokeContext& ctx, AnchorError e, absl::string_view account) {
  uint32_t number = static_cast<uint32_t>(e);
  std::string tail = ErrorTail(AnchorErrorName(e), number, AnchorErrorMessage(e));
  if (account.empty()) {
    ctx.Log(absl::StrCat("AnchorError occurred. ", tail));
  } else {
    ctx.Log(absl::StrCat("AnchorError caused by account: ", account, ". ", tail));
  }
  return InstructionError::Custom(number);
}

InstructionError FailProgram(InvokeContext& ctx, const ProgramErrorDef& e) {
  ctx.Log(absl::StrCat("AnchorError occurred. ", ErrorTail(e.name, e.number, e.message)));
  return InstructionError::Custom(e.number);
}

void LogInstruction(InvokeContext& ctx, absl::string_view camel_name) {
  ctx.Log(absl::StrCat("Instruction: ", camel_name));
}

InstructionResult RequireAccounts(InvokeContext& ctx, size_t n) {
  if (ctx.num_accounts() < n) return FailAnchor(ctx, AnchorError::kAccountNotEnoughKeys);
  return Success();
}

InstructionResult CheckSigner(InvokeContext& ctx, const TxAccount& a, absl::string_view name) {
  if (!a.is_signer) return FailAnchor(ctx, AnchorError::kAccountNotSigner, name);
  return Success();
}

InstructionResult CheckMut(InvokeContext& ctx, const TxAccount& a, absl::string_view name) {
  if (!a.is_writable) return FailAnchor(ctx, AnchorError::kConstraintMut, name);
  return Success();
}

InstructionResult CheckSystemProgram(InvokeContext& ctx, const TxAccount& a,
                                     absl::string_view name) {
  if (a.key != solana::program_ids::System()) {
    return FailAnchor(ctx, AnchorError::kInvalidProgramId, name);
  }
  return Success();
}

InstructionResult CheckSystemOwned(InvokeContext& ctx, const TxAccount& a,
                                   absl::string_view name) {
  if (a.account.owner != solana::program_ids::System()) {
    return FailAnchor(ctx, AnchorError::kAccountNotSystemOwned, name);
  }
  return Success();
}

InstructionResult CheckProgramAccount(InvokeContext& ctx, const TxAccount& a,
                                      const psyche::AnchorDiscriminator& discriminator,
                                      absl::string_view name) {
  if (a.account.owner == solana::program_ids::System() && a.account.lamports == 0) {
    return FailAnchor(ctx, AnchorError::kAccountNotInitialized, name);
  }
  if (a.account.owner != ctx.program_id()) {
    return FailAnchor(ctx, AnchorError::kAccountOwnedByWrongProgram, name);
  }
  if (a.account.data.size() < discriminator.size()) {
    return FailAnchor(ctx, AnchorError::kAccountDiscriminatorNotFound, name);
  }
  if (!std::equal(discriminator.begin(), discriminator.end(), a.account.data.begin())) {
    return FailAnchor(ctx, AnchorError::kAccountDiscriminatorMismatch, name);
  }
  return Success();
}

InstructionResult InvokeNative(InvokeContext& ctx, const NativeProgram& program,
                               const Pubkey& program_id, std::vector<TxAccount*> accounts,
                               ByteView data, std::vector<TxAccount*> pda_signers) {
  std::string id = program_id.ToBase58();
  ctx.LogRaw(absl::StrCat("Program ", id, " invoke [2]"));
  std::vector<bool> was_signer;
  for (TxAccount* a : pda_signers) {
    was_signer.push_back(a->is_signer);
    a->is_signer = true;
  }
  std::vector<TxAccount*> touched = accounts;
  InvokeContext inner(program_id, std::move(accounts), data, ctx.env(), ctx.logs());
  InstructionResult r = program.Process(inner);
  for (size_t i = 0; i < pda_signers.size(); ++i) pda_signers[i]->is_signer = was_signer[i];
  if (r) {
    ctx.LogRaw(absl::StrCat("Program ", id, " failed: ", r->Display()));
    return r;
  }
  ctx.LogRaw(absl::StrCat("Program ", id, " success"));
  for (const TxAccount* a : touched) ctx.NoteCpiChanged(a);
  return Success();
}

InstructionResult CpiCreateAccountFor(InvokeContext& ctx, TxAccount& payer, TxAccount& target,
                                      uint64_t space, const Pubkey& owner) {
  Bytes data;
  solana::PutU32(&data, 0);  // CreateAccount
  solana::PutU64(&data, RentExemptMinimum(space));
  solana::PutU64(&data, space);
  solana::PutBytes(&data, owner.view());
  return InvokeNative(ctx, SystemProgram(), solana::program_ids::System(), {&payer, &target}, data,
                      {&target});
}

InstructionResult CpiCreateAccount(InvokeContext& ctx, TxAccount& payer, TxAccount& target,
                                   uint64_t space, absl::string_view target_name) {
  if (payer.key == target.key) {
    return FailAnchor(ctx, AnchorError::kTryingToInitPayerAsProgramAccount, target_name);
  }
  return CpiCreateAccountFor(ctx, payer, target, space, ctx.program_id());
}

InstructionResult CpiTransfer(InvokeContext& ctx, TxAccount& from, TxAccount& to,
                              uint64_t lamports) {
  Bytes data;
  solana::PutU32(&data, 2);  // Transfer
  solana::PutU64(&data, lamports);
  return InvokeNative(ctx, SystemProgram(), solana::program_ids::System(), {&from, &to}, data, {});
}

void CloseAccount(TxAccount& account, TxAccount& dest) {
  dest.account.lamports += account.account.lamports;
  account.account.lamports = 0;
  account.account.data.clear();
  account.account.owner = solana::program_ids::System();
}

}  // namespace localnet
