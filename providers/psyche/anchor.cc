#include "providers/psyche/anchor.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "providers/solana/pubkey.h"

namespace psyche {
namespace {

AnchorDiscriminator FirstEightOfSha256(const std::string& preimage) {
  solana::Hash h = solana::Sha256(
      {solana::ByteView(reinterpret_cast<const uint8_t*>(preimage.data()), preimage.size())});
  AnchorDiscriminator d;
  std::copy_n(h.bytes().begin(), d.size(), d.begin());
  return d;
}

}  // namespace

AnchorDiscriminator AnchorInstructionDiscriminator(absl::string_view name) {
  return FirstEightOfSha256(absl::StrCat("global:", name));
}

AnchorDiscriminator AnchorAccountDiscriminator(absl::string_view name) {
  return FirstEightOfSha256(absl::StrCat("account:", name));
}

}  // namespace psyche
