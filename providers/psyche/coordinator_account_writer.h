// Builds the 119,160-byte version-1 CoordinatorAccount image from a CoordinatorState, the inverse
// of DecodeCoordinatorAccount (for local test servers and fakes). Padding, unused union bytes and
// the witness proofs are zero (spec 3.2: zero them when you build an image yourself).
#ifndef PROVIDERS_PSYCHE_COORDINATOR_ACCOUNT_WRITER_H_
#define PROVIDERS_PSYCHE_COORDINATOR_ACCOUNT_WRITER_H_

#include "absl/status/statusor.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/solana/coding.h"

namespace psyche {

// Always writes layout v1 (version 1) whatever state.layout says; v0-only fields
// (rounds_per_epoch, checkpointed) are dropped. InvalidArgument when a string exceeds its
// FixedString capacity or a list exceeds 256 entries.
absl::StatusOr<solana::Bytes> EncodeCoordinatorAccount(const CoordinatorState& state);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_COORDINATOR_ACCOUNT_WRITER_H_
