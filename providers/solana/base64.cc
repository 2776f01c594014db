#include "providers/solana/base64.h"

#include <array>

namespace solana {
namespace {

constexpr absl::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> MakeIndex() {
  std::array<int8_t, 256> index{};
  for (auto& v : index) v = -1;
  for (size_t i = 0; i < kAlphabet.size(); ++i) {
    index[static_cast<uint8_t>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  return index;
}
constexpr auto kIndex = MakeIndex();

absl::Status Bad(absl::string_view why, size_t pos) {
  return absl::InvalidArgumentError(absl::StrCat("invalid base64: ", why, " at offset ", pos));
}

}  // namespace

std::string Base64Encode(ByteView bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = uint32_t{bytes[i]} << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.append("==");
  } else if (rest == 2) {
    uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back('=');
  }
  return out;
}

absl::StatusOr<Bytes> Base64Decode(absl::string_view text) {
  if (text.size() % 4 != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid base64: length ", text.size(), " is not a multiple of 4"));
  }
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') pad = (text[text.size() - 2] == '=') ? 2 : 1;
  Bytes out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    size_t used = last ? 4 - pad : 4;
    uint32_t v = 0;
    for (size_t j = 0; j < 4; ++j) {
      v <<= 6;
      if (j >= used) continue;  // padding position, already checked below
      int8_t d = kIndex[static_cast<uint8_t>(text[i + j])];
      if (d < 0) return Bad("unexpected character", i + j);
      v |= static_cast<uint32_t>(d);
    }
    out.push_back(static_cast<uint8_t>(v >> 16));
    if (used >= 3) out.push_back(static_cast<uint8_t>(v >> 8));
    if (used == 4) out.push_back(static_cast<uint8_t>(v));
    // Non-canonical: bits that no output byte uses must be zero.
    if (used == 2 && (v & 0xFFFF) != 0) return Bad("non-zero trailing bits", i + 1);
    if (used == 3 && (v & 0xFF) != 0) return Bad("non-zero trailing bits", i + 2);
  }
  return out;
}

}  // namespace solana
