// compact-u16 ("shortvec"): the length prefix used throughout the Solana wire
// format (spec solana-wire.md 3.1). 7 value bits per byte, low group first.
#ifndef PROVIDERS_SOLANA_SHORTVEC_H_
#define PROVIDERS_SOLANA_SHORTVEC_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"

namespace solana {

inline constexpr size_t kMaxShortVecValue = 65535;

// |sv(n)|: bytes needed to encode n (n <= 65535).
constexpr size_t ShortVecLength(size_t n) { return n < 0x80 ? 1 : (n < 0x4000 ? 2 : 3); }

void PutShortVec(Bytes* out, uint16_t n);

// Strict decode: rejects truncation, a zero continuation byte (non-minimal
// encoding), a continuation bit on the third byte, and values above 65535.
// `what` names the field in errors.
absl::StatusOr<uint16_t> ReadShortVec(ByteReader* in, absl::string_view what);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_SHORTVEC_H_
