// Staleness of a saved plan: apply re-reads every account the plan read and
// re-hashes the manifests, and refuses the plan if anything moved.
#ifndef RECONCILER_PLAN_FRESHNESS_H_
#define RECONCILER_PLAN_FRESHNESS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "providers/solana/coding.h"
#include "reconciler/plan.h"

namespace reconciler {

// SHA-256 over the manifest files sorted by path; each file contributes its
// path and content, each prefixed with its u64 little-endian length, so no
// two different sets hash alike by shifting bytes between names and bodies.
solana::Hash HashManifestFiles(std::vector<std::pair<std::string, std::string>> files);

// A precondition recording an account as read at slot.
Precondition AccountRead(const solana::Pubkey& address, uint64_t slot, uint64_t lamports,
                         const solana::Pubkey& owner, solana::ByteView data);
// A precondition recording that address had no account at slot.
Precondition AccountAbsent(const solana::Pubkey& address, uint64_t slot);

// FailedPrecondition naming the first difference: manifests hash, an account
// missing from current, or an account whose existence, lamports, owner or
// data hash changed, or read at a slot older than the plan's. OK otherwise.
absl::Status CheckPlanFresh(const Plan& plan, const solana::Hash& manifests_hash,
                            absl::Span<const Precondition> current);

}  // namespace reconciler

#endif  // RECONCILER_PLAN_FRESHNESS_H_
