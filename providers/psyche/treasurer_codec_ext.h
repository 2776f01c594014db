// The inverse directions of treasurer.h, for the local ledger's treasurer emulation: the Run
// account encoder (authorizer-treasurer-token.md 3.4) and readers of the run_create / run_update
// parameters (3.6, 3.7) as the program reads them (Borsh, trailing bytes ignored).
#ifndef PROVIDERS_PSYCHE_TREASURER_CODEC_EXT_H_
#define PROVIDERS_PSYCHE_TREASURER_CODEC_EXT_H_

#include "absl/status/statusor.h"
#include "providers/psyche/treasurer.h"

namespace psyche {

// The 200-byte image: Borsh content in bytes 0..193, zero padding after.
solana::Bytes EncodeTreasurerRun(const TreasurerRun& run);

// `args` = instruction data after the 8-byte discriminator. InvalidArgument on short or
// malformed bytes (Anchor 102); no length limits are applied here (the program checks them).
absl::StatusOr<RunCreateParams> ReadRunCreateParams(solana::ByteView args);
absl::StatusOr<RunUpdateParams> ReadRunUpdateParams(solana::ByteView args);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_TREASURER_CODEC_EXT_H_
