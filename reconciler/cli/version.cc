#include <iostream>

#include "reconciler/cli/commands.h"

namespace cli {

void RegisterVersion(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the version of psyche-reconcile");
  cmd->callback([] { std::cout << "psyche-reconcile 0.1.0\n"; });
}

}  // namespace cli
