// Keypairs for accounts that apply creates (a run's coordinator account).
// The key is written to the state directory before anything is signed with
// it, so an apply interrupted after the account's creation, or a plan file
// signed elsewhere, names the same account on every later run.
#ifndef RECONCILER_NEW_ACCOUNT_KEYS_H_
#define RECONCILER_NEW_ACCOUNT_KEYS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/keypair.h"

namespace reconciler {

// <state_dir>/new-accounts/<label>.json; label is e.g. "coordinator-<run id>".
std::string NewAccountKeyPath(const std::string& state_dir, absl::string_view label);

// Reads the key saved under `label`, or generates one and saves it (0600)
// first. Labels with path separators or leading dots are refused.
absl::StatusOr<solana::Keypair> LoadOrCreateNewAccountKey(const std::string& state_dir,
                                                          absl::string_view label);

// Removes the saved key once its account exists and no longer needs it.
absl::Status ForgetNewAccountKey(const std::string& state_dir, absl::string_view label);

}  // namespace reconciler

#endif  // RECONCILER_NEW_ACCOUNT_KEYS_H_
