#include "reconciler/plan.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "reconciler/secret_scan.h"

namespace reconciler {

PlanSummary Plan::Summary() const {
  PlanSummary s;
  for (const ResourceChange& c : changes) {
    switch (c.action) {
      case Action::kCreate: ++s.add; break;
      case Action::kUpdate: ++s.change; break;
      case Action::kDelete: ++s.destroy; break;
      case Action::kReplace: ++s.add, ++s.destroy; break;
      case Action::kRead: ++s.read; break;
      case Action::kNoOp: ++s.no_op; break;
    }
  }
  return s;
}

uint64_t Plan::TotalFeeLamports() const {
  uint64_t total = 0;
  for (const TransactionPlan& t : transactions) total += t.fee_lamports;
  return total;
}

namespace {

absl::Status CheckText(absl::string_view what, const std::string& text) {
  if (ContainsSecretKey(text)) {
    return absl::InvalidArgumentError(absl::StrCat(what, " contains what looks like a secret key"));
  }
  return absl::OkStatus();
}

absl::Status CheckChange(const ResourceChange& c) {
  RETURN_IF_ERROR(CheckText("resource address", c.address));
  RETURN_IF_ERROR(CheckText("resource kind", c.kind));
  for (const FieldChange& f : c.fields) {
    std::string where = absl::StrCat(c.address, " ", f.path);
    RETURN_IF_ERROR(CheckText("field path", f.path));
    if (f.sensitive && !(f.before.is_null() && f.after.is_null())) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": a sensitive field must not carry its values in a plan"));
    }
    if (!f.before.is_null() && !f.after.is_null() && f.before.kind() != f.after.kind()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": before and after have different types"));
    }
    for (const Value* v : {&f.before, &f.after}) {
      if (v->kind() == Value::Kind::kString) RETURN_IF_ERROR(CheckText(where, v->as_string()));
    }
  }
  for (const std::string& n : c.notes) RETURN_IF_ERROR(CheckText("note", n));
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidatePlan(const Plan& plan) {
  if (plan.format_version != kPlanFormatVersion) {
    return absl::InvalidArgumentError(
        absl::StrCat("unsupported plan format_version \"", plan.format_version, "\""));
  }
  for (const ResourceChange& c : plan.changes) RETURN_IF_ERROR(CheckChange(c));
  std::set<std::string> seen;
  for (const Operation& op : plan.operations) {
    if (op.id.empty()) return absl::InvalidArgumentError("operation with an empty id");
    RETURN_IF_ERROR(CheckText("operation id", op.id));
    for (const std::string& dep : op.depends_on) {
      if (!seen.count(dep)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "operation ", op.id, " depends on ", dep, ", which is not an earlier operation"));
      }
    }
    if (!seen.insert(op.id).second) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate operation id ", op.id));
    }
    RETURN_IF_ERROR(CheckText("operation description", op.description));
  }
  for (const TransactionPlan& t : plan.transactions) {
    for (const std::string& id : t.operation_ids) {
      if (!seen.count(id)) {
        return absl::InvalidArgumentError(
            absl::StrCat("transaction names unknown operation ", id));
      }
    }
  }
  for (const std::string& w : plan.warnings) RETURN_IF_ERROR(CheckText("warning", w));
  RETURN_IF_ERROR(CheckText("cluster", plan.cluster));
  return absl::OkStatus();
}

}  // namespace reconciler
