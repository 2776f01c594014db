// Bitcoin-alphabet base58, the text form of Solana addresses and signatures.
#ifndef PROVIDERS_SOLANA_BASE58_H_
#define PROVIDERS_SOLANA_BASE58_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "providers/solana/coding.h"

namespace solana {

// Decoding is O(n^2); longer text is refused. Solana's base58 values are at
// most 88 characters, so the bound only stops hostile input.
inline constexpr size_t kBase58MaxDecodeChars = 1024;

std::string Base58Encode(ByteView bytes);
// Rejects any character outside the alphabet (whitespace included) and text
// longer than kBase58MaxDecodeChars.
absl::StatusOr<Bytes> Base58Decode(absl::string_view text);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_BASE58_H_
