// Plan output for a pull-request comment: the summary line, a table of
// resources, and each changed resource's fields in a collapsed <details>
// block. Every value is escaped so it renders as text, never as Markdown or
// HTML.
#ifndef RECONCILER_RENDER_MARKDOWN_H_
#define RECONCILER_RENDER_MARKDOWN_H_

#include <string>

#include "absl/strings/string_view.h"
#include "reconciler/plan.h"

namespace reconciler {

// Backslash-escapes ASCII punctuation that Markdown gives meaning to, writes
// &lt; &gt; &amp; for HTML, and turns line breaks into spaces, so the result
// is literal text inside a paragraph or a table cell.
std::string EscapeMarkdown(absl::string_view text);

std::string RenderMarkdown(const Plan& plan);

}  // namespace reconciler

#endif  // RECONCILER_RENDER_MARKDOWN_H_
