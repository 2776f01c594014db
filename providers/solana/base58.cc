#include "providers/solana/base58.h"

#include <algorithm>
#include <array>

namespace solana {
namespace {

constexpr absl::string_view kAlphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

constexpr std::array<int8_t, 128> MakeIndex() {
  std::array<int8_t, 128> index{};
  for (auto& v : index) v = -1;
  for (size_t i = 0; i < kAlphabet.size(); ++i) index[static_cast<size_t>(kAlphabet[i])] = static_cast<int8_t>(i);
  return index;
}
constexpr auto kIndex = MakeIndex();


}  // namespace

std::string Base58Encode(ByteView bytes) {
  size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;
  std::vector<uint8_t> digits;  // base-58 digits, least significant first
  digits.reserve(bytes.size() * 138 / 100 + 1);
  for (size_t i = zeros; i < bytes.size(); ++i) {
    uint32_t carry = bytes[i];
    for (auto& d : digits) {
      carry += static_cast<uint32_t>(d) << 8;
      d = static_cast<uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(kAlphabet[*it]);
  return out;
}

absl::StatusOr<Bytes> Base58Decode(absl::string_view text) {
  if (text.size() > kBase58MaxDecodeChars) {
    return absl::InvalidArgumentError(
        absl::StrCat("base58 string too long (", text.size(), " characters)"));
  }
  size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  std::vector<uint8_t> bytes;  // little-endian base-256 digits
  for (size_t i = ones; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int v = c < 128 ? kIndex[c] : -1;
    if (v < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid base58 character at position ", i));
    }
    uint32_t carry = static_cast<uint32_t>(v);
    for (auto& b : bytes) {
      carry += static_cast<uint32_t>(b) * 58;
      b = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push_back(static_cast<uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  Bytes out(ones, 0);
  out.insert(out.end(), bytes.rbegin(), bytes.rend());
  return out;
}

}  // namespace solana
