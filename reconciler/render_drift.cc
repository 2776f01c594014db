#include "reconciler/render_drift.h"

#include "rapidjson/prettywriter.h"
#include "rapidjson/stringbuffer.h"
#include "reconciler/plan_json_value.h"
#include "reconciler/secret_scan.h"
#include "reconciler/render_json.h"

namespace reconciler {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Every string passes the secret guard on its way out.
void Str(Writer& w, absl::string_view s) {
  std::string text = RedactSecrets(s);
  w.String(text.data(), text.size());
}

void WriteDriftedField(Writer& w, const FieldChange& f) {
  w.StartObject();
  w.Key("path");
  Str(w, f.path);
  w.Key("type");
  w.String(ValueKindName(FieldValueKind(f)));
  w.Key("expected");
  WriteJsonValue(w, f.sensitive ? Value::Null() : f.after);
  w.Key("observed");
  WriteJsonValue(w, f.sensitive ? Value::Null() : f.before);
  w.Key("sensitive");
  w.Bool(f.sensitive);
  w.EndObject();
}

void WriteDriftedResource(Writer& w, const ResourceChange& c) {
  w.StartObject();
  w.Key("address");
  Str(w, c.address);
  w.Key("kind");
  Str(w, c.kind);
  w.Key("action");
  Str(w, ActionName(c.action));
  w.Key("fields");
  w.StartArray();
  for (const FieldChange& f : c.fields) {
    // Ignored fields change by themselves; computed ones have no expected value yet.
    if (!f.ignored && !f.computed) WriteDriftedField(w, f);
  }
  w.EndArray();
  w.Key("top_up");
  if (c.top_up) {
    w.StartObject();
    w.Key("target");
    w.Uint64(c.top_up->target);
    w.Key("observed");
    w.Uint64(c.top_up->observed);
    w.Key("amount");
    w.Uint64(c.top_up->amount());
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
}

}  // namespace

bool HasDrift(const Plan& plan) {
  for (const ResourceChange& c : plan.changes) {
    if (ActionChangesChain(c.action)) return true;
  }
  return false;
}

std::string RenderDriftJson(const Plan& plan) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("format_version");
  w.String(kPlanFormatVersion);
  w.Key("cluster");
  Str(w, plan.cluster);
  w.Key("drifted");
  w.Bool(HasDrift(plan));
  w.Key("resources");
  w.StartArray();
  for (const ResourceChange& c : plan.changes) {
    if (ActionChangesChain(c.action)) WriteDriftedResource(w, c);
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace reconciler
