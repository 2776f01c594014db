// Standard base64 (RFC 4648, with padding), private to localnet until the
// shared providers/solana/base64 lands.
#ifndef LOCALNET_BASE64_H_
#define LOCALNET_BASE64_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"

namespace localnet {

std::string Base64Encode(solana::ByteView bytes);
// Strict: length a multiple of 4, '=' only as the final one or two characters,
// no whitespace, unused trailing bits zero.
absl::StatusOr<solana::Bytes> Base64Decode(absl::string_view text);

}  // namespace localnet

#endif  // LOCALNET_BASE64_H_
