// JSON views for dumps: an Authorization, a user's join access, and the
// treasurer figures of a run (authorizer-treasurer-token.md 2.5, 3.9).
// Templates over the RapidJSON writer so Writer and PrettyWriter both work;
// each function writes exactly one JSON value.
#ifndef PROVIDERS_PSYCHE_PROGRAM_JSON_H_
#define PROVIDERS_PSYCHE_PROGRAM_JSON_H_

#include <cstdint>
#include <optional>
#include <string>

#include "providers/psyche/authorizer.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/treasurer.h"
#include "providers/solana/pubkey.h"

namespace psyche {

// "permissionless", "grantee", "delegate" or "none".
const char* AuthorizationMatchName(AuthorizationMatch match);
// The scope as text when it is printable ASCII, else nullopt (callers show hex).
std::optional<std::string> PrintableScope(solana::ByteView scope);
// Base units as exact decimal text; "" when decimals is out of range.
std::string UiAmountOrEmpty(uint64_t amount, uint8_t decimals);

namespace json_internal {
template <typename W>
void Key(W& w, const char* name, const solana::Pubkey& key) {
  w.Key(name);
  const std::string s = key.ToBase58();
  w.String(s.c_str(), static_cast<unsigned>(s.size()));
}
template <typename W>
void Str(W& w, const char* name, const std::string& s) {
  w.Key(name);
  w.String(s.c_str(), static_cast<unsigned>(s.size()));
}
template <typename W>
void Amount(W& w, const char* name, uint64_t amount, uint8_t decimals) {
  w.Key(name);
  w.StartObject();
  w.Key("amount");
  w.Uint64(amount);
  Str(w, "ui", UiAmountOrEmpty(amount, decimals));
  w.EndObject();
}
}  // namespace json_internal

// {"address", "bump", "grantor", "grantee", "permissionless", "scope",
//  "scope_hex", "active", "delegates": [...], "grantor_update_unix_timestamp"}
template <typename W>
void WriteAuthorizationJson(W& w, const solana::Pubkey& address, const Authorization& a);

// A user's standing for joining under `join_authority` (rule 2.5), given the
// authorization account that was found (nullopt when none exists):
// {"user", "join_authority", "authorization", "authorized", "via"}.
template <typename W>
void WriteUserJoinAccessJson(W& w, const solana::Pubkey& user, const solana::Pubkey& join_authority,
                             const solana::Pubkey& authorization_address,
                             const std::optional<Authorization>& authorization);

// {"run", "index", "main_authority", "collateral_mint", "vault", "decimals",
//  "funded", "total_claimable", "total_claimed", "unclaimed", "missing",
//  "surplus", "burn_per_epoch" (each {"amount", "ui"}),
//  "estimated_funded_epochs" (number, or null when burn is 0 = unbounded)}
template <typename W>
void WriteTreasurerBalancesJson(W& w, const solana::Pubkey& run_address, const TreasurerRun& run,
                                const solana::Pubkey& vault, uint8_t decimals,
                                const TreasurerBalances& b);

// ---- implementation ----

std::string HexOfScope(solana::ByteView scope);

template <typename W>
void WriteAuthorizationJson(W& w, const solana::Pubkey& address, const Authorization& a) {
  using json_internal::Key;
  using json_internal::Str;
  w.StartObject();
  Key(w, "address", address);
  w.Key("bump");
  w.Uint(a.bump);
  Key(w, "grantor", a.grantor);
  Key(w, "grantee", a.grantee);
  w.Key("permissionless");
  w.Bool(a.IsPermissionless());
  w.Key("scope");
  if (auto text = PrintableScope(a.scope)) {
    w.String(text->c_str(), static_cast<unsigned>(text->size()));
  } else {
    w.Null();
  }
  Str(w, "scope_hex", HexOfScope(a.scope));
  w.Key("active");
  w.Bool(a.active);
  w.Key("delegates");
  w.StartArray();
  for (const solana::Pubkey& d : a.delegates) {
    const std::string s = d.ToBase58();
    w.String(s.c_str(), static_cast<unsigned>(s.size()));
  }
  w.EndArray();
  w.Key("grantor_update_unix_timestamp");
  w.Int64(a.grantor_update_unix_timestamp);
  w.EndObject();
}

template <typename W>
void WriteUserJoinAccessJson(W& w, const solana::Pubkey& user, const solana::Pubkey& join_authority,
                             const solana::Pubkey& authorization_address,
                             const std::optional<Authorization>& authorization) {
  using json_internal::Key;
  const AuthorizationMatch match =
      authorization ? authorization->MatchUser(join_authority, user, JoinRunScope())
                    : AuthorizationMatch::kNone;
  w.StartObject();
  Key(w, "user", user);
  Key(w, "join_authority", join_authority);
  w.Key("authorization");
  if (authorization) {
    const std::string s = authorization_address.ToBase58();
    w.String(s.c_str(), static_cast<unsigned>(s.size()));
  } else {
    w.Null();
  }
  w.Key("authorized");
  w.Bool(match != AuthorizationMatch::kNone);
  w.Key("via");
  w.String(AuthorizationMatchName(match));
  w.EndObject();
}

template <typename W>
void WriteTreasurerBalancesJson(W& w, const solana::Pubkey& run_address, const TreasurerRun& run,
                                const solana::Pubkey& vault, uint8_t decimals,
                                const TreasurerBalances& b) {
  using json_internal::Amount;
  using json_internal::Key;
  w.StartObject();
  Key(w, "run", run_address);
  w.Key("index");
  w.Uint64(run.index);
  Key(w, "main_authority", run.main_authority);
  Key(w, "collateral_mint", run.collateral_mint);
  Key(w, "vault", vault);
  w.Key("decimals");
  w.Uint(decimals);
  Amount(w, "funded", b.funded, decimals);
  Amount(w, "total_claimable", b.total_claimable, decimals);
  Amount(w, "total_claimed", b.total_claimed, decimals);
  Amount(w, "unclaimed", b.unclaimed, decimals);
  Amount(w, "missing", b.missing, decimals);
  Amount(w, "surplus", b.surplus, decimals);
  Amount(w, "burn_per_epoch", b.burn_per_epoch, decimals);
  w.Key("estimated_funded_epochs");
  if (b.estimated_funded_epochs) {
    w.Double(*b.estimated_funded_epochs);
  } else {
    w.Null();
  }
  w.EndObject();
}

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_PROGRAM_JSON_H_
