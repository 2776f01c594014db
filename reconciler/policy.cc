#include "reconciler/policy.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace reconciler {
namespace {

bool Contains(const std::vector<solana::Pubkey>& keys, const solana::Pubkey& k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

void CheckTopUps(const ClusterPolicy& policy, const Plan& plan, std::vector<std::string>* out) {
  std::set<std::string> planned;  // top-ups only count when a transfer is planned
  for (const Operation& op : plan.operations) planned.insert(op.id);
  uint64_t total = 0;
  for (const ResourceChange& c : plan.changes) {
    if (!c.top_up || c.top_up->amount() == 0 || !planned.count(c.address + ":top-up")) continue;
    const uint64_t amount = c.top_up->amount();
    total = amount > UINT64_MAX - total ? UINT64_MAX : total + amount;
    if (policy.max_top_up && amount > *policy.max_top_up) {
      out->push_back(absl::StrCat("policy.maxTopUp: ", c.address, " top-up ", amount, " exceeds ",
                                  *policy.max_top_up));
    }
  }
  if (policy.max_top_up_total && total > *policy.max_top_up_total) {
    out->push_back(absl::StrCat("policy.maxTopUpTotal: the top-ups of this apply add up to ", total,
                                ", which exceeds ", *policy.max_top_up_total));
  }
}

void CheckUnpause(const ClusterPolicy& policy, const DesiredResources& d, const Plan& plan,
                  std::vector<std::string>* out) {
  if (policy.no_unpause.empty()) return;
  const std::set<std::string> listed(policy.no_unpause.begin(), policy.no_unpause.end());
  for (const Operation& op : plan.operations) {
    if (!absl::EndsWith(op.id, ":resume")) continue;
    for (const DesiredRun& run : d.runs) {
      if (run.address != op.address) continue;
      if (listed.count(run.run_id) || listed.count(run.name)) {
        out->push_back(absl::StrCat("policy.noUnpause: ", run.address, " (run id ", run.run_id,
                                    ") would be unpaused (set_paused(false))"));
      }
    }
  }
}

}  // namespace

std::vector<std::string> PolicyViolations(const ClusterPolicy& policy,
                                          const DesiredResources& desired, const Plan& plan) {
  std::vector<std::string> out;
  CheckTopUps(policy, plan, &out);
  if (policy.allowed_collateral_mints) {
    for (const DesiredRun& run : desired.runs) {
      if (run.treasurer && !Contains(*policy.allowed_collateral_mints, run.treasurer->collateral_mint)) {
        out.push_back(absl::StrCat("policy.allowedCollateralMints: ", run.address,
                                   " uses collateral mint ", run.treasurer->collateral_mint.ToBase58(),
                                   ", which is not allowed"));
      }
    }
  }
  CheckUnpause(policy, desired, plan, &out);
  if (policy.allowed_grantors) {
    std::set<std::string> reported;  // one line per Authorization manifest
    for (const DesiredAuthorization& a : desired.authorizations) {
      if (Contains(*policy.allowed_grantors, a.grantor) || !reported.insert(a.name).second) {
        continue;
      }
      out.push_back(absl::StrCat("policy.allowedGrantors: authorization.", a.name, " grantor ",
                                 a.grantor.ToBase58(), " is not an allowed grantor"));
    }
  }
  return out;
}

absl::Status CheckPolicy(const ClusterPolicy& policy, const DesiredResources& desired,
                         const Plan& plan) {
  std::vector<std::string> v = PolicyViolations(policy, desired, plan);
  if (v.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "the plan violates the Cluster policy; nothing was sent:\n  ", absl::StrJoin(v, "\n  ")));
}

}  // namespace reconciler
