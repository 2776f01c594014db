// The CoordinatorInstance account (spec coordinator.md 1.3, 2): the Borsh-encoded PDA that links a
// run id to its authorities and its CoordinatorAccount.
#ifndef PROVIDERS_PSYCHE_COORDINATOR_INSTANCE_H_
#define PROVIDERS_PSYCHE_COORDINATOR_INSTANCE_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/psyche/account_checks.h"
#include "providers/psyche/anchor.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/solana/coding.h"
#include "providers/solana/pda.h"
#include "providers/solana/pubkey.h"

namespace psyche {

inline constexpr size_t kCoordinatorInstanceSize = 173;          // 8 + 1 + 3*32 + 4 + 64
inline constexpr size_t kCoordinatorInstanceMaxRunIdBytes = 64;  // allocated space
inline constexpr absl::string_view kCoordinatorInstanceSeed = "coordinator";

const AnchorDiscriminator& CoordinatorInstanceDiscriminator();  // 9c099910af181ffc

// Anchor's reading rule: size >= 8, discriminator, fields in order, trailing bytes ignored.
// The run id must be valid UTF-8 and at most 64 bytes.
absl::StatusOr<CoordinatorInstance> DecodeCoordinatorInstance(solana::ByteView data);
// Same, after checking that the account is owned by program_id.
absl::StatusOr<CoordinatorInstance> DecodeCoordinatorInstance(solana::ByteView data,
                                                              const solana::Pubkey& owner,
                                                              const solana::Pubkey& program_id);
// The 173-byte image the program writes (zero-padded after the run id); for tests and fakes.
solana::Bytes EncodeCoordinatorInstance(const CoordinatorInstance& instance);

// find_program_address(["coordinator", run_id[..min(64,len)]], program_id). InvalidArgument for
// run ids longer than 32 bytes (they have no PDA).
absl::StatusOr<solana::ProgramAddress> CoordinatorInstanceAddress(absl::string_view run_id,
                                                                  const solana::Pubkey& program_id);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_COORDINATOR_INSTANCE_H_
