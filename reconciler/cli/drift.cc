// psyche-reconcile drift PATH... [-o json|text|markdown] [--no-color]: for
// cron jobs. Prints the drift report (JSON by default: each drifted field with
// expected and observed values) and exits 0 in sync, 2 on drift, 1 on error.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "reconciler/cli/commands.h"
#include "reconciler/cli/local_cluster.h"
#include "reconciler/cli/prune_flags.h"
#include "reconciler/exit_code.h"
#include "reconciler/make_plan.h"
#include "reconciler/plan_output.h"

namespace cli {

void RegisterDrift(CLI::App& app) {
  auto* cmd = app.add_subcommand("drift", "Report where the chain differs from the manifests");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto output = std::make_shared<std::string>("json");
  auto no_color = std::make_shared<bool>(false);
  auto state_dir = std::make_shared<std::string>();
  auto prune = std::make_shared<PruneFlags>();
  cmd->add_option("PATH", *paths, "Manifest files or directories")->required();
  cmd->add_option("-o,--output", *output, "json (default), text or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_flag("--no-color", *no_color, "No ANSI colours in text output");
  cmd->add_option("--state-dir", *state_dir,
                  "Where the local ledger lives (default: .psyche-reconcile beside the Cluster "
                  "manifest)");
  AddPruneFlags(cmd, prune.get());
  cmd->callback([paths, output, no_color, state_dir, prune] {
    reconciler::MakePlanOptions options;
    options.transport = CliTransportFactory(ResolveStateDir(*paths, *state_dir), ResolveLocalSeedDir(*paths));
    absl::StatusOr<reconciler::MakePlanResult> result = absl::UnknownError("not planned");
    if (absl::Status s = ApplyPruneFlags(*prune, ResolveStateDir(*paths, *state_dir), &options);
        !s.ok()) {
      result = s;
    } else {
      result = reconciler::MakePlan(*paths, options);
    }
    if (!result.ok()) {
      std::cerr << "error: " << result.status().message() << "\n";
      SetExitCode(reconciler::DriftExitCode(result.status(), {}));
      return;
    }
    const bool color =
        reconciler::UseColor(isatty(STDOUT_FILENO) == 1, *no_color, std::getenv("NO_COLOR"));
    std::cout << reconciler::RenderDrift(
        result->build.plan,
        reconciler::ParseOutputFormat(*output).value_or(reconciler::OutputFormat::kJson), color);
    SetExitCode(reconciler::DriftExitCode(absl::OkStatus(), result->build.plan.Summary()));
  });
}

}  // namespace cli
