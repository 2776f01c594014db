#include "reconciler/desired_state.h"

#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/psyche/treasurer.h"
#include "providers/solana/coding.h"

namespace reconciler {
namespace {

absl::Status InManifest(const ManifestOrigin& origin, const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat(origin.file, ": ", origin.name, ": ", s.message()));
}

absl::StatusOr<DesiredRun> BuildRun(const RunSpec& spec, const ProgramIds& programs,
                                    const DesiredOptions& options) {
  DesiredRun run;
  run.name = spec.origin.name;
  run.address = absl::StrCat("run.", spec.origin.name);
  run.run_id = spec.run_id;
  ASSIGN_OR_RETURN(run.authority, options.resolve_key(spec.authority));
  if (spec.join_authority) {
    ASSIGN_OR_RETURN(run.join_authority, options.resolve_key(*spec.join_authority));
  } else {
    run.join_authority = run.authority;
  }
  ASSIGN_OR_RETURN(solana::ProgramAddress instance,
                   psyche::CoordinatorInstanceAddress(spec.run_id, programs.coordinator));
  run.instance = instance.address;
  if (spec.treasurer) {
    DesiredTreasurer t;
    t.index = spec.treasurer->index.value_or(psyche::DefaultTreasurerIndex(spec.run_id));
    ASSIGN_OR_RETURN(solana::ProgramAddress pda,
                     psyche::TreasurerRunAddress(t.index, programs.treasurer));
    t.run = pda.address;
    t.collateral_mint = spec.treasurer->collateral_mint;
    t.vault = psyche::TreasurerRunCollateralAddress(t.run, t.collateral_mint);
    run.treasurer = t;
  }
  if (spec.config_path) {
    ASSIGN_OR_RETURN(run.run_config, options.read_run_config(*spec.config_path));
  }
  if (spec.metadata) {
    run.metadata = psyche::RunMetadata{spec.metadata->name, spec.metadata->description,
                                       spec.metadata->num_parameters, spec.metadata->vocab_size};
  }
  run.client_version = spec.client_version;
  run.paused = spec.paused;
  if (spec.epoch_rates) {
    run.earning_rate_total_shared = spec.epoch_rates->earning_rate_total_shared;
    run.slashing_rate_per_client = spec.epoch_rates->slashing_rate_per_client;
  }
  run.treasury_balance = spec.treasury_balance;
  run.protect = spec.protect;
  return run;
}

}  // namespace

std::vector<solana::Pubkey> DesiredResources::Grantors() const {
  std::vector<solana::Pubkey> out;
  std::set<solana::Pubkey> seen;
  for (const DesiredAuthorization& a : authorizations) {
    if (seen.insert(a.grantor).second) out.push_back(a.grantor);
  }
  for (const solana::Pubkey& k : managed_authorities) {
    if (seen.insert(k).second) out.push_back(k);
  }
  return out;
}

absl::StatusOr<DesiredResources> BuildDesiredResources(const DesiredState& state,
                                                       const DesiredOptions& options) {
  if (state.clusters.size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("exactly one Cluster manifest is needed, found ", state.clusters.size()));
  }
  const ClusterSpec& cluster = state.clusters[0];
  DesiredResources out;
  out.cluster = cluster.origin.name;
  out.rpc_url = cluster.rpc_url;
  out.programs.coordinator =
      cluster.coordinator_program.value_or(psyche::program_ids::Coordinator());
  out.programs.authorizer = cluster.authorizer_program.value_or(psyche::program_ids::Authorizer());
  out.programs.treasurer = cluster.treasurer_program.value_or(psyche::program_ids::Treasurer());
  auto payer = options.resolve_key(cluster.payer);
  if (!payer.ok()) return InManifest(cluster.origin, payer.status());
  out.payer = *payer;
  out.prune_rent_recipient = out.payer;
  if (cluster.prune_rent_recipient) {
    auto r = options.resolve_key(*cluster.prune_rent_recipient);
    if (!r.ok()) return InManifest(cluster.origin, r.status());
    out.prune_rent_recipient = *r;
  }
  for (const KeyRef& ref : cluster.managed_authorities) {
    auto k = options.resolve_key(ref);
    if (!k.ok()) return InManifest(cluster.origin, k.status());
    out.managed_authorities.push_back(*k);
  }

  for (const RunSpec& spec : state.runs) {
    auto run = BuildRun(spec, out.programs, options);
    if (!run.ok()) return InManifest(spec.origin, run.status());
    out.runs.push_back(std::move(*run));
  }
  for (const AuthorizationSpec& spec : state.authorizations) {
    auto grantor = options.resolve_key(spec.grantor);
    if (!grantor.ok()) return InManifest(spec.origin, grantor.status());
    solana::ByteView scope(reinterpret_cast<const uint8_t*>(spec.scope.data()), spec.scope.size());
    for (const solana::Pubkey& grantee : spec.grantees) {
      DesiredAuthorization a;
      a.name = spec.origin.name;
      a.address = absl::StrCat("authorization.", spec.origin.name, "[", grantee.ToBase58(), "]");
      a.grantor = *grantor;
      a.grantee = grantee;
      a.scope = spec.scope;
      a.active = spec.active;
      a.protect = spec.protect;
      auto pda = psyche::AuthorizationAddress(a.grantor, grantee, scope, out.programs.authorizer);
      if (!pda.ok()) return InManifest(spec.origin, pda.status());
      a.pda = pda->address;
      out.authorizations.push_back(std::move(a));
    }
  }
  return out;
}

}  // namespace reconciler
