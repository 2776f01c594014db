// Human plan output in the style of `terraform plan`: one line per resource
// with its action symbol, indented field lines, then operations, warnings and
// the summary line. ANSI colour only when asked (the CLI passes
// is_tty && !no_color).
#ifndef RECONCILER_RENDER_TEXT_H_
#define RECONCILER_RENDER_TEXT_H_

#include <string>

#include "reconciler/plan.h"

namespace reconciler {

struct TextOptions {
  bool color = false;
};

// "Plan: X to add, Y to change, Z to destroy." (also used by the Markdown
// renderer) or, with nothing to change, "No changes. The chain matches the
// manifests."
std::string SummaryLine(const PlanSummary& summary);

// One value as shown to a person: "(sensitive)", "(known after apply)" or
// Value::ToDisplay().
std::string DisplayBefore(const FieldChange& f);
std::string DisplayAfter(const FieldChange& f);

// No-op resources and ignored fields are left out; everything else is shown.
std::string RenderText(const Plan& plan, const TextOptions& options);

}  // namespace reconciler

#endif  // RECONCILER_RENDER_TEXT_H_
