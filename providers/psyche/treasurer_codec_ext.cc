#include "providers/psyche/treasurer_codec_ext.h"

#include "providers/psyche/anchor.h"
#include "providers/psyche/borsh.h"
#include "providers/psyche/coordinator_borsh.h"

namespace psyche {

solana::Bytes EncodeTreasurerRun(const TreasurerRun& run) {
  BorshWriter w;
  w.Raw(AnchorAccountDiscriminator("Run"));
  w.U8(run.bump);
  w.U64(run.index);
  w.Pubkey(run.main_authority);
  w.Pubkey(run.join_authority);
  w.Pubkey(run.coordinator_account);
  w.Pubkey(run.coordinator_instance);
  w.Pubkey(run.collateral_mint);
  w.U64(run.total_claimed_collateral_amount);
  w.U64(run.total_claimed_earned_points);
  solana::Bytes out = std::move(w).Finish().value();  // fixed-size fields: cannot fail
  out.resize(kTreasurerRunSize, 0);
  return out;
}

absl::StatusOr<RunCreateParams> ReadRunCreateParams(solana::ByteView args) {
  BorshReader r(args);
  RunCreateParams p;
  ASSIGN_OR_RETURN(p.index, r.U64("index"));
  ASSIGN_OR_RETURN(p.run_id, r.String("run_id"));
  ASSIGN_OR_RETURN(p.client_version, r.String("client_version"));
  ASSIGN_OR_RETURN(p.main_authority, r.Pubkey("main_authority"));
  ASSIGN_OR_RETURN(p.join_authority, r.Pubkey("join_authority"));
  return p;
}

namespace {

template <typename T, typename ReadFn>
absl::Status ReadOption(BorshReader& r, absl::string_view what, std::optional<T>* out,
                        ReadFn read) {
  ASSIGN_OR_RETURN(bool present, r.OptionTag(what));
  if (!present) return absl::OkStatus();
  ASSIGN_OR_RETURN(T value, read());
  *out = std::move(value);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RunUpdateParams> ReadRunUpdateParams(solana::ByteView args) {
  BorshReader r(args);
  RunUpdateParams p;
  RETURN_IF_ERROR(ReadOption(r, "metadata", &p.metadata, [&] { return ReadRunMetadata(r); }));
  RETURN_IF_ERROR(ReadOption(r, "config", &p.config, [&] { return ReadCoordinatorConfig(r); }));
  RETURN_IF_ERROR(ReadOption(r, "model", &p.model, [&] { return ReadModel(r); }));
  RETURN_IF_ERROR(
      ReadOption(r, "progress", &p.progress, [&] { return ReadCoordinatorProgress(r); }));
  RETURN_IF_ERROR(ReadOption(r, "epoch_earning_rate_total_shared",
                             &p.epoch_earning_rate_total_shared, [&] { return r.U64("earning"); }));
  RETURN_IF_ERROR(ReadOption(r, "epoch_slashing_rate_per_client",
                             &p.epoch_slashing_rate_per_client, [&] { return r.U64("slashing"); }));
  RETURN_IF_ERROR(ReadOption(r, "paused", &p.paused, [&] { return r.Bool("paused"); }));
  RETURN_IF_ERROR(ReadOption(r, "client_version", &p.client_version,
                             [&] { return r.String("client_version"); }));
  return p;
}

}  // namespace psyche
