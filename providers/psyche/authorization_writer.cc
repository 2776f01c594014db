#include "providers/psyche/authorization_writer.h"

#include "absl/strings/str_cat.h"
#include "providers/psyche/anchor.h"
#include "providers/psyche/borsh.h"

namespace psyche {

absl::StatusOr<solana::Bytes> EncodeAuthorization(const Authorization& a) {
  if (a.scope.size() > kMaxScopeSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("authorization scope is ", a.scope.size(), " bytes; at most ", kMaxScopeSize));
  }
  BorshWriter w;
  w.Raw(AnchorAccountDiscriminator("Authorization"));
  w.U8(a.bump);
  w.Pubkey(a.grantor);
  w.Pubkey(a.grantee);
  w.Length(a.scope.size(), "authorization.scope");
  w.Raw(a.scope);
  w.Bool(a.active);
  w.Length(a.delegates.size(), "authorization.delegates");
  for (const solana::Pubkey& d : a.delegates) w.Pubkey(d);
  w.I64(a.grantor_update_unix_timestamp);
  return std::move(w).Finish();
}

}  // namespace psyche
