// The Psyche Authorizer program (authorizer-treasurer-token.md 2): the
// Authorization PDA, a strict account decoder, the validity rule, the four
// instruction builders, and getProgramAccounts filters.
#ifndef PROVIDERS_PSYCHE_AUTHORIZER_H_
#define PROVIDERS_PSYCHE_AUTHORIZER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/solana/coding.h"
#include "providers/solana/instruction.h"
#include "providers/solana/pda.h"
#include "providers/solana/pubkey.h"

namespace psyche {

// The only scope Psyche uses (2.1): raw ASCII, no terminator.
inline constexpr absl::string_view kJoinRunScope = "CoordinatorJoinRun";
solana::ByteView JoinRunScope();
// A PDA seed is at most 32 bytes, so no authorization can carry a longer scope.
inline constexpr size_t kMaxScopeSize = 32;

// How a user satisfies an authorization (2.5); kNone = not valid for them.
enum class AuthorizationMatch { kNone, kPermissionless, kGrantee, kDelegate };

// Exact account size for a scope of `scope_len` bytes and `delegates` keys (2.3).
constexpr size_t AuthorizationAccountSize(size_t scope_len, size_t delegates) {
  return 90 + scope_len + 32 * delegates;
}

struct Authorization {
  uint8_t bump = 0;
  solana::Pubkey grantor;
  solana::Pubkey grantee;  // all-zero = permissionless (anyone)
  solana::Bytes scope;
  bool active = false;
  std::vector<solana::Pubkey> delegates;
  int64_t grantor_update_unix_timestamp = 0;

  bool IsPermissionless() const { return grantee.IsZero(); }
  // Rule 2.5: active, same grantor and scope, and the user is the grantee, a
  // delegate, or anyone when permissionless.
  bool IsValidFor(const solana::Pubkey& grantor, const solana::Pubkey& user,
                  solana::ByteView scope) const {
    return MatchUser(grantor, user, scope) != AuthorizationMatch::kNone;
  }
  // Checked in the order the reference tools try: permissionless, grantee, delegate.
  AuthorizationMatch MatchUser(const solana::Pubkey& grantor, const solana::Pubkey& user,
                               solana::ByteView scope) const;
};

// PDA(["Authorization", grantor, grantee, scope]) with its canonical bump.
absl::StatusOr<solana::ProgramAddress> AuthorizationAddress(
    const solana::Pubkey& grantor, const solana::Pubkey& grantee, solana::ByteView scope,
    const solana::Pubkey& authorizer = program_ids::Authorizer());

// Fails on a wrong owner, discriminator, truncation, bool byte other than 0/1,
// or a scope longer than 32 bytes. Trailing bytes are ignored (Borsh semantics).
absl::StatusOr<Authorization> DecodeAuthorization(
    const solana::Pubkey& program_owner, solana::ByteView data,
    const solana::Pubkey& authorizer = program_ids::Authorizer());

// authorization_create (2.4.1): payer (s,w), grantor (s), authorization (w),
// System (r). The PDA is derived here; scopes over 32 bytes are refused.
absl::StatusOr<solana::Instruction> AuthorizationCreate(
    const solana::Pubkey& payer, const solana::Pubkey& grantor, const solana::Pubkey& grantee,
    solana::ByteView scope, const solana::Pubkey& authorizer = program_ids::Authorizer());
// authorization_grantor_update (2.4.2): grantor (s), authorization (w).
solana::Instruction AuthorizationGrantorUpdate(
    const solana::Pubkey& grantor, const solana::Pubkey& authorization, bool active,
    const solana::Pubkey& authorizer = program_ids::Authorizer());
// authorization_grantee_update (2.4.3): payer (s,w), grantee (s),
// authorization (w), System (r).
solana::Instruction AuthorizationGranteeUpdate(
    const solana::Pubkey& payer, const solana::Pubkey& grantee, const solana::Pubkey& authorization,
    bool delegates_clear, const std::vector<solana::Pubkey>& delegates_added,
    const solana::Pubkey& authorizer = program_ids::Authorizer());
// authorization_close (2.4.4): grantor (s), spill (w), authorization (w), System (r).
solana::Instruction AuthorizationClose(
    const solana::Pubkey& grantor, const solana::Pubkey& spill, const solana::Pubkey& authorization,
    const solana::Pubkey& authorizer = program_ids::Authorizer());

// A getProgramAccounts memcmp filter; RPC clients send `bytes` as base58.
struct MemcmpFilter {
  size_t offset = 0;
  solana::Bytes bytes;
  std::string BytesBase58() const;
  bool operator==(const MemcmpFilter&) const = default;
};

// 2.6: discriminator at 0 and grantor at 9 (all authorizations it issued).
std::vector<MemcmpFilter> AuthorizationsByGrantorFilters(const solana::Pubkey& grantor);
// Optional narrowing: only join-scope authorizations (offset 73).
MemcmpFilter JoinScopeFilter();
// Optional narrowing: only those granted to `grantee` (offset 41).
MemcmpFilter AuthorizationGranteeFilter(const solana::Pubkey& grantee);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_AUTHORIZER_H_
