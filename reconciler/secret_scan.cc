#include "reconciler/secret_scan.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "providers/solana/base58.h"

namespace reconciler {
namespace {

bool IsBase58Keypair(absl::string_view t) {
  // 64 bytes take 86 to 88 base58 characters.
  if (t.size() < 86 || t.size() > 88) return false;
  auto bytes = solana::Base58Decode(t);
  return bytes.ok() && bytes->size() == 64;
}

bool IsHexKeypair(absl::string_view t) {
  if (t.size() != 128) return false;
  for (char c : t) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsJsonByteArray64(absl::string_view t) {
  t = absl::StripAsciiWhitespace(t);
  if (t.size() < 2 || t.front() != '[' || t.back() != ']') return false;
  t = t.substr(1, t.size() - 2);
  int count = 0;
  for (absl::string_view part : absl::StrSplit(t, ',')) {
    uint32_t v;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(part), &v) || v > 255) return false;
    ++count;
  }
  return count == 64;
}

}  // namespace

bool LooksLikeSecretKey(absl::string_view text) {
  absl::string_view t = absl::StripAsciiWhitespace(text);
  return IsBase58Keypair(t) || IsHexKeypair(t) || IsJsonByteArray64(t);
}

std::string RedactSecret(absl::string_view text) {
  return LooksLikeSecretKey(text) ? "(sensitive)" : std::string(text);
}

}  // namespace reconciler
