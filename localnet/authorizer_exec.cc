#include "localnet/authorizer_exec.h"

#include "providers/psyche/authorization_writer.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/borsh.h"

namespace localnet {
namespace {

using psyche::Authorization;
using psyche::BorshReader;

constexpr uint64_t kMaxPermittedDataIncrease = 10'240;

enum Ix : size_t { kCreate, kGrantorUpdate, kGranteeUpdate, kClose };

const std::array<psyche::AnchorDiscriminator, 4>& Discriminators() {
  static const std::array<psyche::AnchorDiscriminator, 4> d = {
      psyche::AnchorInstructionDiscriminator("authorization_create"),
      psyche::AnchorInstructionDiscriminator("authorization_grantor_update"),
      psyche::AnchorInstructionDiscriminator("authorization_grantee_update"),
      psyche::AnchorInstructionDiscriminator("authorization_close"),
  };
  return d;
}

const psyche::AnchorDiscriminator& AccountDisc() {
  static const psyche::AnchorDiscriminator d =
      psyche::AnchorAccountDiscriminator("Authorization");
  return d;
}

InstructionError BadArgs(InvokeContext& ctx) {
  return FailAnchor(ctx, AnchorError::kInstructionDidNotDeserialize);
}

// Account<'info, Authorization>: type checks then Borsh decode (3003 on failure).
InstructionResult LoadAuthorization(InvokeContext& ctx, const TxAccount& a, Authorization* out) {
  if (auto e = CheckProgramAccount(ctx, a, AccountDisc(), "authorization")) return e;
  auto decoded = psyche::DecodeAuthorization(a.account.owner, a.account.data, ctx.program_id());
  if (!decoded.ok()) {
    return FailAnchor(ctx, AnchorError::kAccountDidNotDeserialize, "authorization");
  }
  *out = std::move(*decoded);
  return Success();
}

InstructionResult Store(InvokeContext& ctx, TxAccount& a, const Authorization& auth) {
  auto bytes = psyche::EncodeAuthorization(auth);
  if (!bytes.ok()) return BadArgs(ctx);
  a.account.data = std::move(*bytes);
  return Success();
}

InstructionResult Create(InvokeContext& ctx, BorshReader& in) {
  auto grantee = in.Pubkey("grantee");
  auto scope_len = in.U32("scope length");
  if (!grantee.ok() || !scope_len.ok()) return BadArgs(ctx);
  auto scope = in.Raw(*scope_len, "scope");
  if (!scope.ok()) return BadArgs(ctx);
  if (auto e = RequireAccounts(ctx, 4)) return e;
  TxAccount& payer = ctx.account(0);
  TxAccount& grantor = ctx.account(1);
  TxAccount& auth = ctx.account(2);
  if (auto e = CheckSigner(ctx, payer, "payer")) return e;
  if (auto e = CheckSigner(ctx, grantor, "grantor")) return e;
  if (auto e = CheckSystemProgram(ctx, ctx.account(3), "system_program")) return e;
  if (auto e = CheckMut(ctx, payer, "payer")) return e;
  if (auto e = CheckMut(ctx, auth, "authorization")) return e;
  // Over-long scopes have no PDA; the program cannot derive one and aborts.
  auto pda = psyche::AuthorizationAddress(grantor.key, *grantee, *scope, ctx.program_id());
  if (!pda.ok()) return InstructionError{InstructionErrorKind::kInvalidSeeds, 0};
  if (pda->address != auth.key) {
    return FailAnchor(ctx, AnchorError::kConstraintSeeds, "authorization");
  }
  size_t space = psyche::AuthorizationAccountSize(scope->size(), 0);
  if (auto e = CpiCreateAccount(ctx, payer, auth, space, "authorization")) return e;
  Authorization a;
  a.bump = pda->bump;
  a.grantor = grantor.key;
  a.grantee = *grantee;
  a.scope.assign(scope->begin(), scope->end());
  return Store(ctx, auth, a);
}

InstructionResult GrantorUpdate(InvokeContext& ctx, BorshReader& in) {
  auto active = in.Bool("active");
  if (!active.ok()) return BadArgs(ctx);
  if (auto e = RequireAccounts(ctx, 2)) return e;
  TxAccount& grantor = ctx.account(0);
  TxAccount& auth_acct = ctx.account(1);
  if (auto e = CheckSigner(ctx, grantor, "grantor")) return e;
  Authorization auth;
  if (auto e = LoadAuthorization(ctx, auth_acct, &auth)) return e;
  if (auto e = CheckMut(ctx, auth_acct, "authorization")) return e;
  if (auth.grantor != grantor.key) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "authorization");
  }
  auth.active = *active;
  auth.grantor_update_unix_timestamp = ctx.env().unix_timestamp;
  return Store(ctx, auth_acct, auth);
}

InstructionResult GranteeUpdate(InvokeContext& ctx, BorshReader& in) {
  auto clear = in.Bool("delegates_clear");
  auto n = in.U32("delegates_added length");
  if (!clear.ok() || !n.ok()) return BadArgs(ctx);
  std::vector<solana::Pubkey> added;
  if (*n > in.remaining() / 32) return BadArgs(ctx);
  for (uint32_t i = 0; i < *n; ++i) {
    auto k = in.Pubkey("delegate");
    if (!k.ok()) return BadArgs(ctx);
    added.push_back(*k);
  }
  if (auto e = RequireAccounts(ctx, 4)) return e;
  TxAccount& payer = ctx.account(0);
  TxAccount& grantee = ctx.account(1);
  TxAccount& auth_acct = ctx.account(2);
  if (auto e = CheckSigner(ctx, payer, "payer")) return e;
  if (auto e = CheckSigner(ctx, grantee, "grantee")) return e;
  Authorization auth;
  if (auto e = LoadAuthorization(ctx, auth_acct, &auth)) return e;
  if (auto e = CheckSystemProgram(ctx, ctx.account(3), "system_program")) return e;
  if (auto e = CheckMut(ctx, payer, "payer")) return e;
  if (auto e = CheckMut(ctx, auth_acct, "authorization")) return e;
  if (auth.grantee != grantee.key) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "authorization");
  }
  if (*clear) auth.delegates.clear();
  auth.delegates.insert(auth.delegates.end(), added.begin(), added.end());
  size_t new_size = psyche::AuthorizationAccountSize(auth.scope.size(), auth.delegates.size());
  size_t old_size = auth_acct.account.data.size();
  if (new_size > old_size && new_size - old_size > kMaxPermittedDataIncrease) {
    return FailAnchor(ctx, AnchorError::kAccountReallocExceedsLimit, "authorization");
  }
  uint64_t need = RentExemptMinimum(new_size);
  uint64_t have = auth_acct.account.lamports;
  if (need > have) {
    if (auto e = CpiTransfer(ctx, payer, auth_acct, need - have)) return e;
  } else if (have > need) {
    auth_acct.account.lamports = need;
    payer.account.lamports += have - need;
  }
  return Store(ctx, auth_acct, auth);
}

InstructionResult Close(InvokeContext& ctx) {
  if (auto e = RequireAccounts(ctx, 4)) return e;
  TxAccount& grantor = ctx.account(0);
  TxAccount& spill = ctx.account(1);
  TxAccount& auth_acct = ctx.account(2);
  if (auto e = CheckSigner(ctx, grantor, "grantor")) return e;
  if (auto e = CheckSystemOwned(ctx, spill, "spill")) return e;
  Authorization auth;
  if (auto e = LoadAuthorization(ctx, auth_acct, &auth)) return e;
  if (auto e = CheckSystemProgram(ctx, ctx.account(3), "system_program")) return e;
  if (auto e = CheckMut(ctx, spill, "spill")) return e;
  if (auto e = CheckMut(ctx, auth_acct, "authorization")) return e;
  if (auth.grantor != grantor.key) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "authorization");
  }
  if (auth.active) return FailProgram(ctx, kAuthorizationActiveIsTrue);
  if (!auth.delegates.empty() &&
      ctx.env().unix_timestamp <
          auth.grantor_update_unix_timestamp + kAuthorizationCloseDelaySeconds) {
    return FailProgram(ctx, kAuthorizationClosingConditionsNotReachedYet);
  }
  CloseAccount(auth_acct, spill);
  return Success();
}

}  // namespace

InstructionResult AuthorizerProgram::Process(InvokeContext& ctx) const {
  auto which = MatchDiscriminator(ctx.data(), Discriminators());
  if (!which) return FailAnchor(ctx, AnchorError::kInstructionFallbackNotFound);
  BorshReader in(ctx.data().subspan(8));
  switch (*which) {
    case kCreate:
      LogInstruction(ctx, "AuthorizationCreate");
      return Create(ctx, in);
    case kGrantorUpdate:
      LogInstruction(ctx, "AuthorizationGrantorUpdate");
      return GrantorUpdate(ctx, in);
    case kGranteeUpdate:
      LogInstruction(ctx, "AuthorizationGranteeUpdate");
      return GranteeUpdate(ctx, in);
    default:
      LogInstruction(ctx, "AuthorizationClose");
      return Close(ctx);
  }
}

}  // namespace localnet
