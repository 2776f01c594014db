// `psyche-reconcile validate`: every check that needs no chain. On top of
// what LoadManifests checks (YAML, schema, field limits) this reads the key
// files and run configs and compares manifests with each other.
#ifndef RECONCILER_VALIDATE_H_
#define RECONCILER_VALIDATE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "reconciler/manifest.h"

namespace reconciler {

inline constexpr uint64_t kMaxRunConfigBytes = 1u << 20;

// Problems of one run-config TOML file, one string each; empty when the file
// parses and passes the coordinator program's checks.
using RunConfigChecker = std::function<std::vector<std::string>(const std::string& path)>;

// Reads at most kMaxRunConfigBytes, parses with psyche::ParseRunConfig and
// applies psyche::CheckRunConfig (coordinator.md 5.3).
std::vector<std::string> CheckRunConfigFile(const std::string& path);

struct ValidateOptions {
  RunConfigChecker check_run_config = CheckRunConfigFile;
  uint64_t max_file_bytes = kDefaultMaxManifestBytes;
};

// Cross-manifest and file checks on loaded manifests, appended to
// `m->diagnostics`: exactly one Cluster; names unique per kind; run ids
// unique; (grantor, grantee, scope) unique; every keypair reference loads and
// has its expected public key (warning for key files open to others); run
// configs pass; treasury balances and token-denominated amounts need a
// treasurer. `where` names the input when no manifest is found.
void CheckManifests(const std::string& where, const ValidateOptions& options,
                    LoadedManifests* m);

// LoadManifests followed by CheckManifests.
LoadedManifests ValidateManifests(const std::vector<std::string>& paths,
                                  const ValidateOptions& options = {});

}  // namespace reconciler

#endif  // RECONCILER_VALIDATE_H_
