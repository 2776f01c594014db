#include "reconciler/field_diff.h"

#include <set>

#include "absl/strings/match.h"

namespace reconciler {
namespace {

bool AnyMatches(const std::vector<std::string>& patterns, absl::string_view path) {
  for (const std::string& p : patterns) {
    if (PathMatches(p, path)) return true;
  }
  return false;
}

const Value* Find(const FieldMap& map, const std::string& path) {
  for (const auto& [p, v] : map) {
    if (p == path) return &v;
  }
  return nullptr;
}

}  // namespace

bool PathMatches(absl::string_view pattern, absl::string_view path) {
  if (absl::EndsWith(pattern, ".*")) {
    absl::string_view prefix = pattern.substr(0, pattern.size() - 1);  // keeps the dot
    return path.size() > prefix.size() && absl::StartsWith(path, prefix);
  }
  return pattern == path;
}

std::vector<FieldChange> DiffFields(const FieldMap& observed, const FieldMap& desired,
                                    const DiffOptions& options) {
  std::vector<std::string> order;
  std::set<std::string> seen;
  for (const auto& [p, v] : desired) {
    if (seen.insert(p).second) order.push_back(p);
  }
  for (const auto& [p, v] : observed) {
    if (seen.insert(p).second) order.push_back(p);
  }
  std::vector<FieldChange> out;
  for (const std::string& path : order) {
    const Value* before = Find(observed, path);
    const Value* after = Find(desired, path);
    Value b = before ? *before : Value::Null();
    Value a = after ? *after : Value::Null();
    if (a == b) continue;
    FieldChange f;
    f.path = path;
    f.ignored = AnyMatches(options.ignore, path);
    f.sensitive = AnyMatches(options.sensitive, path);
    f.requires_replace = AnyMatches(options.replace_on, path);
    if (!f.sensitive) {
      f.before = std::move(b);
      f.after = std::move(a);
    }
    out.push_back(std::move(f));
  }
  return out;
}

int CountedChanges(const std::vector<FieldChange>& fields) {
  int n = 0;
  for (const FieldChange& f : fields) n += f.ignored ? 0 : 1;
  return n;
}

Action DecideAction(const ResourcePresence& presence, const std::vector<FieldChange>& fields) {
  if (!presence.managed) return Action::kRead;
  if (!presence.observed && !presence.desired) return Action::kNoOp;
  if (!presence.observed) return Action::kCreate;
  if (!presence.desired) return Action::kDelete;
  bool any = false;
  for (const FieldChange& f : fields) {
    if (f.ignored) continue;
    if (f.requires_replace) return Action::kReplace;
    any = true;
  }
  return any ? Action::kUpdate : Action::kNoOp;
}

}  // namespace reconciler
