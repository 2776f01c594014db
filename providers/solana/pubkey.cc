#include "providers/solana/pubkey.h"

#include <sodium.h>

#include <cstdlib>
#include <cstdio>

#include "providers/solana/base58.h"

namespace solana {

absl::StatusOr<Pubkey> Pubkey::FromBytes(ByteView bytes) {
  if (bytes.size() != kSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("an address must be 32 bytes, got ", bytes.size()));
  }
  std::array<uint8_t, kSize> a;
  std::copy(bytes.begin(), bytes.end(), a.begin());
  return Pubkey(a);
}

absl::StatusOr<Pubkey> Pubkey::FromBase58(absl::string_view text) {
  auto bytes = Base58Decode(text);
  if (!bytes.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("invalid address: ", bytes.status().message()));
  }
  if (bytes->size() != kSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid address: decodes to ", bytes->size(), " bytes, not 32"));
  }
  return FromBytes(*bytes);
}

Pubkey Pubkey::FromBase58OrDie(absl::string_view text) {
  auto k = FromBase58(text);
  if (!k.ok()) {
    std::fprintf(stderr, "bad built-in address constant\n");
    std::abort();
  }
  return *k;
}

std::string Pubkey::ToBase58() const { return Base58Encode(view()); }

bool Pubkey::IsZero() const {
  for (uint8_t b : bytes_) {
    if (b != 0) return false;
  }
  return true;
}

Hash Sha256(std::initializer_list<ByteView> parts) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  for (const auto& p : parts) crypto_hash_sha256_update(&st, p.data(), p.size());
  std::array<uint8_t, 32> out;
  crypto_hash_sha256_final(&st, out.data());
  return Hash(out);
}

}  // namespace solana
