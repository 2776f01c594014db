// Bitcoin-alphabet base58, the text form of Solana addresses and signatures.
#ifndef PROVIDERS_SOLANA_BASE58_H_
#define PROVIDERS_SOLANA_BASE58_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "providers/solana/coding.h"

namespace solana {

std::string Base58Encode(ByteView bytes);
// Rejects any character outside the alphabet (whitespace included).
absl::StatusOr<Bytes> Base58Decode(absl::string_view text);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_BASE58_H_
