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
void Key(Writer& w, const char* k) { w.Key(k); }

void WriteStrings(Writer& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const std::string& s : items) Str(w, s);
  w.EndArray();
}

void WriteField(Writer& w, const FieldChange& f) {
  w.StartObject();
  Key(w, "path"), Str(w, f.path);
  Key(w, "type"), w.String(ValueKindName(FieldValueKind(f)));
  // Sensitive values never leave the process, whatever the struct holds.
  Key(w, "before"), WriteJsonValue(w, f.sensitive ? Value::Null() : f.before);
  Key(w, "after"), WriteJsonValue(w, f.sensitive ? Value::Null() : f.after);
  Key(w, "sensitive"), w.Bool(f.sensitive);
  Key(w, "computed"), w.Bool(f.computed);
  Key(w, "ignored"), w.Bool(f.ignored);
  Key(w, "requires_replace"), w.Bool(f.requires_replace);
  w.EndObject();
}

void WriteChange(Writer& w, const ResourceChange& c) {
  w.StartObject();
  Key(w, "address"), Str(w, c.address);
  Key(w, "kind"), Str(w, c.kind);
  Key(w, "action"), w.String(ActionName(c.action).data(), ActionName(c.action).size());
  Key(w, "fields"), w.StartArray();
  for (const FieldChange& f : c.fields) WriteField(w, f);
  w.EndArray();
  Key(w, "notes"), WriteStrings(w, c.notes);
  Key(w, "top_up");
  if (c.top_up) {
    w.StartObject();
    Key(w, "mint"), Str(w, c.top_up->mint.ToBase58());
    Key(w, "target"), w.Uint64(c.top_up->target);
    Key(w, "observed"), w.Uint64(c.top_up->observed);
    Key(w, "amount"), w.Uint64(c.top_up->amount());
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
}

void WriteOperation(Writer& w, const Operation& op) {
  w.StartObject();
  Key(w, "id"), Str(w, op.id);
  Key(w, "address"), Str(w, op.address);
  Key(w, "description"), Str(w, op.description);
  Key(w, "depends_on"), WriteStrings(w, op.depends_on);
  Key(w, "instructions"), w.Uint(op.instruction_count);
  Key(w, "signers"), w.StartArray();
  for (const auto& k : op.signers) Str(w, k.ToBase58());
  w.EndArray();
  Key(w, "fee_lamports"), w.Uint64(op.fee_lamports);
  w.EndObject();
}

void WriteTransaction(Writer& w, const TransactionPlan& t) {
  w.StartObject();
  Key(w, "operations"), WriteStrings(w, t.operation_ids);
  Key(w, "size_bytes"), w.Uint(t.size_bytes);
  Key(w, "fee_lamports"), w.Uint64(t.fee_lamports);
  w.EndObject();
}

void WritePrecondition(Writer& w, const Precondition& p) {
  w.StartObject();
  Key(w, "address"), Str(w, p.address.ToBase58());
  Key(w, "exists"), w.Bool(p.exists);
  Key(w, "slot"), w.Uint64(p.slot);
  Key(w, "lamports"), w.Uint64(p.lamports);
  Key(w, "owner"), Str(w, p.owner.ToBase58());
  Key(w, "data_sha256"), Str(w, HashHex(p.data_sha256));
  w.EndObject();
}

void WriteSummary(Writer& w, const PlanSummary& s) {
  w.StartObject();
  Key(w, "add"), w.Int(s.add);
  Key(w, "change"), w.Int(s.change);
  Key(w, "destroy"), w.Int(s.destroy);
  Key(w, "read"), w.Int(s.read);
  Key(w, "no_op"), w.Int(s.no_op);
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
  Key(w, "format_version"), Str(w, plan.format_version);
  Key(w, "cluster"), Str(w, plan.cluster);
  Key(w, "manifests_sha256"), Str(w, HashHex(plan.manifests_hash));
  Key(w, "summary"), WriteSummary(w, plan.Summary());
  Key(w, "resource_changes"), w.StartArray();
  for (const ResourceChange& c : plan.changes) WriteChange(w, c);
  w.EndArray();
  Key(w, "operations"), w.StartArray();
  for (const Operation& op : plan.operations) WriteOperation(w, op);
  w.EndArray();
  Key(w, "transactions"), w.StartArray();
  for (const TransactionPlan& t : plan.transactions) WriteTransaction(w, t);
  w.EndArray();
  Key(w, "total_fee_lamports"), w.Uint64(plan.TotalFeeLamports());
  Key(w, "preconditions"), w.StartArray();
  for (const Precondition& p : plan.preconditions) WritePrecondition(w, p);
  w.EndArray();
  Key(w, "warnings"), WriteStrings(w, plan.warnings);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace reconciler
