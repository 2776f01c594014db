#include "providers/psyche/fixed_string.h"

#include <algorithm>

#include "providers/psyche/borsh.h"

namespace psyche {

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
