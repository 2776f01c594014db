#include "reconciler/cli/commands.h"

namespace cli {
namespace {
int g_exit_code = 0;
}  // namespace

int ExitCode() { return g_exit_code; }
void SetExitCode(int code) { g_exit_code = code; }

void RegisterCommands(CLI::App& app) {
  RegisterVersion(app);
  RegisterDecode(app);
  RegisterValidate(app);
  RegisterPlan(app);
  RegisterDrift(app);
  RegisterApply(app);
  RegisterSign(app);
  RegisterSubmit(app);
  RegisterNonce(app);
  RegisterExplain(app);
  RegisterImport(app);

  auto* config = app.add_subcommand("config", "Run-configuration TOML files (offline)");
  config->require_subcommand(1);
  RegisterConfigCheck(*config);
  RegisterConfigEncode(*config);
}

}  // namespace cli
