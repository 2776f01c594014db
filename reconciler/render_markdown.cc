#include "reconciler/render_markdown.h"

#include "absl/strings/str_cat.h"
#include "reconciler/render_text.h"
#include "reconciler/secret_scan.h"

namespace reconciler {
namespace {

std::string EscapeHtml(absl::string_view raw) {
  std::string text = RedactSecrets(raw);
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\n':
      case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// Action symbols and names are fixed ASCII/UTF-8, shown in code spans.
std::string SymbolCell(Action a) {
  if (a == Action::kNoOp) return "";
  return absl::StrCat("`", ActionSymbol(a), "`");
}

std::string NotesCell(const ResourceChange& c) {
  std::string out;
  for (const std::string& n : c.notes) {
    if (!out.empty()) out += "; ";
    out += EscapeMarkdown(n);
  }
  if (c.top_up) {
    if (!out.empty()) out += "; ";
    absl::StrAppend(&out, "top-up ", c.top_up->amount(), " (target ", c.top_up->target,
                    ", observed ", c.top_up->observed, ")");
  }
  return out;
}

void AppendDetails(const ResourceChange& c, std::string* out) {
  // Inside an HTML block Markdown escapes are not processed: HTML-escape only.
  absl::StrAppend(out, "<details><summary><code>", EscapeHtml(ActionSymbol(c.action)), " ",
                  EscapeHtml(c.address), "</code></summary>\n\n");
  bool any_field = false;
  for (const FieldChange& f : c.fields) {
    if (f.ignored) continue;
    if (!any_field) absl::StrAppend(out, "| Field | Before | After |\n|---|---|---|\n");
    any_field = true;
    std::string path = EscapeMarkdown(f.path);
    if (f.requires_replace) absl::StrAppend(&path, " (forces replacement)");
    absl::StrAppend(out, "| ", path, " | ", EscapeMarkdown(DisplayBefore(f)), " | ",
                    EscapeMarkdown(DisplayAfter(f)), " |\n");
  }
  if (c.top_up) {
    if (any_field) absl::StrAppend(out, "\n");
    absl::StrAppend(out, "Treasury top-up: **", c.top_up->amount(), "** (target ",
                    c.top_up->target, ", observed ", c.top_up->observed, ", mint ",
                    c.top_up->mint.ToBase58(), ")\n");
  }
  absl::StrAppend(out, "\n</details>\n\n");
}

void AppendOperations(const Plan& plan, std::string* out) {
  if (plan.operations.empty()) return;
  absl::StrAppend(out, "<details><summary>", plan.operations.size(), " operation(s) in ",
                  plan.transactions.size(), " transaction(s), estimated fee ",
                  plan.TotalFeeLamports(), " lamports</summary>\n\n",
                  "| # | Operation | Resource | Instructions | After | Fee (lamports) |\n",
                  "|---|---|---|---|---|---|\n");
  int i = 1;
  for (const Operation& op : plan.operations) {
    std::string deps;
    for (const std::string& d : op.depends_on) {
      if (!deps.empty()) deps += ", ";
      deps += EscapeMarkdown(d);
    }
    absl::StrAppend(out, "| ", i++, " | ", EscapeMarkdown(op.id), ": ",
                    EscapeMarkdown(op.description), " | ", EscapeMarkdown(op.address), " | ",
                    op.instruction_count, " | ", deps, " | ", op.fee_lamports, " |\n");
  }
  absl::StrAppend(out, "\n</details>\n\n");
}

}  // namespace

std::string EscapeMarkdown(absl::string_view raw) {
  std::string text = RedactSecrets(raw);
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n':
      case '\r': out += ' '; break;
      case '\\': case '`': case '*': case '_': case '{': case '}': case '[': case ']':
      case '(': case ')': case '#': case '+': case '-': case '.': case '!': case '|':
      case '~': case ':': case '@': case '$':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string RenderMarkdown(const Plan& plan) {
  std::string out = absl::StrCat("### Psyche plan for cluster ", EscapeMarkdown(plan.cluster),
                                 "\n\n**", SummaryLine(plan.Summary()), "**\n\n");
  if (!plan.changes.empty()) {
    absl::StrAppend(&out, "| | Resource | Action | Notes |\n|---|---|---|---|\n");
    for (const ResourceChange& c : plan.changes) {
      absl::StrAppend(&out, "| ", SymbolCell(c.action), " | ", EscapeMarkdown(c.address), " | ",
                      ActionName(c.action), " | ", NotesCell(c), " |\n");
    }
    absl::StrAppend(&out, "\n");
  }
  for (const ResourceChange& c : plan.changes) {
    if (ActionChangesChain(c.action)) AppendDetails(c, &out);
  }
  AppendOperations(plan, &out);
  for (const std::string& w : plan.warnings) {
    absl::StrAppend(&out, "> **Warning:** ", EscapeMarkdown(w), "\n");
  }
  return out;
}

}  // namespace reconciler
