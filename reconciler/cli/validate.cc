// psyche-reconcile validate PATH...: every offline check of the manifests.
// Diagnostics go to stderr; exit 0 when valid (warnings allowed), 1 otherwise.
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "reconciler/cli/commands.h"
#include "reconciler/validate.h"

namespace cli {

void RegisterValidate(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "validate", "Check manifests (schema, keys, run configs, duplicates) without the chain");
  auto paths = std::make_shared<std::vector<std::string>>();
  cmd->add_option("PATH", *paths, "Manifest files or directories (read recursively)")
      ->required();
  cmd->callback([paths] {
    reconciler::LoadedManifests m = reconciler::ValidateManifests(*paths);
    size_t errors = 0;
    for (const reconciler::Diagnostic& d : m.diagnostics) {
      std::cerr << d.ToString() << "\n";
      if (d.severity == reconciler::Severity::kError) ++errors;
    }
    if (errors > 0) {
      std::cerr << errors << (errors == 1 ? " error" : " errors") << "; the manifests are not valid\n";
      SetExitCode(1);
      return;
    }
    std::set<std::string> files;
    for (const reconciler::YamlDocument& doc : m.documents) files.insert(doc.file);
    std::cout << "valid: " << m.state.clusters.size() << " cluster, " << m.state.runs.size()
              << " run(s), " << m.state.authorizations.size() << " authorization(s) in "
              << files.size() << " file(s)\n";
  });
}

}  // namespace cli
