// `psyche-reconcile config encode FILE.toml`: the hex instruction data of
// update(None, config, model, None), as run-manager's update-config sends it.
#include <iostream>
#include <memory>
#include <string>

#include "providers/psyche/hex.h"
#include "providers/psyche/run_config.h"
#include "providers/psyche/run_config_check.h"
#include "reconciler/cli/commands.h"

namespace cli {
namespace {

int RunConfigEncode(const std::string& path) {
  auto run_config = psyche::ReadRunConfigFile(path);
  if (!run_config.ok()) {
    std::cerr << run_config.status().message() << "\n";
    return 1;
  }
  auto data = psyche::EncodeUpdateConfigData(*run_config);
  if (!data.ok()) {
    std::cerr << path << ": " << data.status().message() << "\n";
    return 1;
  }
  // The bytes are printed either way; a config the program would refuse is
  // flagged on stderr so the hex is never mistaken for a sendable update.
  for (const auto& f : psyche::CheckRunConfig(*run_config)) {
    std::cerr << "warning: " << path << ": " << psyche::FormatCheckFailure(f) << "\n";
  }
  std::cout << psyche::HexEncode(*data) << "\n";
  return 0;
}

}  // namespace

void RegisterConfigEncode(CLI::App& config) {
  auto* cmd = config.add_subcommand(
      "encode", "Print the hex data of the update(config, model) instruction for a run config");
  auto path = std::make_shared<std::string>();
  cmd->add_option("file", *path, "run configuration (config.toml)")->required();
  cmd->callback([path] { SetExitCode(RunConfigEncode(*path)); });
}

}  // namespace cli
