// psyche-reconcile: desired-state management of Psyche runs on Solana.
#include <CLI/CLI.hpp>

#include "reconciler/cli/commands.h"
#include "reconciler/cli/log_setup.h"

int main(int argc, char** argv) {
  CLI::App app{"psyche-reconcile: GitOps for Psyche training runs on Solana"};
  app.require_subcommand(1);
  cli::AddLogFlags(app);  // before the commands: they inherit fallthrough
  cli::RegisterCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    cli::FinishLog();
    // Pipelines read 0/1/2: a usage error is an error (1), --help is 0.
    return app.exit(e) == 0 ? 0 : 1;
  }
  cli::FinishLog();
  return cli::ExitCode();
}
