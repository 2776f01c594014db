#include "providers/psyche/treasurer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "providers/psyche/anchor.h"
#include "providers/psyche/borsh.h"
#include "providers/psyche/coordinator_borsh.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/solana/program_ids.h"

namespace psyche {
namespace {

using solana::Bytes;
using solana::ByteView;
using solana::Instruction;
using solana::Pubkey;

ByteView AsBytes(absl::string_view s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

void PutDiscriminator(BorshWriter& w, absl::string_view instruction) {
  const AnchorDiscriminator disc = AnchorInstructionDiscriminator(instruction);
  w.Raw(ByteView(disc.data(), disc.size()));
}

absl::Status CheckLength(absl::string_view value, size_t max, absl::string_view what) {
  if (value.size() > max) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " is ", value.size(), " bytes; at most ", max, " allowed"));
  }
  return absl::OkStatus();
}

absl::Status CheckAccountDiscriminator(BorshReader& r, absl::string_view account,
                                       absl::string_view what) {
  ASSIGN_OR_RETURN(auto disc, r.Array<8>(absl::StrCat(what, " discriminator")));
  if (disc != AnchorAccountDiscriminator(account)) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": wrong account discriminator"));
  }
  return absl::OkStatus();
}

uint64_t SaturatingSub(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }

}  // namespace

uint64_t DefaultTreasurerIndex(absl::string_view run_id) {
  const solana::Hash h = solana::Sha256({AsBytes(run_id)});
  return solana::DecodeFixedLE<uint64_t>(h.bytes().data());
}

absl::StatusOr<solana::ProgramAddress> TreasurerRunAddress(uint64_t index,
                                                           const Pubkey& treasurer) {
  Bytes seed;
  solana::PutU64(&seed, index);
  return solana::FindProgramAddress({AsBytes("Run"), seed}, treasurer);
}

absl::StatusOr<solana::ProgramAddress> TreasurerParticipantAddress(const Pubkey& run,
                                                                   const Pubkey& user,
                                                                   const Pubkey& treasurer) {
  return solana::FindProgramAddress({AsBytes("Participant"), run.view(), user.view()}, treasurer);
}

Pubkey TreasurerRunCollateralAddress(const Pubkey& run, const Pubkey& collateral_mint) {
  return solana::AssociatedTokenAddress(run, collateral_mint);
}

absl::StatusOr<TreasurerRun> DecodeTreasurerRun(const Pubkey& program_owner, ByteView data,
                                                const Pubkey& treasurer) {
  if (program_owner != treasurer) {
    return absl::InvalidArgumentError(absl::StrCat("treasurer run: owned by ",
                                                   program_owner.ToBase58(), ", not the Treasurer ",
                                                   treasurer.ToBase58()));
  }
  if (data.size() < kTreasurerRunMinSize) {
    return absl::InvalidArgumentError(absl::StrCat(
        "treasurer run: ", data.size(), " bytes, expected at least ", kTreasurerRunMinSize));
  }
  BorshReader r(data);
  RETURN_IF_ERROR(CheckAccountDiscriminator(r, "Run", "treasurer run"));
  TreasurerRun run;
  ASSIGN_OR_RETURN(run.bump, r.U8("run.bump"));
  ASSIGN_OR_RETURN(run.index, r.U64("run.index"));
  ASSIGN_OR_RETURN(run.main_authority, r.Pubkey("run.main_authority"));
  ASSIGN_OR_RETURN(run.join_authority, r.Pubkey("run.join_authority"));
  ASSIGN_OR_RETURN(run.coordinator_account, r.Pubkey("run.coordinator_account"));
  ASSIGN_OR_RETURN(run.coordinator_instance, r.Pubkey("run.coordinator_instance"));
  ASSIGN_OR_RETURN(run.collateral_mint, r.Pubkey("run.collateral_mint"));
  ASSIGN_OR_RETURN(run.total_claimed_collateral_amount,
                   r.U64("run.total_claimed_collateral_amount"));
  ASSIGN_OR_RETURN(run.total_claimed_earned_points, r.U64("run.total_claimed_earned_points"));
  return run;
}

absl::StatusOr<Instruction> TreasurerRunCreate(const Pubkey& payer, const RunCreateParams& params,
                                               const Pubkey& collateral_mint,
                                               const Pubkey& coordinator_account,
                                               const TreasurerPrograms& programs) {
  RETURN_IF_ERROR(CheckLength(params.run_id, kRunIdCapacity, "run_id"));
  RETURN_IF_ERROR(CheckLength(params.client_version, kClientVersionCapacity, "client_version"));
  ASSIGN_OR_RETURN(solana::ProgramAddress run,
                   TreasurerRunAddress(params.index, programs.treasurer));
  ASSIGN_OR_RETURN(solana::ProgramAddress instance,
                   CoordinatorInstanceAddress(params.run_id, programs.coordinator));

  BorshWriter w;
  PutDiscriminator(w, "run_create");
  w.U64(params.index);
  w.String(params.run_id, "run_id");
  w.String(params.client_version, "client_version");
  w.Pubkey(params.main_authority);
  w.Pubkey(params.join_authority);
  ASSIGN_OR_RETURN(Bytes data, std::move(w).Finish());

  return Instruction{programs.treasurer,
                     {solana::WritableSigner(payer), solana::Writable(run.address),
                      solana::Writable(TreasurerRunCollateralAddress(run.address, collateral_mint)),
                      solana::Readonly(collateral_mint), solana::Writable(instance.address),
                      solana::Writable(coordinator_account), solana::Readonly(programs.coordinator),
                      solana::Readonly(solana::program_ids::AssociatedToken()),
                      solana::Readonly(solana::program_ids::Token()),
                      solana::Readonly(solana::program_ids::System())},
                     std::move(data)};
}

absl::StatusOr<Bytes> EncodeRunUpdateData(const RunUpdateParams& p) {
  if (p.client_version) {
    RETURN_IF_ERROR(CheckLength(*p.client_version, kClientVersionCapacity, "client_version"));
  }
  BorshWriter w;
  PutDiscriminator(w, "run_update");
  w.OptionTag(p.metadata.has_value());
  if (p.metadata) WriteRunMetadata(w, *p.metadata);
  w.OptionTag(p.config.has_value());
  if (p.config) WriteCoordinatorConfig(w, *p.config);
  w.OptionTag(p.model.has_value());
  if (p.model) WriteModel(w, *p.model);
  w.OptionTag(p.progress.has_value());
  if (p.progress) WriteCoordinatorProgress(w, *p.progress);
  w.OptionTag(p.epoch_earning_rate_total_shared.has_value());
  if (p.epoch_earning_rate_total_shared) w.U64(*p.epoch_earning_rate_total_shared);
  w.OptionTag(p.epoch_slashing_rate_per_client.has_value());
  if (p.epoch_slashing_rate_per_client) w.U64(*p.epoch_slashing_rate_per_client);
  w.OptionTag(p.paused.has_value());
  if (p.paused) w.Bool(*p.paused);
  w.OptionTag(p.client_version.has_value());
  if (p.client_version) w.String(*p.client_version, "client_version");
  return std::move(w).Finish();
}

absl::StatusOr<Instruction> TreasurerRunUpdate(const Pubkey& authority, const Pubkey& run,
                                               const Pubkey& coordinator_instance,
                                               const Pubkey& coordinator_account,
                                               const RunUpdateParams& params,
                                               const TreasurerPrograms& programs) {
  ASSIGN_OR_RETURN(Bytes data, EncodeRunUpdateData(params));
  return Instruction{programs.treasurer,
                     {solana::ReadonlySigner(authority), solana::Readonly(run),
                      solana::Readonly(coordinator_instance), solana::Writable(coordinator_account),
                      solana::Readonly(programs.coordinator)},
                     std::move(data)};
}

absl::StatusOr<TreasurerParticipant> DecodeTreasurerParticipant(const Pubkey& program_owner,
                                                                ByteView data,
                                                                const Pubkey& treasurer) {
  if (program_owner != treasurer) {
    return absl::InvalidArgumentError(absl::StrCat("treasurer participant: owned by ",
                                                   program_owner.ToBase58(), ", not the Treasurer ",
                                                   treasurer.ToBase58()));
  }
  BorshReader r(data);
  RETURN_IF_ERROR(CheckAccountDiscriminator(r, "Participant", "treasurer participant"));
  TreasurerParticipant p;
  ASSIGN_OR_RETURN(p.bump, r.U8("participant.bump"));
  ASSIGN_OR_RETURN(p.claimed_collateral_amount, r.U64("participant.claimed_collateral_amount"));
  ASSIGN_OR_RETURN(p.claimed_earned_points, r.U64("participant.claimed_earned_points"));
  return p;
}

absl::StatusOr<Instruction> TreasurerParticipantCreate(const Pubkey& payer, const Pubkey& user,
                                                       const Pubkey& run, const Pubkey& treasurer) {
  ASSIGN_OR_RETURN(solana::ProgramAddress participant,
                   TreasurerParticipantAddress(run, user, treasurer));
  BorshWriter w;
  PutDiscriminator(w, "participant_create");
  ASSIGN_OR_RETURN(Bytes data, std::move(w).Finish());
  return Instruction{
      treasurer,
      {solana::WritableSigner(payer), solana::ReadonlySigner(user), solana::Readonly(run),
       solana::Writable(participant.address), solana::Readonly(solana::program_ids::System())},
      std::move(data)};
}

absl::StatusOr<Instruction> TreasurerParticipantClaim(
    const Pubkey& user, const Pubkey& user_collateral, const Pubkey& run,
    const TreasurerRun& run_state, uint64_t claim_earned_points, const Pubkey& treasurer) {
  ASSIGN_OR_RETURN(solana::ProgramAddress participant,
                   TreasurerParticipantAddress(run, user, treasurer));
  BorshWriter w;
  PutDiscriminator(w, "participant_claim");
  w.U64(claim_earned_points);
  ASSIGN_OR_RETURN(Bytes data, std::move(w).Finish());
  return Instruction{
      treasurer,
      {solana::ReadonlySigner(user), solana::Writable(user_collateral), solana::Writable(run),
       solana::Writable(TreasurerRunCollateralAddress(run, run_state.collateral_mint)),
       solana::Readonly(run_state.coordinator_account), solana::Writable(participant.address),
       solana::Readonly(solana::program_ids::Token())},
      std::move(data)};
}

TreasurerBalances ComputeTreasurerBalances(uint64_t vault_amount, uint64_t total_claimable,
                                           const TreasurerRun& run, uint64_t burn_per_epoch) {
  TreasurerBalances b;
  b.funded = vault_amount;
  b.total_claimable = total_claimable;
  b.total_claimed = run.total_claimed_earned_points;
  b.unclaimed = SaturatingSub(total_claimable, b.total_claimed);
  b.missing = SaturatingSub(b.unclaimed, b.funded);
  b.surplus = SaturatingSub(b.funded, b.unclaimed);
  b.burn_per_epoch = burn_per_epoch;
  if (burn_per_epoch != 0) {
    b.estimated_funded_epochs =
        static_cast<double>(b.surplus) / static_cast<double>(burn_per_epoch);
  }
  return b;
}

}  // namespace psyche
