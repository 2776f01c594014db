// The manifests `import` writes for a live run: run.yaml, authorization.yaml
// (when the grantor has authorizations), config.toml (when the on-chain
// config passes the program's checks) and cluster.yaml (a copy of the
// Cluster manifest whose key file paths are rewritten for the new
// directory). They are built so a plan of them finds no changes. Keys the
// chain cannot reveal (authority, grantor) are written as bare public keys
// with a comment saying which key file to put there.
#ifndef RECONCILER_IMPORT_MANIFESTS_H_
#define RECONCILER_IMPORT_MANIFESTS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "reconciler/live_run.h"
#include "reconciler/manifest.h"

namespace reconciler {

struct ImportedFiles {
  std::vector<std::pair<std::string, std::string>> files;  // file name, text
  std::vector<std::string> notes;                          // what was left unmanaged, and why
};

// `out_dir` is where the files will be written (for relative key paths).
absl::StatusOr<ImportedFiles> RenderImport(const LiveRun& run, const ClusterSpec& cluster,
                                           const std::string& out_dir);

// A YAML double-quoted scalar of `s` (valid UTF-8; control characters escaped).
std::string YamlQuote(absl::string_view s);

// A manifest name (metadata.name) for a run id: lower-case letters, digits,
// '-' and '.', 1 to 63 characters, starting and ending alphanumeric.
std::string ManifestNameFor(absl::string_view run_id);

}  // namespace reconciler

#endif  // RECONCILER_IMPORT_MANIFESTS_H_
