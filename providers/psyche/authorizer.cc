#include "providers/psyche/authorizer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "providers/psyche/anchor.h"
#include "providers/psyche/borsh.h"
#include "providers/solana/base58.h"
#include "providers/solana/program_ids.h"

namespace psyche {
namespace {

using solana::Bytes;
using solana::ByteView;
using solana::Instruction;
using solana::Pubkey;

constexpr absl::string_view kSeedPrefix = "Authorization";
// Field offsets of the account (2.3); the grantor and scope filters depend on them.
constexpr size_t kGrantorOffset = 9;
constexpr size_t kGranteeOffset = 41;
constexpr size_t kScopeOffset = 73;

ByteView AsBytes(absl::string_view s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

Bytes InstructionData(absl::string_view name) {
  const AnchorDiscriminator disc = AnchorInstructionDiscriminator(name);
  return Bytes(disc.begin(), disc.end());
}

const AnchorDiscriminator& AccountDisc() {
  static const AnchorDiscriminator d = AnchorAccountDiscriminator("Authorization");
  return d;
}

}  // namespace

ByteView JoinRunScope() { return AsBytes(kJoinRunScope); }

AuthorizationMatch Authorization::MatchUser(const Pubkey& want_grantor, const Pubkey& user,
                                            ByteView want_scope) const {
  if (!active || grantor != want_grantor ||
      !std::equal(scope.begin(), scope.end(), want_scope.begin(), want_scope.end())) {
    return AuthorizationMatch::kNone;
  }
  if (IsPermissionless()) return AuthorizationMatch::kPermissionless;
  if (grantee == user) return AuthorizationMatch::kGrantee;
  if (std::find(delegates.begin(), delegates.end(), user) != delegates.end()) {
    return AuthorizationMatch::kDelegate;
  }
  return AuthorizationMatch::kNone;
}

absl::StatusOr<solana::ProgramAddress> AuthorizationAddress(const Pubkey& grantor,
                                                            const Pubkey& grantee, ByteView scope,
                                                            const Pubkey& authorizer) {
  if (scope.size() > kMaxScopeSize) {
    return absl::InvalidArgumentError(absl::StrCat("authorization scope is ", scope.size(),
                                                   " bytes; a PDA seed holds at most ",
                                                   kMaxScopeSize));
  }
  return solana::FindProgramAddress({AsBytes(kSeedPrefix), grantor.view(), grantee.view(), scope},
                                    authorizer);
}

absl::StatusOr<Authorization> DecodeAuthorization(const Pubkey& program_owner, ByteView data,
                                                  const Pubkey& authorizer) {
  if (program_owner != authorizer) {
    return absl::InvalidArgumentError(absl::StrCat("authorization: owned by ",
                                                   program_owner.ToBase58(),
                                                   ", not the Authorizer ", authorizer.ToBase58()));
  }
  BorshReader r(data);
  ASSIGN_OR_RETURN(auto disc, r.Array<8>("authorization.discriminator"));
  if (disc != AccountDisc()) {
    return absl::InvalidArgumentError("authorization: wrong account discriminator");
  }
  Authorization a;
  ASSIGN_OR_RETURN(a.bump, r.U8("authorization.bump"));
  ASSIGN_OR_RETURN(a.grantor, r.Pubkey("authorization.grantor"));
  ASSIGN_OR_RETURN(a.grantee, r.Pubkey("authorization.grantee"));
  ASSIGN_OR_RETURN(uint32_t scope_len, r.U32("authorization.scope length"));
  if (scope_len > kMaxScopeSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("authorization: scope length ", scope_len, " exceeds ", kMaxScopeSize));
  }
  ASSIGN_OR_RETURN(ByteView scope, r.Raw(scope_len, "authorization.scope"));
  a.scope.assign(scope.begin(), scope.end());
  ASSIGN_OR_RETURN(a.active, r.Bool("authorization.active"));
  ASSIGN_OR_RETURN(uint32_t count, r.U32("authorization.delegates count"));
  // Check the length before reserving so a corrupt count cannot allocate gigabytes.
  if (static_cast<uint64_t>(count) * Pubkey::kSize > r.remaining()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "authorization: ", count, " delegates do not fit in the ", r.remaining(), " bytes left"));
  }
  a.delegates.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    ASSIGN_OR_RETURN(Pubkey key, r.Pubkey("authorization.delegate"));
    a.delegates.push_back(key);
  }
  ASSIGN_OR_RETURN(a.grantor_update_unix_timestamp,
                   r.I64("authorization.grantor_update_unix_timestamp"));
  return a;
}

absl::StatusOr<Instruction> AuthorizationCreate(const Pubkey& payer, const Pubkey& grantor,
                                                const Pubkey& grantee, ByteView scope,
                                                const Pubkey& authorizer) {
  ASSIGN_OR_RETURN(solana::ProgramAddress pda,
                   AuthorizationAddress(grantor, grantee, scope, authorizer));
  Bytes data = InstructionData("authorization_create");
  solana::PutBytes(&data, grantee.view());
  solana::PutU32(&data, static_cast<uint32_t>(scope.size()));
  solana::PutBytes(&data, scope);
  return Instruction{
      authorizer,
      {solana::WritableSigner(payer), solana::ReadonlySigner(grantor),
       solana::Writable(pda.address), solana::Readonly(solana::program_ids::System())},
      std::move(data)};
}

Instruction AuthorizationGrantorUpdate(const Pubkey& grantor, const Pubkey& authorization,
                                       bool active, const Pubkey& authorizer) {
  Bytes data = InstructionData("authorization_grantor_update");
  solana::PutU8(&data, active ? 1 : 0);
  return Instruction{authorizer,
                     {solana::ReadonlySigner(grantor), solana::Writable(authorization)},
                     std::move(data)};
}

Instruction AuthorizationGranteeUpdate(const Pubkey& payer, const Pubkey& grantee,
                                       const Pubkey& authorization, bool delegates_clear,
                                       const std::vector<Pubkey>& delegates_added,
                                       const Pubkey& authorizer) {
  Bytes data = InstructionData("authorization_grantee_update");
  solana::PutU8(&data, delegates_clear ? 1 : 0);
  solana::PutU32(&data, static_cast<uint32_t>(delegates_added.size()));
  for (const Pubkey& k : delegates_added) solana::PutBytes(&data, k.view());
  return Instruction{
      authorizer,
      {solana::WritableSigner(payer), solana::ReadonlySigner(grantee),
       solana::Writable(authorization), solana::Readonly(solana::program_ids::System())},
      std::move(data)};
}

Instruction AuthorizationClose(const Pubkey& grantor, const Pubkey& spill,
                               const Pubkey& authorization, const Pubkey& authorizer) {
  return Instruction{
      authorizer,
      {solana::ReadonlySigner(grantor), solana::Writable(spill), solana::Writable(authorization),
       solana::Readonly(solana::program_ids::System())},
      InstructionData("authorization_close")};
}

std::string MemcmpFilter::BytesBase58() const { return solana::Base58Encode(bytes); }

std::vector<MemcmpFilter> AuthorizationsByGrantorFilters(const Pubkey& grantor) {
  const AnchorDiscriminator& disc = AccountDisc();
  return {MemcmpFilter{0, Bytes(disc.begin(), disc.end())},
          MemcmpFilter{kGrantorOffset, Bytes(grantor.bytes().begin(), grantor.bytes().end())}};
}

MemcmpFilter JoinScopeFilter() {
  Bytes bytes;
  solana::PutU32(&bytes, static_cast<uint32_t>(kJoinRunScope.size()));
  solana::PutBytes(&bytes, JoinRunScope());
  return MemcmpFilter{kScopeOffset, std::move(bytes)};
}

MemcmpFilter AuthorizationGranteeFilter(const Pubkey& grantee) {
  return MemcmpFilter{kGranteeOffset, Bytes(grantee.bytes().begin(), grantee.bytes().end())};
}

}  // namespace psyche
