// Hex text of byte strings, for test vectors and CLI output.
#ifndef PROVIDERS_PSYCHE_HEX_H_
#define PROVIDERS_PSYCHE_HEX_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"

namespace psyche {

// Lower-case, two digits per byte.
std::string HexEncode(solana::ByteView bytes);
// Upper or lower case; ASCII whitespace is skipped so spec vectors can be
// pasted with their line breaks. Odd digit count or a non-hex character is an error.
absl::StatusOr<solana::Bytes> HexDecode(absl::string_view text);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_HEX_H_
