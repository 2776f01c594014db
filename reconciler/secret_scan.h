// Heuristic guard so no rendered plan or planfile ever carries a secret key:
// plans hold pubkeys (32 bytes), never keypairs (64 bytes).
#ifndef RECONCILER_SECRET_SCAN_H_
#define RECONCILER_SECRET_SCAN_H_

#include <string>

#include "absl/strings/string_view.h"

namespace reconciler {

// True for text that has the shape of a Solana keypair: base58 decoding to 64
// bytes, 128 hex digits, or a solana-keygen JSON array of 64 byte values.
bool LooksLikeSecretKey(absl::string_view text);

// text, or "(sensitive)" when it looks like a secret key: every renderer
// passes its strings through this.
std::string RedactSecret(absl::string_view text);

}  // namespace reconciler

#endif  // RECONCILER_SECRET_SCAN_H_
