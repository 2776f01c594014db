// --prune[=close] and --max-destroy N, shared by plan, apply and drift; they
// set MakePlanOptions' prune fields and the protection record's path.
#ifndef RECONCILER_CLI_PRUNE_FLAGS_H_
#define RECONCILER_CLI_PRUNE_FLAGS_H_

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "reconciler/make_plan.h"

namespace cli {

struct PruneFlags {
  std::string prune;        // "" (off), "deactivate" (--prune) or "close" (--prune=close)
  int64_t max_destroy = -1;  // -1: no limit
};

void AddPruneFlags(CLI::App* cmd, PruneFlags* flags);

// Fills options->planner.prune and options->protection_record
// (<state_dir>/protected-resources).
absl::Status ApplyPruneFlags(const PruneFlags& flags, const std::string& state_dir,
                             reconciler::MakePlanOptions* options);

}  // namespace cli

#endif  // RECONCILER_CLI_PRUNE_FLAGS_H_
