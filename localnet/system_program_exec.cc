#include "localnet/system_program_exec.h"

#include "providers/solana/program_ids.h"

namespace localnet {
namespace {

InstructionError Err(InstructionErrorKind k) { return {k, 0}; }
InstructionError Err(SystemError e) { return InstructionError::Custom(static_cast<uint32_t>(e)); }

// The runtime prints addresses of Allocate/CreateAccount as Rust's Debug of its Address type.
std::string AddressDebug(const Pubkey& k) {
  return absl::StrCat("Address { address: ", k.ToBase58(), ", base: None }");
}

bool IsSigner(InvokeContext& ctx, const Pubkey& key) {
  for (size_t i = 0; i < ctx.num_accounts(); ++i) {
    if (ctx.account(i).key == key && ctx.account(i).is_signer) return true;
  }
  return false;
}

InstructionResult Allocate(InvokeContext& ctx, TxAccount& acct, uint64_t space) {
  if (!IsSigner(ctx, acct.key)) {
    ctx.LogRaw(absl::StrCat("Allocate: 'to' account ", AddressDebug(acct.key), " must sign"));
    return Err(InstructionErrorKind::kMissingRequiredSignature);
  }
  if (!acct.account.data.empty() || acct.account.owner != solana::program_ids::System()) {
    ctx.LogRaw(absl::StrCat("Allocate: account ", AddressDebug(acct.key), " already in use"));
    return Err(SystemError::kAccountAlreadyInUse);
  }
  if (space > kMaxPermittedDataLength) {
    ctx.LogRaw(
        absl::StrCat("Allocate: requested ", space, ", max allowed ", kMaxPermittedDataLength));
    return Err(SystemError::kInvalidAccountDataLength);
  }
  acct.account.data.assign(space, 0);
  return Success();
}

InstructionResult Assign(InvokeContext& ctx, TxAccount& acct, const Pubkey& owner) {
  if (acct.account.owner == owner) return Success();
  if (!IsSigner(ctx, acct.key)) {
    ctx.LogRaw(absl::StrCat("Assign: account ", AddressDebug(acct.key), " must sign"));
    return Err(InstructionErrorKind::kMissingRequiredSignature);
  }
  acct.account.owner = owner;
  return Success();
}

InstructionResult Transfer(InvokeContext& ctx, TxAccount& from, TxAccount& to, uint64_t lamports) {
  if (!from.is_signer) {
    ctx.LogRaw(absl::StrCat("Transfer: `from` account ", from.key.ToBase58(), " must sign"));
    return Err(InstructionErrorKind::kMissingRequiredSignature);
  }
  if (!from.account.data.empty()) {
    ctx.LogRaw("Transfer: `from` must not carry data");
    return Err(InstructionErrorKind::kInvalidArgument);
  }
  if (lamports > from.account.lamports) {
    ctx.LogRaw(absl::StrCat("Transfer: insufficient lamports ", from.account.lamports, ", need ",
                            lamports));
    return Err(SystemError::kResultWithNegativeLamports);
  }
  from.account.lamports -= lamports;
  if (to.account.lamports > UINT64_MAX - lamports) {
    return Err(InstructionErrorKind::kArithmeticOverflow);
  }
  to.account.lamports += lamports;
  return Success();
}

absl::StatusOr<Pubkey> ReadPubkey(solana::ByteReader* in) {
  ASSIGN_OR_RETURN(ByteView v, in->Take(32, "pubkey"));
  return Pubkey::FromBytes(v);
}

}  // namespace

InstructionResult SystemProgram::Process(InvokeContext& ctx) const {
  solana::ByteReader in(ctx.data());
  auto tag = in.U32("instruction tag");
  if (!tag.ok()) return Err(InstructionErrorKind::kInvalidInstructionData);
  auto need = [&](size_t n) -> InstructionResult {
    if (ctx.num_accounts() < n) return Err(InstructionErrorKind::kNotEnoughAccountKeys);
    return Success();
  };
  switch (*tag) {
    case 0: {  // CreateAccount { lamports, space, owner }
      auto lamports = in.U64("lamports");
      auto space = in.U64("space");
      auto owner = ReadPubkey(&in);
      if (!lamports.ok() || !space.ok() || !owner.ok()) {
        return Err(InstructionErrorKind::kInvalidInstructionData);
      }
      if (auto e = need(2)) return e;
      TxAccount& to = ctx.account(1);
      if (to.account.lamports > 0) {
        ctx.LogRaw(
            absl::StrCat("Create Account: account ", AddressDebug(to.key), " already in use"));
        return Err(SystemError::kAccountAlreadyInUse);
      }
      if (auto e = Allocate(ctx, to, *space)) return e;
      if (auto e = Assign(ctx, to, *owner)) return e;
      return Transfer(ctx, ctx.account(0), to, *lamports);
    }
    case 1: {  // Assign { owner }
      auto owner = ReadPubkey(&in);
      if (!owner.ok()) return Err(InstructionErrorKind::kInvalidInstructionData);
      if (auto e = need(1)) return e;
      return Assign(ctx, ctx.account(0), *owner);
    }
    case 2: {  // Transfer { lamports }
      auto lamports = in.U64("lamports");
      if (!lamports.ok()) return Err(InstructionErrorKind::kInvalidInstructionData);
      if (auto e = need(2)) return e;
      return Transfer(ctx, ctx.account(0), ctx.account(1), *lamports);
    }
    case 8: {  // Allocate { space }
      auto space = in.U64("space");
      if (!space.ok()) return Err(InstructionErrorKind::kInvalidInstructionData);
      if (auto e = need(1)) return e;
      return Allocate(ctx, ctx.account(0), *space);
    }
    default:
      // Seeded variants and durable nonces are not implemented yet.
      return Err(InstructionErrorKind::kInvalidInstructionData);
  }
}

}  // namespace localnet
