// Reads the chain state of every desired resource with as few RPC calls as
// possible: one getMultipleAccounts pass over every address known from the
// manifests (instances, treasurer Runs, vaults, mints, authorization PDAs),
// a second pass over addresses only known after decoding (coordinator
// accounts named by instances), and one getProgramAccounts per grantor to see
// authorizations that exist on chain but not in the manifests. Every account
// is decoded with an owner check; a wrong owner is an error.
#ifndef RECONCILER_REFRESH_H_
#define RECONCILER_REFRESH_H_

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/treasurer.h"
#include "providers/solana/rpc_client.h"
#include "reconciler/desired_state.h"
#include "reconciler/plan.h"

namespace reconciler {

// What exists for one desired run (parallel to DesiredResources::runs).
struct ObservedRun {
  std::optional<psyche::CoordinatorInstance> instance;
  std::optional<psyche::CoordinatorState> coordinator;  // set when instance is
  std::optional<psyche::TreasurerRun> treasurer_run;
  std::optional<psyche::TokenAccount> vault;
};

// A run administered by a managed authority (the Cluster's
// managedAuthorities) that no Run manifest names.
struct UnmanagedRun {
  solana::Pubkey instance_address;
  psyche::CoordinatorInstance instance;
  psyche::CoordinatorState coordinator;
};

struct ObservedState {
  uint64_t slot = 0;  // lowest context slot of the reads
  std::vector<ObservedRun> runs;
  std::map<solana::Pubkey, psyche::Mint> mints;
  // By PDA: the desired ones that exist plus every one found per grantor.
  std::map<solana::Pubkey, psyche::Authorization> authorizations;
  // One getProgramAccounts per managed authority (instances it administers),
  // then their coordinator accounts; ordered by instance address.
  std::vector<UnmanagedRun> unmanaged_runs;
  // Every account read by address (present or absent), for saved plans.
  std::vector<Precondition> preconditions;
};

absl::StatusOr<ObservedState> Refresh(const DesiredResources& desired, solana::RpcClient& rpc,
                                      solana::Commitment commitment);

}  // namespace reconciler

#endif  // RECONCILER_REFRESH_H_
