#include "providers/psyche/anchor.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace psyche::anchor {
namespace {

Discriminator HashPrefix(absl::string_view ns, absl::string_view name) {
  std::string preimage = absl::StrCat(ns, ":", name);
  solana::Hash h = solana::Sha256(
      {solana::ByteView(reinterpret_cast<const uint8_t*>(preimage.data()), preimage.size())});
  Discriminator d;
  std::copy_n(h.bytes().begin(), kDiscriminatorSize, d.begin());
  return d;
}

}  // namespace

Discriminator AccountDiscriminator(absl::string_view account_name) {
  return HashPrefix("account", account_name);
}
Discriminator InstructionDiscriminator(absl::string_view instruction_name) {
  return HashPrefix("global", instruction_name);
}
Discriminator EventDiscriminator(absl::string_view event_name) {
  return HashPrefix("event", event_name);
}

std::string DiscriminatorHex(const Discriminator& d) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

bool HasDiscriminator(solana::ByteView data, const Discriminator& d) {
  return data.size() >= kDiscriminatorSize && std::equal(d.begin(), d.end(), data.begin());
}

absl::Status CheckDiscriminator(solana::ByteView data, const Discriminator& expected,
                                absl::string_view account_name) {
  if (data.size() < kDiscriminatorSize) {
    return absl::InvalidArgumentError(absl::StrCat(account_name, ": account data is ", data.size(),
                                                   " bytes, shorter than the discriminator"));
  }
  if (!HasDiscriminator(data, expected)) {
    Discriminator got;
    std::copy_n(data.begin(), kDiscriminatorSize, got.begin());
    return absl::InvalidArgumentError(absl::StrCat(account_name, ": wrong discriminator ",
                                                   DiscriminatorHex(got), " at offset 0, expected ",
                                                   DiscriminatorHex(expected)));
  }
  return absl::OkStatus();
}

absl::Status CheckOwner(const solana::Pubkey& owner, const solana::Pubkey& program_id,
                        absl::string_view account_name) {
  if (owner != program_id) {
    return absl::FailedPreconditionError(absl::StrCat(account_name, ": owner is ",
                                                      owner.ToBase58(), ", expected program ",
                                                      program_id.ToBase58()));
  }
  return absl::OkStatus();
}

}  // namespace psyche::anchor
