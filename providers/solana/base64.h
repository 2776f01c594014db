// Standard base64 (RFC 4648, '+' '/', '=' padding): the encoding of account
// data, transactions and messages in JSON-RPC.
#ifndef PROVIDERS_SOLANA_BASE64_H_
#define PROVIDERS_SOLANA_BASE64_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"

namespace solana {

std::string Base64Encode(ByteView bytes);
// Strict: length a multiple of 4, padding only at the end, no whitespace, no
// URL-safe alphabet, and unused trailing bits must be zero (canonical form).
absl::StatusOr<Bytes> Base64Decode(absl::string_view text);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_BASE64_H_
