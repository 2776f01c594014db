#include "reconciler/cli/prune_flags.h"

#include "absl/strings/str_cat.h"
#include "reconciler/prune.h"
#include "reconciler/protection_record.h"

namespace cli {

void AddPruneFlags(CLI::App* cmd, PruneFlags* flags) {
  cmd->add_flag("--prune{deactivate}", flags->prune,
                "Resources on chain that no manifest names (by managed grantors and "
                "authorities): deactivate authorizations and close halted runs; --prune=close "
                "also closes the authorizations (rent returned)")
      ->check(CLI::IsMember({"deactivate", "close"}));
  cmd->add_option("--max-destroy", flags->max_destroy,
                  "Refuse a plan that deletes more than N resources")
      ->check(CLI::NonNegativeNumber);
}

absl::Status ApplyPruneFlags(const PruneFlags& flags, const std::string& state_dir,
                             reconciler::MakePlanOptions* options) {
  auto mode = reconciler::ParsePruneMode(flags.prune);
  if (!mode.ok()) return mode.status();
  options->planner.prune.mode = *mode;
  if (flags.max_destroy >= 0) {
    options->planner.prune.max_destroy = static_cast<uint64_t>(flags.max_destroy);
  }
  options->protection_record = absl::StrCat(state_dir, "/", reconciler::kProtectionRecordFile);
  return absl::OkStatus();
}

}  // namespace cli
