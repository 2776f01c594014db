// The Cluster manifest's policy, enforced on every plan (so apply, which
// plans first, refuses too): treasury top-up limits, allowed collateral
// mints, runs that may not be unpaused, allowed grantors.
#ifndef RECONCILER_POLICY_H_
#define RECONCILER_POLICY_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "reconciler/desired_state.h"
#include "reconciler/manifest.h"
#include "reconciler/plan.h"

namespace reconciler {

// Every violation, one per line, each starting with the rule's name
// ("policy.maxTopUp: treasury.my-run top-up 5000000 exceeds 1000000").
std::vector<std::string> PolicyViolations(const ClusterPolicy& policy,
                                          const DesiredResources& desired, const Plan& plan);

// FailedPrecondition listing the violations; OK when there are none.
absl::Status CheckPolicy(const ClusterPolicy& policy, const DesiredResources& desired,
                         const Plan& plan);

}  // namespace reconciler

#endif  // RECONCILER_POLICY_H_
