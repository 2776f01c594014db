#include "providers/psyche/hex.h"

#include "absl/strings/str_cat.h"

namespace psyche {
namespace {

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

std::string HexEncode(solana::ByteView bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

absl::StatusOr<solana::Bytes> HexDecode(absl::string_view text) {
  solana::Bytes out;
  out.reserve(text.size() / 2);
  int high = -1;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (IsAsciiSpace(c)) continue;
    int v = HexDigitValue(c);
    if (v < 0) {
      return absl::InvalidArgumentError(absl::StrCat("not a hex digit at position ", i));
    }
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  if (high >= 0) return absl::InvalidArgumentError("odd number of hex digits");
  return out;
}

}  // namespace psyche
