// Each CLI command lives in its own file and registers itself here; the
// command body is a thin call into the library that sets the exit code.
#ifndef RECONCILER_CLI_COMMANDS_H_
#define RECONCILER_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace cli {

void RegisterCommands(CLI::App& app);
// Exit code chosen by the command that ran (0 ok, 1 error, 2 changes/drift).
int ExitCode();
void SetExitCode(int code);

// Registration hooks, one per command file.
void RegisterVersion(CLI::App& app);
void RegisterDecode(CLI::App& app);
void RegisterValidate(CLI::App& app);
void RegisterPlan(CLI::App& app);
void RegisterDrift(CLI::App& app);
void RegisterApply(CLI::App& app);
// Offline signing of saved plans (docs/offline-signing.md).
void RegisterSign(CLI::App& app);
void RegisterSubmit(CLI::App& app);
void RegisterNonce(CLI::App& app);
void RegisterExplain(CLI::App& app);
void RegisterImport(CLI::App& app);
// Under the `config` group (run-configuration TOML files, offline).
void RegisterConfigCheck(CLI::App& config);
void RegisterConfigEncode(CLI::App& config);

}  // namespace cli

#endif  // RECONCILER_CLI_COMMANDS_H_
