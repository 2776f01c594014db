// Saved plans (`plan --out FILE`): the plan JSON of render_json.h, read back
// strictly. Loading rejects an unknown format_version, unknown or missing
// keys, non-integer numbers, derived figures (summary, fees, top-ups) that do
// not match the data, and anything that looks like a secret key.
#ifndef RECONCILER_PLANFILE_H_
#define RECONCILER_PLANFILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "reconciler/plan.h"

namespace reconciler {

// Inverse of RenderJson for every valid plan: ParsePlanJson(RenderJson(p)) == p.
absl::StatusOr<Plan> ParsePlanJson(absl::string_view json);

// Validates, then writes atomically (temporary file and rename).
absl::Status SavePlanFile(const Plan& plan, const std::string& path);
absl::StatusOr<Plan> LoadPlanFile(const std::string& path);

// The text of a saved plan file, refused past the size bound; errors name the file.
absl::StatusOr<std::string> ReadPlanFileText(const std::string& path);

}  // namespace reconciler

#endif  // RECONCILER_PLANFILE_H_
