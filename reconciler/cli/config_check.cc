// `psyche-reconcile config check FILE.toml`: would the coordinator program
// accept this run configuration? Exit 0 if so, 1 with every reason if not.
#include <iostream>
#include <memory>
#include <string>

#include "providers/psyche/run_config.h"
#include "providers/psyche/run_config_check.h"
#include "reconciler/cli/commands.h"

namespace cli {
namespace {

int RunConfigCheck(const std::string& path) {
  auto run_config = psyche::ReadRunConfigFile(path);
  if (!run_config.ok()) {
    std::cerr << run_config.status().message() << "\n";
    return 1;
  }
  auto failures = psyche::CheckRunConfig(*run_config);
  if (failures.empty()) {
    std::cout << path << ": ok (the coordinator program would accept this config and model)\n";
    return 0;
  }
  std::cerr << path << ": the coordinator program would refuse this config (" << failures.size()
            << (failures.size() == 1 ? " reason" : " reasons") << "):\n";
  for (const auto& f : failures) std::cerr << "  " << psyche::FormatCheckFailure(f) << "\n";
  return 1;
}

}  // namespace

void RegisterConfigCheck(CLI::App& config) {
  auto* cmd = config.add_subcommand(
      "check", "Parse a run-config TOML and apply the program's validity checks offline");
  auto path = std::make_shared<std::string>();
  cmd->add_option("file", *path, "run configuration (config.toml)")->required();
  cmd->callback([path] { SetExitCode(RunConfigCheck(*path)); });
}

}  // namespace cli
