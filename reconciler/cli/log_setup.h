// The global flags pipelines want, taken anywhere on the command line:
// --quiet (only errors and the final result) and --log-format text|json
// (stderr lines as JSON objects). They put a reconciler::LogLineBuf under
// std::cerr for the command's run.
#ifndef RECONCILER_CLI_LOG_SETUP_H_
#define RECONCILER_CLI_LOG_SETUP_H_

#include <CLI/CLI.hpp>
#include <functional>

#include "reconciler/apply_engine.h"

namespace cli {

// Adds the flags to `app` (and lets subcommands pass them up); the log is
// installed when parsing completes, before any command runs.
void AddLogFlags(CLI::App& app);
// Restores std::cerr, writing any unterminated last line.
void FinishLog();
// Apply progress that honours the flags.
std::function<void(const reconciler::ProgressEvent&)> ApplyProgress();

}  // namespace cli

#endif  // RECONCILER_CLI_LOG_SETUP_H_
