// The run-manager's run configuration TOML (coordinator.md 6): `[config]`
// and `[model.LLM]`, parsed into CoordinatorConfig + Model.
//
// Stricter than the admin CLI on purpose (a GitOps tool should not guess):
// unknown keys are errors (the CLI ignores them; only the top-level `run_id`
// and `run_state` of the centralized-server `__state.toml` files are
// tolerated and ignored), strings longer than their FixedString capacity or
// containing NUL are errors (the CLI truncates), NaN/inf floats are errors.
// Every problem found is reported, one per line, as
// `FILE:LINE:COL: KEY: message`.
//
// toml++ is used in its default exception mode (the Debian library is built
// that way); toml::parse_error never leaves run_config.cc.
#ifndef PROVIDERS_PSYCHE_RUN_CONFIG_H_
#define PROVIDERS_PSYCHE_RUN_CONFIG_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/solana/coding.h"

namespace psyche {

struct RunConfig {
  CoordinatorConfig config;
  Model model;
  bool operator==(const RunConfig&) const = default;
};

// `source` names the input in error messages (normally the file path).
absl::StatusOr<RunConfig> ParseRunConfig(absl::string_view toml_text, absl::string_view source);
// NotFound when the file cannot be read.
absl::StatusOr<RunConfig> ReadRunConfigFile(const std::string& path);

// The data run-manager's `update-config` sends for this file:
// update(None, Some(config), Some(model), progress) (spec 6.4); progress is
// present only with --restart-from-step (see restart_progress.h).
absl::StatusOr<solana::Bytes> EncodeUpdateConfigData(
    const RunConfig& run_config, const std::optional<CoordinatorProgress>& progress = std::nullopt);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_RUN_CONFIG_H_
