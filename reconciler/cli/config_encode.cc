// `psyche-reconcile config encode FILE.toml [--restart-from-step N --epoch E]`:
// the hex instruction data of update(None, config, model, progress), as
// run-manager's update-config sends it (progress only with a restart step).
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "providers/psyche/hex.h"
#include "providers/psyche/restart_progress.h"
#include "providers/psyche/run_config.h"
#include "providers/psyche/run_config_check.h"
#include "reconciler/cli/commands.h"

namespace cli {
namespace {

struct EncodeOptions {
  std::string path;
  uint32_t restart_from_step = 0;  // 0 = no progress
  uint16_t epoch = 0;
};

int RunConfigEncode(const EncodeOptions& options) {
  const std::string& path = options.path;
  auto run_config = psyche::ReadRunConfigFile(path);
  if (!run_config.ok()) {
    std::cerr << run_config.status().message() << "\n";
    return 1;
  }
  std::optional<psyche::CoordinatorProgress> progress;
  if (options.restart_from_step > 0) {
    auto p = psyche::RestartFromStepProgress(*run_config, options.restart_from_step, options.epoch);
    if (!p.ok()) {
      std::cerr << path << ": " << p.status().message() << "\n";
      return 1;
    }
    progress = *p;
  }
  auto data = psyche::EncodeUpdateConfigData(*run_config, progress);
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
  auto options = std::make_shared<EncodeOptions>();
  cmd->add_option("file", options->path, "run configuration (config.toml)")->required();
  auto* restart = cmd->add_option("--restart-from-step", options->restart_from_step,
                                  "also send progress restarting at this step (spec 6.5)")
                      ->check(CLI::Range(1u, 0xffffffffu));
  cmd->add_option("--epoch", options->epoch, "current on-chain epoch for the progress")
      ->needs(restart);
  cmd->callback([options] { SetExitCode(RunConfigEncode(*options)); });
}

}  // namespace cli
