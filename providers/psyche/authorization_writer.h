// Encoder of the Authorizer's Authorization account (authorizer-treasurer-token.md 2.3), the
// inverse of DecodeAuthorization: exactly 90 + L + 32*N bytes, no slack (for the local ledger).
#ifndef PROVIDERS_PSYCHE_AUTHORIZATION_WRITER_H_
#define PROVIDERS_PSYCHE_AUTHORIZATION_WRITER_H_

#include "absl/status/statusor.h"
#include "providers/psyche/authorizer.h"

namespace psyche {

// InvalidArgument when the scope is longer than 32 bytes (no PDA could hold it).
absl::StatusOr<solana::Bytes> EncodeAuthorization(const Authorization& authorization);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_AUTHORIZATION_WRITER_H_
