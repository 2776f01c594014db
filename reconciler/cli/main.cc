// psyche-reconcile: desired-state management of Psyche runs on Solana.
#include <CLI/CLI.hpp>

#include "reconciler/cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"psyche-reconcile: GitOps for Psyche training runs on Solana"};
  app.require_subcommand(1);
  cli::RegisterCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return cli::ExitCode();
}
