// Ed25519 keypairs in the solana-keygen JSON format, and signatures.
// Secret bytes live only inside Keypair, are wiped on destruction, and have no
// accessor that could print them.
#ifndef PROVIDERS_SOLANA_KEYPAIR_H_
#define PROVIDERS_SOLANA_KEYPAIR_H_

#include <array>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace solana {

using Signature = std::array<uint8_t, 64>;

std::string SignatureToBase58(const Signature& sig);
absl::StatusOr<Signature> SignatureFromBase58(absl::string_view text);

class Keypair {
 public:
  Keypair(const Keypair&) = delete;
  Keypair& operator=(const Keypair&) = delete;
  // Moving wipes the source: it is left with a zero pubkey and no usable secret.
  Keypair(Keypair&& other) noexcept;
  Keypair& operator=(Keypair&& other) noexcept;
  ~Keypair();

  // From a 32-byte Ed25519 seed.
  static absl::StatusOr<Keypair> FromSeed(ByteView seed);
  // A fresh random keypair (libsodium randombytes).
  static Keypair Generate();
  // The solana-keygen format: a JSON array of 64 integers 0..255 (seed || pubkey).
  // Rejects non-JSON, wrong counts, out-of-range values, and a public half that
  // does not match the secret. `source` names the input in error messages.
  static absl::StatusOr<Keypair> FromJson(absl::string_view json, absl::string_view source);
  static absl::StatusOr<Keypair> ReadFile(const std::string& path);
  // Writes the keygen format with mode 0600.
  absl::Status WriteFile(const std::string& path) const;

  const Pubkey& pubkey() const { return pubkey_; }
  Signature Sign(ByteView message) const;

 private:
  Keypair() = default;
  // Derives from a 32-byte seed; cannot fail.
  static Keypair FromSeedBytes(const uint8_t* seed);
  // Validates seed || pubkey as the keygen reader does; wipes nothing it was given.
  static absl::StatusOr<Keypair> FromSecretBytes(const uint8_t* secret, absl::string_view source);
  void Wipe();

  std::array<uint8_t, 64> secret_{};  // libsodium layout: seed || pubkey
  Pubkey pubkey_;
};

bool VerifySignature(const Pubkey& key, ByteView message, const Signature& sig);

// A warning the CLI can print when the key file at `path` is readable or
// writable by group or others; nullopt when the mode is private or the file
// cannot be stat'ed (ReadFile reports that). The library never prints.
std::optional<std::string> KeyFilePermissionWarning(const std::string& path);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_KEYPAIR_H_
