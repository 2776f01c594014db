#include "reconciler/plan_output.h"

#include "reconciler/render_drift.h"
#include "reconciler/render_json.h"
#include "reconciler/render_markdown.h"
#include "reconciler/render_text.h"

namespace reconciler {

std::optional<OutputFormat> ParseOutputFormat(absl::string_view name) {
  if (name == "text") return OutputFormat::kText;
  if (name == "json") return OutputFormat::kJson;
  if (name == "markdown") return OutputFormat::kMarkdown;
  return std::nullopt;
}

bool UseColor(bool stdout_is_tty, bool no_color_flag, const char* no_color_env) {
  bool env_says_no = no_color_env != nullptr && no_color_env[0] != '\0';
  return stdout_is_tty && !no_color_flag && !env_says_no;
}

std::string RenderPlan(const Plan& plan, OutputFormat format, bool color) {
  switch (format) {
    case OutputFormat::kText: return RenderText(plan, TextOptions{color});
    case OutputFormat::kJson: return RenderJson(plan);
    case OutputFormat::kMarkdown: return RenderMarkdown(plan);
  }
  return RenderText(plan, TextOptions{false});
}

std::string RenderDrift(const Plan& plan, OutputFormat format, bool color) {
  if (format == OutputFormat::kJson) return RenderDriftJson(plan);
  return RenderPlan(plan, format, color);
}

}  // namespace reconciler
