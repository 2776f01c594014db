// `plan --out FILE`: from a fresh PlanBuild and the manifests it came from to
// an ExecutablePlan: new coordinator accounts get their keys now (saved in the
// state directory, only the pubkey in the file), signers are recorded as key
// references, and the cluster's genesis hash pins the plan to its chain.
// Optionally each operation gets a durable nonce for offline signing.
#ifndef RECONCILER_PLAN_FILE_MAKE_H_
#define RECONCILER_PLAN_FILE_MAKE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/rpc_client.h"
#include "reconciler/executable_plan.h"
#include "reconciler/key_ref.h"
#include "reconciler/manifest.h"

namespace reconciler {

struct PlanFileOptions {
  std::string state_dir;                           // made absolute
  uint64_t compute_unit_price_micro_lamports = 0;  // as planned (PlannerOptions)
  // One per operation, or empty: no nonces.
  std::vector<solana::Pubkey> nonce_accounts;
  std::optional<KeyRef> nonce_authority;
};

// "file:/absolute/path", "env:VAR", or "" for a bare pubkey.
std::string KeyRefForPlanFile(const KeyRef& ref);

// `rpc` talks to the manifests' cluster. Errors: no Cluster manifest, the
// wrong number of nonce accounts, a nonce account that is not an initialized
// nonce account of the given authority.
absl::StatusOr<ExecutablePlan> MakeExecutablePlan(PlanBuild build, const DesiredState& manifests,
                                                  solana::RpcClient& rpc,
                                                  const PlanFileOptions& options);

}  // namespace reconciler

#endif  // RECONCILER_PLAN_FILE_MAKE_H_
