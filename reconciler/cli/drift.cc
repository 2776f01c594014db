// psyche-reconcile drift PATH...: for cron jobs. Prints the drift report
// (JSON: each drifted field with expected and observed values) and exits 0 in
// sync, 2 on drift, 1 on error.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "reconciler/cli/commands.h"
#include "reconciler/exit_code.h"
#include "reconciler/make_plan.h"
#include "reconciler/render_drift.h"

namespace cli {

void RegisterDrift(CLI::App& app) {
  auto* cmd = app.add_subcommand("drift", "Report where the chain differs from the manifests");
  auto paths = std::make_shared<std::vector<std::string>>();
  cmd->add_option("PATH", *paths, "Manifest files or directories")->required();
  cmd->callback([paths] {
    auto result = reconciler::MakePlan(*paths);
    if (!result.ok()) {
      std::cerr << "error: " << result.status().message() << "\n";
      SetExitCode(reconciler::DriftExitCode(result.status(), {}));
      return;
    }
    std::cout << reconciler::RenderDriftJson(result->build.plan);
    SetExitCode(reconciler::DriftExitCode(absl::OkStatus(), result->build.plan.Summary()));
  });
}

}  // namespace cli
