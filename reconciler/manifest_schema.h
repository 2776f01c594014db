// Checks a loaded manifest document against the JSON Schema of its kind
// (schemas/*.schema.json, compiled in) and turns a failure into a diagnostic
// "file:line:col: spec.field: reason".
#ifndef RECONCILER_MANIFEST_SCHEMA_H_
#define RECONCILER_MANIFEST_SCHEMA_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "reconciler/diagnostic.h"
#include "reconciler/manifest_yaml.h"

namespace reconciler {

inline constexpr absl::string_view kApiVersion = "psyche-reconcile/v1";

enum class Kind { kCluster, kRun, kAuthorization };

const char* KindName(Kind kind);
std::optional<Kind> KindFromName(absl::string_view name);

// The schema text of a kind, as compiled in.
const char* SchemaText(Kind kind);

struct SchemaCheck {
  std::optional<Kind> kind;          // set when apiVersion and kind are known
  std::vector<Diagnostic> diagnostics;  // empty when the document is valid
};

// Checks apiVersion and kind, then the kind's schema. RapidJSON stops at the
// first violation, so at most one schema diagnostic comes back per document.
SchemaCheck CheckManifestSchema(const YamlDocument& doc);

}  // namespace reconciler

#endif  // RECONCILER_MANIFEST_SCHEMA_H_
