#include "localnet/system_program_exec.h"

#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"

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

// ---- durable nonces (spec solana-wire 7.3) ----

namespace sp = solana::system_program;

// The account's nonce state, or nullopt when it is an uninitialized
// 80-byte System account (all zeros). InvalidAccountData otherwise.
InstructionResult ReadNonce(InvokeContext& ctx, TxAccount& acct,
                            std::optional<sp::NonceAccount>* out) {
  const Account& a = acct.account;
  if (a.owner != solana::program_ids::System()) {
    return Err(InstructionErrorKind::kInvalidAccountOwner);
  }
  if (a.data.size() != sp::kNonceAccountSize) {
    ctx.LogRaw(absl::StrCat("nonce account ", acct.key.ToBase58(), " has the wrong size"));
    return Err(InstructionErrorKind::kInvalidAccountData);
  }
  auto nonce = sp::ParseNonceAccount(a.owner, a.data);
  if (nonce.ok()) {
    *out = *nonce;
    return Success();
  }
  if (std::all_of(a.data.begin() + 4, a.data.begin() + 8, [](uint8_t b) { return b == 0; })) {
    *out = std::nullopt;  // state 0: uninitialized
    return Success();
  }
  return Err(InstructionErrorKind::kInvalidAccountData);
}

void WriteNonce(TxAccount& acct, const sp::NonceAccount& nonce) {
  acct.account.data = sp::SerializeNonceAccount(nonce);
}

InstructionResult AdvanceNonce(InvokeContext& ctx) {
  TxAccount& acct = ctx.account(0);
  if (!acct.is_writable) return Err(InstructionErrorKind::kInvalidArgument);
  std::optional<sp::NonceAccount> nonce;
  if (auto e = ReadNonce(ctx, acct, &nonce)) return e;
  if (!nonce) {
    ctx.LogRaw(absl::StrCat("Advance nonce account: Account ", acct.key.ToBase58(),
                            " state is invalid"));
    return Err(InstructionErrorKind::kInvalidAccountData);
  }
  if (!IsSigner(ctx, nonce->authority)) {
    ctx.LogRaw(absl::StrCat("Advance nonce account: Account ", nonce->authority.ToBase58(),
                            " must be a signer"));
    return Err(InstructionErrorKind::kMissingRequiredSignature);
  }
  const solana::Hash next = sp::DurableNonceFromBlockhash(ctx.env().blockhash);
  if (next == nonce->durable_nonce) {
    ctx.LogRaw("Advance nonce account: nonce can only advance once per slot");
    return Err(SystemError::kNonceBlockhashNotExpired);
  }
  nonce->durable_nonce = next;
  nonce->lamports_per_signature = ctx.env().lamports_per_signature;
  WriteNonce(acct, *nonce);
  return Success();
}

InstructionResult InitializeNonce(InvokeContext& ctx, const Pubkey& authority) {
  TxAccount& acct = ctx.account(0);
  if (!acct.is_writable) return Err(InstructionErrorKind::kInvalidArgument);
  std::optional<sp::NonceAccount> nonce;
  if (auto e = ReadNonce(ctx, acct, &nonce)) return e;
  if (nonce) {
    ctx.LogRaw(absl::StrCat("Initialize nonce account: Account ", acct.key.ToBase58(),
                            " state is invalid"));
    return Err(InstructionErrorKind::kInvalidAccountData);
  }
  sp::NonceAccount fresh;
  fresh.authority = authority;
  fresh.durable_nonce = sp::DurableNonceFromBlockhash(ctx.env().blockhash);
  fresh.lamports_per_signature = ctx.env().lamports_per_signature;
  WriteNonce(acct, fresh);
  return Success();
}

InstructionResult AuthorizeNonce(InvokeContext& ctx, const Pubkey& new_authority) {
  TxAccount& acct = ctx.account(0);
  if (!acct.is_writable) return Err(InstructionErrorKind::kInvalidArgument);
  std::optional<sp::NonceAccount> nonce;
  if (auto e = ReadNonce(ctx, acct, &nonce)) return e;
  if (!nonce) return Err(InstructionErrorKind::kInvalidAccountData);
  if (!IsSigner(ctx, nonce->authority)) return Err(InstructionErrorKind::kMissingRequiredSignature);
  nonce->authority = new_authority;
  WriteNonce(acct, *nonce);
  return Success();
}

// Withdrawing everything closes the account; otherwise it must stay rent
// exempt (checked by the runtime after the instruction).
InstructionResult WithdrawNonce(InvokeContext& ctx, uint64_t lamports) {
  TxAccount& from = ctx.account(0);
  TxAccount& to = ctx.account(1);
  if (!from.is_writable || !to.is_writable) return Err(InstructionErrorKind::kInvalidArgument);
  std::optional<sp::NonceAccount> nonce;
  if (auto e = ReadNonce(ctx, from, &nonce)) return e;
  const Pubkey signer = nonce ? nonce->authority : from.key;
  if (!IsSigner(ctx, signer)) return Err(InstructionErrorKind::kMissingRequiredSignature);
  if (lamports > from.account.lamports) return Err(InstructionErrorKind::kInsufficientFunds);
  if (nonce && lamports == from.account.lamports &&
      nonce->durable_nonce == sp::DurableNonceFromBlockhash(ctx.env().blockhash)) {
    return Err(SystemError::kNonceBlockhashNotExpired);
  }
  from.account.lamports -= lamports;
  if (to.account.lamports > UINT64_MAX - lamports) {
    return Err(InstructionErrorKind::kArithmeticOverflow);
  }
  to.account.lamports += lamports;
  if (from.account.lamports == 0) from.account.data.clear();
  return Success();
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
    case 4: {  // AdvanceNonceAccount: [nonce (w), recent blockhashes, authority (s)]
      if (auto e = need(1)) return e;
      return AdvanceNonce(ctx);
    }
    case 5: {  // WithdrawNonceAccount { lamports }: [nonce, to, blockhashes, rent, authority]
      auto lamports = in.U64("lamports");
      if (!lamports.ok()) return Err(InstructionErrorKind::kInvalidInstructionData);
      if (auto e = need(2)) return e;
      return WithdrawNonce(ctx, *lamports);
    }
    case 6: {  // InitializeNonceAccount { authority }: [nonce (w), blockhashes, rent]
      auto authority = ReadPubkey(&in);
      if (!authority.ok()) return Err(InstructionErrorKind::kInvalidInstructionData);
      if (auto e = need(1)) return e;
      return InitializeNonce(ctx, *authority);
    }
    case 7: {  // AuthorizeNonceAccount { new authority }: [nonce (w), authority (s)]
      auto authority = ReadPubkey(&in);
      if (!authority.ok()) return Err(InstructionErrorKind::kInvalidInstructionData);
      if (auto e = need(1)) return e;
      return AuthorizeNonce(ctx, *authority);
    }
    default:
      // Seeded variants are not implemented.
      return Err(InstructionErrorKind::kInvalidInstructionData);
  }
}

}  // namespace localnet
