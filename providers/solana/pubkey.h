// A 32-byte Solana address (an Ed25519 public key or a program derived address).
#ifndef PROVIDERS_SOLANA_PUBKEY_H_
#define PROVIDERS_SOLANA_PUBKEY_H_

#include <array>
#include <compare>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "providers/solana/coding.h"

namespace solana {

class Pubkey {
 public:
  static constexpr size_t kSize = 32;
  constexpr Pubkey() = default;
  explicit Pubkey(const std::array<uint8_t, kSize>& bytes) : bytes_(bytes) {}

  // Exactly 32 decoded bytes, else InvalidArgument.
  static absl::StatusOr<Pubkey> FromBase58(absl::string_view text);
  static absl::StatusOr<Pubkey> FromBytes(ByteView bytes);
  // For compile-time-known constants in program code; aborts on a typo.
  static Pubkey FromBase58OrDie(absl::string_view text);

  std::string ToBase58() const;
  const std::array<uint8_t, kSize>& bytes() const { return bytes_; }
  ByteView view() const { return ByteView(bytes_.data(), kSize); }
  bool IsZero() const;

  auto operator<=>(const Pubkey&) const = default;
  bool operator==(const Pubkey&) const = default;

  template <typename H>
  friend H AbslHashValue(H h, const Pubkey& k) {
    return H::combine_contiguous(std::move(h), k.bytes_.data(), kSize);
  }

 private:
  std::array<uint8_t, kSize> bytes_{};
};

// 32-byte hash (blockhashes, SHA-256 results) shares the representation.
using Hash = Pubkey;

// SHA-256 of the concatenation of parts.
Hash Sha256(std::initializer_list<ByteView> parts);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_PUBKEY_H_
