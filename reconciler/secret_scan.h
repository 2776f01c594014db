// Guard so no rendered plan or planfile ever carries a secret key: plans hold
// pubkeys (32 bytes), never keypairs (64 bytes). Heuristic by shape.
#ifndef RECONCILER_SECRET_SCAN_H_
#define RECONCILER_SECRET_SCAN_H_

#include <string>

#include "absl/strings/string_view.h"

namespace reconciler {

// Whether text contains something shaped like a Solana secret key: a run of
// base58 characters decoding to 64 bytes, a run of 128 hex digits, or a
// solana-keygen JSON array of 64 byte values.
bool ContainsSecretKey(absl::string_view text);

// text with each such run replaced by "(sensitive)". Every renderer passes
// its strings through this.
std::string RedactSecrets(absl::string_view text);

}  // namespace reconciler

#endif  // RECONCILER_SECRET_SCAN_H_
