#include "providers/solana/shortvec.h"

namespace solana {

void PutShortVec(Bytes* out, uint16_t n) {
  uint32_t rest = n;
  while (rest >= 0x80) {
    out->push_back(static_cast<uint8_t>((rest & 0x7f) | 0x80));
    rest >>= 7;
  }
  out->push_back(static_cast<uint8_t>(rest));
}

absl::StatusOr<uint16_t> ReadShortVec(ByteReader* in, absl::string_view what) {
  const size_t start = in->offset();
  uint32_t value = 0;
  for (int i = 0; i < 3; ++i) {
    ASSIGN_OR_RETURN(uint8_t byte, in->U8(what));
    // A zero byte after a continuation adds nothing: an alias of a shorter form.
    if (i > 0 && byte == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, ": non-minimal compact-u16 at offset ", start));
    }
    value |= static_cast<uint32_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      if (value > kMaxShortVecValue) {
        return absl::InvalidArgumentError(
            absl::StrCat(what, ": compact-u16 value ", value, " above 65535 at offset ", start));
      }
      return static_cast<uint16_t>(value);
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat(what, ": compact-u16 longer than 3 bytes at offset ", start));
}

}  // namespace solana
