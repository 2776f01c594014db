// Before a saved plan runs (`apply FILE`, `submit FILE`): it must be for the
// chain it talks to (genesis hash) and the chain must not have moved since
// (every precondition account re-read, 100 per getMultipleAccounts). And the
// keys it needs, loaded from their references and the state directory.
#ifndef RECONCILER_PLAN_FILE_CHECK_H_
#define RECONCILER_PLAN_FILE_CHECK_H_

#include <map>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "providers/solana/keypair.h"
#include "providers/solana/rpc_client.h"
#include "reconciler/executable_plan.h"

namespace reconciler {

// The accounts as they are now, in the order of `wanted`.
absl::StatusOr<std::vector<Precondition>> RereadPreconditions(solana::RpcClient& rpc,
                                                              absl::Span<const Precondition> wanted,
                                                              solana::Commitment commitment);

// FailedPrecondition when the node's genesis hash is not the plan's.
absl::Status CheckPlanCluster(solana::RpcClient& rpc, const ExecutablePlan& plan);

// CheckPlanCluster, then every precondition re-read and compared: the error
// names the account and what changed.
absl::Status CheckPlanStillFresh(solana::RpcClient& rpc, const ExecutablePlan& plan);

// The payer and signers with a file:/env: reference (`skip_missing`: keys
// without a reference are left out instead of an error), and the new
// accounts' keys from the plan's state directory.
absl::Status LoadPlanKeys(const ExecutablePlan& plan, bool skip_missing,
                          std::map<solana::Pubkey, solana::Keypair>* keys);

}  // namespace reconciler

#endif  // RECONCILER_PLAN_FILE_CHECK_H_
