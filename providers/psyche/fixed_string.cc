#include "providers/psyche/fixed_string.h"

#include <algorithm>

namespace psyche {

bool IsValidUtf8(absl::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    uint8_t b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;  // overlong
      if (b == 0xED) hi = 0x9F;  // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;  // overlong
      if (b == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (n - i < len) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

absl::StatusOr<std::string> DecodeFixedString(solana::ByteView bytes) {
  auto end = std::find(bytes.begin(), bytes.end(), uint8_t{0});
  std::string s(bytes.begin(), end);
  if (!IsValidUtf8(s)) return absl::InvalidArgumentError("invalid UTF-8 in string");
  return s;
}

void PutFixedString(solana::Bytes* out, absl::string_view s, size_t capacity) {
  size_t n = std::min(s.size(), capacity);
  out->insert(out->end(), s.begin(), s.begin() + n);
  out->insert(out->end(), capacity - n, uint8_t{0});
}

}  // namespace psyche
