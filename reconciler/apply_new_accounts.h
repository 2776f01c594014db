// The keypairs apply signs new accounts with (a run's coordinator account):
// saved in the state directory before first use, so an apply interrupted
// around the creating transaction names the same account when re-run, and
// forgotten once that transaction has landed (the run's instance then names
// the account; nothing signs with its key again).
#ifndef RECONCILER_APPLY_NEW_ACCOUNTS_H_
#define RECONCILER_APPLY_NEW_ACCOUNTS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/keypair.h"
#include "reconciler/apply_engine.h"
#include "reconciler/manifest.h"
#include "reconciler/planner.h"

namespace reconciler {

struct NewAccountKeys {
  std::map<solana::Pubkey, solana::Pubkey> replacements;  // placeholder -> real key
  std::map<solana::Pubkey, solana::Keypair> keypairs;     // by real key
  std::map<solana::Pubkey, std::string> labels;           // real key -> saved label
};

// Loads (or creates and saves) the key of every placeholder in `build`.
absl::StatusOr<NewAccountKeys> LoadNewAccountKeys(const PlanBuild& build,
                                                  const std::string& state_dir);

// Forgets the saved keys whose creating step applied (or had applied);
// returns warnings for keys that could not be removed.
std::vector<std::string> ForgetLandedNewAccountKeys(const std::string& state_dir,
                                                    const NewAccountKeys& keys,
                                                    absl::Span<const ApplyStep> steps,
                                                    const ApplySummary& summary);

// Forgets the saved coordinator keys of runs the plan shows as existing (their
// creation landed in an earlier apply, perhaps one interrupted before it
// could forget the key itself).
std::vector<std::string> ForgetNewAccountKeysOfExistingRuns(const std::string& state_dir,
                                                            const Plan& plan,
                                                            const DesiredState& state);

}  // namespace reconciler

#endif  // RECONCILER_APPLY_NEW_ACCOUNTS_H_
