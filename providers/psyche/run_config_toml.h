// The inverse of ParseRunConfig: a RunConfig written back as the run-manager's
// `config.toml` (`[config]` and `[model.LLM]` tables), so a run read from the
// chain can be kept in git. Encode then parse gives the same RunConfig: floats
// are written in their shortest round-tripping form (f32 fields as f32).
#ifndef PROVIDERS_PSYCHE_RUN_CONFIG_TOML_H_
#define PROVIDERS_PSYCHE_RUN_CONFIG_TOML_H_

#include <string>

#include "absl/status/statusor.h"
#include "providers/psyche/run_config.h"

namespace psyche {

// InvalidArgument for what TOML or the parser cannot carry: NaN/infinite
// floats, integers above 2^63-1 (TOML integers are signed 64-bit), strings
// with a NUL byte.
absl::StatusOr<std::string> EncodeRunConfigToml(const RunConfig& run_config);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_RUN_CONFIG_TOML_H_
