#include "reconciler/render_text.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "reconciler/secret_scan.h"

namespace reconciler {
namespace {

// Control characters escaped so no value can drive the terminal.
std::string Escaped(const std::string& s) {
  std::string q = QuoteString(RedactSecrets(s));
  return q.substr(1, q.size() - 2);
}

constexpr char kReset[] = "\x1b[0m";
constexpr char kBold[] = "\x1b[1m";

const char* ColorOf(Action a) {
  switch (a) {
    case Action::kCreate: return "\x1b[32m";   // green
    case Action::kUpdate: return "\x1b[33m";   // yellow
    case Action::kDelete: return "\x1b[31m";   // red
    case Action::kReplace: return "\x1b[35m";  // magenta
    case Action::kRead: return "\x1b[36m";     // cyan
    case Action::kNoOp: return "";
  }
  return "";
}

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string Paint(const char* code, absl::string_view text) const {
    if (!color_ || code[0] == '\0') return std::string(text);
    return absl::StrCat(code, text, kReset);
  }

 private:
  bool color_;
};

// The symbol of a field line follows what happens to that field: all "+"
// in a created resource, all "-" in a deleted one, else by its values.
Action FieldAction(Action resource, const FieldChange& f) {
  if (resource == Action::kCreate || resource == Action::kDelete) return resource;
  if (f.before.is_null() && !f.sensitive) return Action::kCreate;
  if (f.after.is_null() && !f.computed && !f.sensitive) return Action::kDelete;
  return Action::kUpdate;
}

std::string FieldLine(Action resource, const FieldChange& f, const Painter& p) {
  Action a = FieldAction(resource, f);
  std::string sym = p.Paint(ColorOf(a), ActionSymbol(a));
  std::string body;
  switch (a) {
    case Action::kCreate: body = DisplayAfter(f); break;
    case Action::kDelete: body = DisplayBefore(f); break;
    default: body = absl::StrCat(DisplayBefore(f), " \xE2\x86\x92 ", DisplayAfter(f));  // →
  }
  std::string line = absl::StrCat("      ", sym, " ", Escaped(f.path), ": ", body);
  if (f.requires_replace) absl::StrAppend(&line, "  # forces replacement");
  return line + "\n";
}

void AppendResource(const ResourceChange& c, const Painter& p, std::string* out) {
  const char* color = ColorOf(c.action);
  absl::StrAppend(out, "  ", p.Paint(color, ActionSymbol(c.action)), " ", Escaped(c.address),
                  c.action == Action::kRead ? "  (read only, not managed)" : "", "\n");
  for (const FieldChange& f : c.fields) {
    if (!f.ignored) absl::StrAppend(out, FieldLine(c.action, f, p));
  }
  if (c.top_up) {
    absl::StrAppend(out, "      top-up: ", c.top_up->amount(), " (target ", c.top_up->target,
                    ", observed ", c.top_up->observed, ", mint ", c.top_up->mint.ToBase58(),
                    ")\n");
  }
  for (const std::string& n : c.notes) {
    absl::StrAppend(out, "      # ", Escaped(n), "\n");
  }
}

void AppendOperations(const Plan& plan, std::string* out) {
  if (plan.operations.empty()) return;
  absl::StrAppend(out, "\nOperations, in order:\n");
  int i = 1;
  for (const Operation& op : plan.operations) {
    absl::StrAppend(out, "  ", i++, ". ", Escaped(op.id), "  ", Escaped(op.address), ": ", Escaped(op.description),
                    "\n     ", op.instruction_count, " instruction(s), fee ~", op.fee_lamports,
                    " lamports");
    if (!op.depends_on.empty()) {
      absl::StrAppend(out, ", after ", absl::StrJoin(op.depends_on, ", "));
    }
    absl::StrAppend(out, "\n");
    if (!op.signers.empty()) {
      std::vector<std::string> keys;
      for (const auto& k : op.signers) keys.push_back(k.ToBase58());
      absl::StrAppend(out, "     signers: ", absl::StrJoin(keys, ", "), "\n");
    }
  }
  absl::StrAppend(out, "\nTransactions: ", plan.transactions.size(), ", estimated fee ",
                  plan.TotalFeeLamports(), " lamports\n");
  int t = 1;
  for (const TransactionPlan& tx : plan.transactions) {
    absl::StrAppend(out, "  ", t++, ". [", absl::StrJoin(tx.operation_ids, ", "), "] ",
                    tx.size_bytes, " bytes, fee ", tx.fee_lamports, " lamports\n");
  }
}

}  // namespace

std::string SummaryLine(const PlanSummary& s) {
  if (!s.has_changes()) return "No changes. The chain matches the manifests.";
  return absl::StrCat("Plan: ", s.add, " to add, ", s.change, " to change, ", s.destroy,
                      " to destroy.");
}

std::string DisplayBefore(const FieldChange& f) {
  if (f.sensitive) return "(sensitive)";
  return f.before.ToDisplay();
}

std::string DisplayAfter(const FieldChange& f) {
  if (f.sensitive) return "(sensitive)";
  if (f.computed) return "(known after apply)";
  return f.after.ToDisplay();
}

std::string RenderText(const Plan& plan, const TextOptions& options) {
  Painter p(options.color);
  std::string out = absl::StrCat("Plan for cluster ", Escaped(plan.cluster), "\n");
  bool any = false;
  for (const ResourceChange& c : plan.changes) {
    if (c.action == Action::kNoOp) continue;
    if (!any) absl::StrAppend(&out, "\n");
    any = true;
    AppendResource(c, p, &out);
  }
  AppendOperations(plan, &out);
  if (!plan.warnings.empty()) {
    absl::StrAppend(&out, "\nWarnings:\n");
    for (const std::string& w : plan.warnings) absl::StrAppend(&out, "  ! ", Escaped(w), "\n");
  }
  absl::StrAppend(&out, "\n", p.Paint(kBold, SummaryLine(plan.Summary())), "\n");
  return out;
}

}  // namespace reconciler
