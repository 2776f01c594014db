#include "providers/psyche/account_checks.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "providers/psyche/hex.h"

namespace psyche {

std::string DiscriminatorHex(const AnchorDiscriminator& d) {
  return HexEncode(solana::ByteView(d.data(), d.size()));
}

bool HasDiscriminator(solana::ByteView data, const AnchorDiscriminator& d) {
  return data.size() >= d.size() && std::equal(d.begin(), d.end(), data.begin());
}

absl::Status CheckDiscriminator(solana::ByteView data, const AnchorDiscriminator& expected,
                                absl::string_view account_name) {
  if (data.size() < kAnchorDiscriminatorSize) {
    return absl::InvalidArgumentError(absl::StrCat(account_name, ": account data is ", data.size(),
                                                   " bytes, shorter than the discriminator"));
  }
  if (!HasDiscriminator(data, expected)) {
    return absl::InvalidArgumentError(
        absl::StrCat(account_name, ": wrong discriminator ",
                     HexEncode(data.subspan(0, kAnchorDiscriminatorSize)),
                     " at offset 0, expected ", DiscriminatorHex(expected)));
  }
  return absl::OkStatus();
}

absl::Status CheckOwner(const solana::Pubkey& owner, const solana::Pubkey& program_id,
                        absl::string_view account_name) {
  if (owner != program_id) {
    return absl::FailedPreconditionError(absl::StrCat(account_name, ": owner is ", owner.ToBase58(),
                                                      ", expected program ",
                                                      program_id.ToBase58()));
  }
  return absl::OkStatus();
}

}  // namespace psyche
