// Pruning: what happens to resources found on chain that no manifest names
// (authorizations granted by a managed grantor, runs administered by a
// managed authority). By default they are only reported ("not managed");
// `--prune` deactivates the authorizations and closes halted runs,
// `--prune=close` also closes the authorizations (rent returned). Guards:
// protected accounts and an empty manifest set are refused, and so is a plan
// that deletes more than --max-destroy resources.
#ifndef RECONCILER_PRUNE_H_
#define RECONCILER_PRUNE_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/pubkey.h"
#include "reconciler/desired_state.h"
#include "reconciler/plan.h"
#include "reconciler/refresh.h"

namespace reconciler {

enum class PruneMode : uint8_t {
  kOff,         // report only
  kDeactivate,  // --prune: authorizations deactivated, halted runs closed
  kClose,       // --prune=close: authorizations also closed
};

// "" and "off" -> kOff, "deactivate" -> kDeactivate, "close" -> kClose.
absl::StatusOr<PruneMode> ParsePruneMode(absl::string_view text);

// authorization_close with delegates needs this long since the last grantor
// update (authorizer-treasurer-token.md 2.4.4).
inline constexpr int64_t kAuthorizationCloseDelaySeconds = 2'592'000;

struct PruneOptions {
  PruneMode mode = PruneMode::kOff;
  std::optional<uint64_t> max_destroy;  // refuse a plan deleting more resources
  // Accounts (instance or authorization addresses) that must never be
  // deleted: e.g. read from a ProtectionRecord.
  std::set<solana::Pubkey> protected_accounts;
  int64_t now_unix = 0;  // 0: the wall clock
};

struct PruneTarget {
  enum class Kind : uint8_t { kDeactivateAuthorization, kCloseAuthorization, kFreeRun };
  Kind kind = Kind::kDeactivateAuthorization;
  std::string address;                 // the ResourceChange it acts on
  solana::Pubkey account;              // authorization PDA or coordinator instance
  solana::Pubkey signer;               // grantor or main authority
  solana::Pubkey coordinator_account;  // kFreeRun
  bool deactivate_first = false;       // kCloseAuthorization of an active one
};

// Turns the unmanaged (read) changes into deletes as the mode allows, adding
// notes and warnings; the guards refuse with FailedPrecondition naming what
// was refused.
absl::StatusOr<std::vector<PruneTarget>> PlanPrune(const PruneOptions& options,
                                                   const DesiredResources& desired,
                                                   const ObservedState& observed,
                                                   std::vector<ResourceChange>* changes,
                                                   std::vector<std::string>* warnings);

}  // namespace reconciler

#endif  // RECONCILER_PRUNE_H_
