#include "reconciler/secret_scan.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "providers/solana/base58.h"

namespace reconciler {
namespace {

constexpr char kRedacted[] = "(sensitive)";

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

// inner is the text between '[' and ']'.
bool IsByteArray64(absl::string_view inner) {
  int count = 0;
  for (absl::string_view part : absl::StrSplit(inner, ',')) {
    uint32_t v;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(part), &v) || v > 255) return false;
    ++count;
  }
  return count == 64;
}

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Length of a secret-shaped span starting at text[i], or 0. Alphanumeric runs
// are only tested whole, from their first character.
size_t SecretSpanAt(absl::string_view text, size_t i) {
  if (text[i] == '[') {
    // Only digits, commas and blanks may follow; stop at anything else, so a
    // flood of brackets costs linear time.
    size_t close = i + 1;
    while (close < text.size() && (std::isdigit(static_cast<unsigned char>(text[close])) ||
                                   text[close] == ',' || text[close] == ' ' ||
                                   text[close] == '\n' || text[close] == '\t')) {
      ++close;
    }
    if (close < text.size() && text[close] == ']' &&
        IsByteArray64(text.substr(i + 1, close - i - 1))) {
      return close - i + 1;
    }
    return 0;
  }
  if (!IsAlnum(text[i]) || (i > 0 && IsAlnum(text[i - 1]))) return 0;
  size_t end = i;
  while (end < text.size() && IsAlnum(text[end])) ++end;
  absl::string_view run = text.substr(i, end - i);
  return IsBase58Keypair(run) || IsHexKeypair(run) ? run.size() : 0;
}

}  // namespace

bool ContainsSecretKey(absl::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (SecretSpanAt(text, i) > 0) return true;
  }
  return false;
}

std::string RedactSecrets(absl::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t span = SecretSpanAt(text, i);
    if (span > 0) {
      out += kRedacted;
      i += span;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace reconciler
