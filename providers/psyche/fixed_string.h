// Psyche FixedString<N> (spec coordinator 3.2): N bytes of UTF-8 padded with 0x00, no terminator
// when the string fills all N bytes. UTF-8 validation is IsValidUtf8 in borsh.h.
#ifndef PROVIDERS_PSYCHE_FIXED_STRING_H_
#define PROVIDERS_PSYCHE_FIXED_STRING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"

namespace psyche {

// The bytes up to the first 0x00 (or all of them); InvalidArgument when they are not UTF-8.
absl::StatusOr<std::string> DecodeFixedString(solana::ByteView bytes);

// Writes exactly `capacity` bytes: s cut to capacity bytes, then 0x00 padding.
void PutFixedString(solana::Bytes* out, absl::string_view s, size_t capacity);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_FIXED_STRING_H_
