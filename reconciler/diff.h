// Desired resources vs observed chain state, per resource and per field.
// Fields the run changes by itself (progress, run state, clients, nonce) are
// carried as ignored and never count as drift. The treasury shows target,
// observed and the exact top-up. Authorizations found on chain for a managed
// grantor but absent from the manifests are shown read-only (not managed).
#ifndef RECONCILER_DIFF_H_
#define RECONCILER_DIFF_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "reconciler/desired_state.h"
#include "reconciler/field_diff.h"
#include "reconciler/plan.h"
#include "reconciler/refresh.h"

namespace reconciler {

// Manifest amounts of one run in base units (decimal amounts use the
// collateral mint's decimals, which must then have been observed).
struct RunAmounts {
  std::optional<uint64_t> earning_rate_total_shared;
  std::optional<uint64_t> slashing_rate_per_client;
  std::optional<uint64_t> treasury_balance;
  std::optional<uint8_t> decimals;  // of the collateral mint, when observed
};
absl::StatusOr<RunAmounts> ResolveRunAmounts(const DesiredRun& run, const ObservedState& observed);

// The field maps compared for a run (exposed for tests).
FieldMap DesiredRunFields(const DesiredRun& run, const RunAmounts& amounts);
FieldMap ObservedRunFields(const DesiredRun& run, const ObservedRun& observed);
// Self-changing fields: "progress.*", "run_state", "clients", "nonce".
const DiffOptions& RunDiffOptions();

struct DiffResult {
  std::vector<ResourceChange> changes;  // runs, treasuries, authorizations, then unmanaged
  std::vector<std::string> warnings;
};

// Addresses of on-chain resources no manifest names (shown read-only).
std::string UnmanagedRunAddress(const std::string& run_id);
// On-chain authorizations no manifest names: (PDA, address), by PDA.
std::vector<std::pair<solana::Pubkey, std::string>> UnmanagedAuthorizations(
    const DesiredResources& desired, const ObservedState& observed);

absl::StatusOr<DiffResult> Diff(const DesiredResources& desired, const ObservedState& observed);

}  // namespace reconciler

#endif  // RECONCILER_DIFF_H_
