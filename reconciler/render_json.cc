#include "reconciler/render_json.h"

#include "absl/strings/escaping.h"
#include "rapidjson/prettywriter.h"
#include "rapidjson/stringbuffer.h"
#include "reconciler/plan_json_value.h"
#include "reconciler/secret_scan.h"

namespace reconciler {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Every string passes the secret guard on its way out.
void Str(Writer& w, const std::string& s) {
  std::string text = RedactSecrets(s);
  w.String(text.data(), text.size());
}
void PutString(Writer& w, const char* key, const std::string& s) {
  w.Key(key);
  Str(w, s);
}
void PutBool(Writer& w, const char* key, bool b) {
  w.Key(key);
  w.Bool(b);
}
void PutU64(Writer& w, const char* key, uint64_t u) {
  w.Key(key);
  w.Uint64(u);
}

void WriteStrings(Writer& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const std::string& s : items) Str(w, s);
  w.EndArray();
}

void WriteField(Writer& w, const FieldChange& f) {
  w.StartObject();
  PutString(w, "path", f.path);
  w.Key("type");
  w.String(ValueKindName(FieldValueKind(f)));
  // Sensitive values never leave the process, whatever the struct holds.
  w.Key("before");
  WriteJsonValue(w, f.sensitive ? Value::Null() : f.before);
  w.Key("after");
  WriteJsonValue(w, f.sensitive ? Value::Null() : f.after);
  PutBool(w, "sensitive", f.sensitive);
  PutBool(w, "computed", f.computed);
  PutBool(w, "ignored", f.ignored);
  PutBool(w, "requires_replace", f.requires_replace);
  w.EndObject();
}

void WriteChange(Writer& w, const ResourceChange& c) {
  w.StartObject();
  PutString(w, "address", c.address);
  PutString(w, "kind", c.kind);
  w.Key("action");
  w.String(ActionName(c.action).data(), ActionName(c.action).size());
  w.Key("fields");
  w.StartArray();
  for (const FieldChange& f : c.fields) WriteField(w, f);
  w.EndArray();
  w.Key("notes");
  WriteStrings(w, c.notes);
  w.Key("top_up");
  if (c.top_up) {
    w.StartObject();
    PutString(w, "mint", c.top_up->mint.ToBase58());
    PutU64(w, "target", c.top_up->target);
    PutU64(w, "observed", c.top_up->observed);
    PutU64(w, "amount", c.top_up->amount());
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
}

void WriteOperation(Writer& w, const Operation& op) {
  w.StartObject();
  PutString(w, "id", op.id);
  PutString(w, "address", op.address);
  PutString(w, "description", op.description);
  w.Key("depends_on");
  WriteStrings(w, op.depends_on);
  PutU64(w, "instructions", op.instruction_count);
  w.Key("signers");
  w.StartArray();
  for (const auto& k : op.signers) Str(w, k.ToBase58());
  w.EndArray();
  PutU64(w, "fee_lamports", op.fee_lamports);
  w.EndObject();
}

void WriteTransaction(Writer& w, const TransactionPlan& t) {
  w.StartObject();
  w.Key("operations");
  WriteStrings(w, t.operation_ids);
  PutU64(w, "size_bytes", t.size_bytes);
  PutU64(w, "fee_lamports", t.fee_lamports);
  w.EndObject();
}

void WritePrecondition(Writer& w, const Precondition& p) {
  w.StartObject();
  PutString(w, "address", p.address.ToBase58());
  PutBool(w, "exists", p.exists);
  PutU64(w, "slot", p.slot);
  PutU64(w, "lamports", p.lamports);
  PutString(w, "owner", p.owner.ToBase58());
  PutString(w, "data_sha256", HashHex(p.data_sha256));
  w.EndObject();
}

void WriteSummary(Writer& w, const PlanSummary& s) {
  w.StartObject();
  PutU64(w, "add", s.add);
  PutU64(w, "change", s.change);
  PutU64(w, "destroy", s.destroy);
  PutU64(w, "read", s.read);
  PutU64(w, "no_op", s.no_op);
  w.EndObject();
}

}  // namespace

Value::Kind FieldValueKind(const FieldChange& f) {
  return f.after.is_null() ? f.before.kind() : f.after.kind();
}

std::string HashHex(const solana::Hash& h) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(h.bytes().data()), h.bytes().size()));
}

std::string RenderJson(const Plan& plan) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.SetIndent(' ', 2);
  w.StartObject();
  PutString(w, "format_version", plan.format_version);
  PutString(w, "cluster", plan.cluster);
  PutString(w, "manifests_sha256", HashHex(plan.manifests_hash));
  w.Key("summary");
  WriteSummary(w, plan.Summary());
  w.Key("resource_changes");
  w.StartArray();
  for (const ResourceChange& c : plan.changes) WriteChange(w, c);
  w.EndArray();
  w.Key("operations");
  w.StartArray();
  for (const Operation& op : plan.operations) WriteOperation(w, op);
  w.EndArray();
  w.Key("transactions");
  w.StartArray();
  for (const TransactionPlan& t : plan.transactions) WriteTransaction(w, t);
  w.EndArray();
  PutU64(w, "total_fee_lamports", plan.TotalFeeLamports());
  w.Key("preconditions");
  w.StartArray();
  for (const Precondition& p : plan.preconditions) WritePrecondition(w, p);
  w.EndArray();
  w.Key("warnings");
  WriteStrings(w, plan.warnings);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace reconciler
