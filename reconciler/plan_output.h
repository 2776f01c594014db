// What the `plan` and `drift` commands need to print a plan: the -o format,
// the colour decision, and one entry point over the renderers.
#ifndef RECONCILER_PLAN_OUTPUT_H_
#define RECONCILER_PLAN_OUTPUT_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "reconciler/plan.h"

namespace reconciler {

enum class OutputFormat { kText, kJson, kMarkdown };

// "text", "json" or "markdown"; nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(absl::string_view name);

// Colour only on a terminal, and never with --no-color or a non-empty NO_COLOR
// environment variable (https://no-color.org).
bool UseColor(bool stdout_is_tty, bool no_color_flag, const char* no_color_env);

// The plan in the chosen format; color only affects text.
std::string RenderPlan(const Plan& plan, OutputFormat format, bool color);

// `drift` output: text lists drifted resources like a plan; json is the drift
// report of render_drift.h; markdown is the plan's Markdown.
std::string RenderDrift(const Plan& plan, OutputFormat format, bool color);

}  // namespace reconciler

#endif  // RECONCILER_PLAN_OUTPUT_H_
