// Generic diff of two ordered field maps (observed on chain vs desired in the
// manifests) into FieldChanges, and the rule that turns them into an Action.
#ifndef RECONCILER_FIELD_DIFF_H_
#define RECONCILER_FIELD_DIFF_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "reconciler/action.h"
#include "reconciler/plan.h"

namespace reconciler {

// Ordered (path, value) pairs; the order is the order fields are shown in.
using FieldMap = std::vector<std::pair<std::string, Value>>;

// Path patterns: an exact dotted path, or a prefix ending in ".*" that matches
// every path below it ("clients.*" matches "clients.3.state", not "clients").
struct DiffOptions {
  std::vector<std::string> ignore;           // changes by itself; never drift
  std::vector<std::string> sensitive;        // value is never carried or shown
  std::vector<std::string> replace_on;       // cannot change in place
};

bool PathMatches(absl::string_view pattern, absl::string_view path);

// Every field whose value differs (a field missing on one side counts as
// null). Order: desired's order, then fields only observed in observed's
// order. Differing ignored fields are kept with ignored=true so a reader can
// see them; they never decide the action. Sensitive fields keep no values.
std::vector<FieldChange> DiffFields(const FieldMap& observed, const FieldMap& desired,
                                    const DiffOptions& options);

// How a resource's presence on each side plus its field changes decide its
// action: not managed -> read; absent both sides -> no-op; only desired ->
// create; only observed -> delete; a counted change with requires_replace ->
// replace; any counted change -> update; else no-op.
struct ResourcePresence {
  bool observed = false;
  bool desired = false;
  bool managed = true;
};
Action DecideAction(const ResourcePresence& presence, const std::vector<FieldChange>& fields);

// The changes that count (not ignored).
int CountedChanges(const std::vector<FieldChange>& fields);

}  // namespace reconciler

#endif  // RECONCILER_FIELD_DIFF_H_
