// The Psyche Treasurer program (authorizer-treasurer-token.md 3): the Run and
// Participant PDAs, the default run index, the Run account decoder, the
// run_create / run_update builders, and the derived balance figures (3.9).
#ifndef PROVIDERS_PSYCHE_TREASURER_H_
#define PROVIDERS_PSYCHE_TREASURER_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/solana/coding.h"
#include "providers/solana/instruction.h"
#include "providers/solana/pda.h"
#include "providers/solana/pubkey.h"

namespace psyche {

// Program ids a treasurer flow touches; configurable for redeployments.
struct TreasurerPrograms {
  solana::Pubkey treasurer = program_ids::Treasurer();
  solana::Pubkey coordinator = program_ids::Coordinator();
};

inline constexpr size_t kTreasurerRunSize = 200;
inline constexpr size_t kTreasurerRunMinSize = 193;  // Borsh content; the rest is padding

// 3.3: u64 little-endian from the first 8 bytes of SHA-256(run_id).
uint64_t DefaultTreasurerIndex(absl::string_view run_id);

// PDA(["Run", index LE]) under the treasurer.
absl::StatusOr<solana::ProgramAddress> TreasurerRunAddress(
    uint64_t index, const solana::Pubkey& treasurer = program_ids::Treasurer());
// PDA(["Participant", run, user]) under the treasurer.
absl::StatusOr<solana::ProgramAddress> TreasurerParticipantAddress(
    const solana::Pubkey& run, const solana::Pubkey& user,
    const solana::Pubkey& treasurer = program_ids::Treasurer());
// The Run's collateral vault: ATA(Run PDA, mint) under the classic token program.
solana::Pubkey TreasurerRunCollateralAddress(const solana::Pubkey& run,
                                             const solana::Pubkey& collateral_mint);

// The Run account (3.4).
struct TreasurerRun {
  uint8_t bump = 0;
  uint64_t index = 0;
  solana::Pubkey main_authority;
  solana::Pubkey join_authority;
  solana::Pubkey coordinator_account;
  solana::Pubkey coordinator_instance;
  solana::Pubkey collateral_mint;
  uint64_t total_claimed_collateral_amount = 0;
  uint64_t total_claimed_earned_points = 0;
};

// Owner must be the treasurer, discriminator c7369b56eb73f6bd, size >= 193.
absl::StatusOr<TreasurerRun> DecodeTreasurerRun(
    const solana::Pubkey& program_owner, solana::ByteView data,
    const solana::Pubkey& treasurer = program_ids::Treasurer());

struct RunCreateParams {
  uint64_t index = 0;
  std::string run_id;          // <= 32 bytes
  std::string client_version;  // <= 96 bytes
  solana::Pubkey main_authority;
  solana::Pubkey join_authority;
};

// run_create (3.6). The Run PDA, its collateral ATA and the CoordinatorInstance
// PDA are derived here. `coordinator_account` must be pre-created by the caller
// (System create_account of 119,160 bytes owned by the coordinator).
absl::StatusOr<solana::Instruction> TreasurerRunCreate(const solana::Pubkey& payer,
                                                       const RunCreateParams& params,
                                                       const solana::Pubkey& collateral_mint,
                                                       const solana::Pubkey& coordinator_account,
                                                       const TreasurerPrograms& programs = {});

// The eight optional fields of run_update (3.7), in wire order.
struct RunUpdateParams {
  std::optional<RunMetadata> metadata;
  std::optional<CoordinatorConfig> config;
  std::optional<Model> model;
  std::optional<CoordinatorProgress> progress;
  std::optional<uint64_t> epoch_earning_rate_total_shared;
  std::optional<uint64_t> epoch_slashing_rate_per_client;
  std::optional<bool> paused;
  std::optional<std::string> client_version;  // <= 96 bytes
};

absl::StatusOr<solana::Bytes> EncodeRunUpdateData(const RunUpdateParams& params);

// run_update (3.7): authority (s), run (r), coordinator_instance (r),
// coordinator_account (w), coordinator program (r).
absl::StatusOr<solana::Instruction> TreasurerRunUpdate(const solana::Pubkey& authority,
                                                       const solana::Pubkey& run,
                                                       const solana::Pubkey& coordinator_instance,
                                                       const solana::Pubkey& coordinator_account,
                                                       const RunUpdateParams& params,
                                                       const TreasurerPrograms& programs = {});

// The Participant account (3.5): 32 bytes, Borsh content 0-24.
struct TreasurerParticipant {
  uint8_t bump = 0;
  uint64_t claimed_collateral_amount = 0;
  uint64_t claimed_earned_points = 0;
};
inline constexpr size_t kTreasurerParticipantMinSize = 25;

// Owner must be the treasurer, discriminator 208e6c4ff7b33606, size >= 25.
absl::StatusOr<TreasurerParticipant> DecodeTreasurerParticipant(
    const solana::Pubkey& program_owner, solana::ByteView data,
    const solana::Pubkey& treasurer = program_ids::Treasurer());

// participant_create (3.8): payer (s,w), user (s), run (r), participant (w), System (r).
absl::StatusOr<solana::Instruction> TreasurerParticipantCreate(
    const solana::Pubkey& payer, const solana::Pubkey& user, const solana::Pubkey& run,
    const solana::Pubkey& treasurer = program_ids::Treasurer());
// participant_claim (3.8): user (s), user_collateral (w), run (w), run_collateral
// (w, the Run's ATA), coordinator_account (r), participant (w), token program (r).
absl::StatusOr<solana::Instruction> TreasurerParticipantClaim(
    const solana::Pubkey& user, const solana::Pubkey& user_collateral, const solana::Pubkey& run,
    const TreasurerRun& run_state, uint64_t claim_earned_points,
    const solana::Pubkey& treasurer = program_ids::Treasurer());

// The figures of 3.9, all in collateral base units.
struct TreasurerBalances {
  uint64_t funded = 0;                            // vault token balance
  uint64_t total_claimable = 0;                   // sum of `earned` over the coordinator's clients
  uint64_t total_claimed = 0;                     // Run.total_claimed_earned_points
  uint64_t unclaimed = 0;                         // claimable - claimed, saturating
  uint64_t missing = 0;                           // unclaimed - funded, saturating
  uint64_t surplus = 0;                           // funded - unclaimed, saturating
  uint64_t burn_per_epoch = 0;                    // coordinator earning_rate_total_shared
  std::optional<double> estimated_funded_epochs;  // nullopt = unbounded (burn 0)
};

TreasurerBalances ComputeTreasurerBalances(uint64_t vault_amount, uint64_t total_claimable,
                                           const TreasurerRun& run, uint64_t burn_per_epoch);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_TREASURER_H_
