// What a plan does to one resource. Each value's display symbol is the
// character a reviewer sees in front of the resource address.
#ifndef RECONCILER_ACTION_H_
#define RECONCILER_ACTION_H_

#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"

namespace reconciler {

enum class Action : uint8_t {
  kNoOp,     // " "  on chain and in the manifests, nothing differs
  kCreate,   // "+"  in the manifests, absent on chain
  kUpdate,   // "~"  differs in place
  kDelete,   // "-"  on chain, no longer in the manifests
  kReplace,  // "±"  a field that cannot change in place differs: delete, then create
  kRead,     // "<=" read for the plan but not managed (e.g. an account the run only uses)
};

// The display symbol above. Replace is the UTF-8 "±" (two bytes).
absl::string_view ActionSymbol(Action action);
// Stable lowercase name used in JSON and planfiles: "no-op", "create", "update",
// "delete", "replace", "read".
absl::string_view ActionName(Action action);
// Inverse of ActionName; nullopt for anything else (fail closed on load).
std::optional<Action> ActionFromName(absl::string_view name);

// Whether the action changes the chain (everything except no-op and read).
bool ActionChangesChain(Action action);

}  // namespace reconciler

#endif  // RECONCILER_ACTION_H_
