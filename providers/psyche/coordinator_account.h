// Decoder of the zero-copy CoordinatorAccount (spec coordinator.md 3, checklist 7). Fields are read
// one by one at their offsets from the raw account bytes (no copy of the 119 KB image, no struct
// overlay); padding, unused union bytes and witness proofs are never interpreted.
//
// Accepted layouts (3.11): v1 (119,160 bytes, version u64 = 1; the current program) and the
// read-only legacy v0 (119,072 bytes, no version field). Anything else fails: other sizes, other
// versions, unknown enum tags (per layout), invalid UTF-8, FixedVec len > capacity, NaN floats,
// Option/bool tags other than 0/1. Errors name the field path and the data offset.
#ifndef PROVIDERS_PSYCHE_COORDINATOR_ACCOUNT_H_
#define PROVIDERS_PSYCHE_COORDINATOR_ACCOUNT_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "providers/psyche/anchor.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace psyche {

inline constexpr size_t kCoordinatorAccountSize = 119160;    // v1, what the program allocates
inline constexpr size_t kCoordinatorAccountSizeV0 = 119072;  // legacy June 2025 layout
inline constexpr uint64_t kCoordinatorAccountVersion = 1;

const AnchorDiscriminator& CoordinatorAccountDiscriminator();  // ef21b1372c9b562b

// Discriminator, then size and version: v1 needs 119,160 bytes and version 1; v0 is recognized by
// its 119,072-byte size. Any other combination is an error naming size and version.
absl::StatusOr<CoordinatorLayout> DetectCoordinatorLayout(solana::ByteView data);

absl::StatusOr<CoordinatorState> DecodeCoordinatorAccount(solana::ByteView data);
// Same, after checking that the account is owned by program_id (checklist step 1).
absl::StatusOr<CoordinatorState> DecodeCoordinatorAccount(solana::ByteView data,
                                                          const solana::Pubkey& owner,
                                                          const solana::Pubkey& program_id);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_COORDINATOR_ACCOUNT_H_
