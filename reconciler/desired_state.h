// The manifests turned into the resources they declare, with every chain
// address derived: CoordinatorInstance PDA, treasurer Run PDA and its
// collateral vault, one Authorization PDA per grantee. A run's coordinator
// account is stored in its instance; for a run that does not exist yet it is a
// fresh account that apply creates, so it is only known after apply.
#ifndef RECONCILER_DESIRED_STATE_H_
#define RECONCILER_DESIRED_STATE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/psyche/run_config.h"
#include "providers/solana/pubkey.h"
#include "reconciler/amount.h"
#include "reconciler/manifest.h"

namespace reconciler {

struct ProgramIds {
  solana::Pubkey coordinator;
  solana::Pubkey authorizer;
  solana::Pubkey treasurer;
};

struct DesiredTreasurer {
  uint64_t index = 0;
  solana::Pubkey run;  // PDA ["Run", index]
  solana::Pubkey collateral_mint;
  solana::Pubkey vault;  // ATA(run, mint)
};

struct DesiredRun {
  std::string address;  // "run.<metadata.name>"
  std::string name;     // metadata.name of the Run manifest
  std::string run_id;
  solana::Pubkey authority;       // the wallet that administers the run
  solana::Pubkey join_authority;  // the authority unless given
  solana::Pubkey instance;        // PDA ["coordinator", run_id]
  std::optional<DesiredTreasurer> treasurer;
  std::optional<psyche::RunConfig> run_config;  // loaded from config_path
  std::optional<psyche::RunMetadata> metadata;
  std::string client_version;
  std::optional<bool> paused;
  std::optional<Amount> earning_rate_total_shared;
  std::optional<Amount> slashing_rate_per_client;
  std::optional<Amount> treasury_balance;
  bool protect = false;
};

struct DesiredAuthorization {
  std::string address;  // "authorization.<name>[<grantee>]"
  std::string name;
  solana::Pubkey grantor;
  solana::Pubkey grantee;
  std::string scope;
  bool active = true;
  bool protect = false;
  solana::Pubkey pda;
};

struct DesiredResources {
  std::string cluster;  // the Cluster manifest's name
  std::string rpc_url;
  solana::Pubkey payer;
  ProgramIds programs;
  std::vector<DesiredRun> runs;
  std::vector<DesiredAuthorization> authorizations;
  // The Cluster's managedAuthorities: runs they administer and authorizations
  // they grant are looked up on chain even when no manifest names them.
  std::vector<solana::Pubkey> managed_authorities;
  solana::Pubkey prune_rent_recipient;  // the Cluster's pruneRentRecipient, else the payer

  // Distinct grantors in first-seen order (one getProgramAccounts each): the
  // Authorization manifests' grantors, then the managed authorities.
  std::vector<solana::Pubkey> Grantors() const;
};

// Resolves a key reference to its public key (reads key files by default).
using KeyResolver = std::function<absl::StatusOr<solana::Pubkey>(const KeyRef&)>;
// Reads and parses a run-config TOML file.
using RunConfigReader = std::function<absl::StatusOr<psyche::RunConfig>(const std::string&)>;

struct DesiredOptions {
  KeyResolver resolve_key = ResolvePubkey;
  RunConfigReader read_run_config = psyche::ReadRunConfigFile;
};

// Needs exactly one Cluster. Errors name the manifest (file and name).
absl::StatusOr<DesiredResources> BuildDesiredResources(const DesiredState& state,
                                                       const DesiredOptions& options = {});

}  // namespace reconciler

#endif  // RECONCILER_DESIRED_STATE_H_
