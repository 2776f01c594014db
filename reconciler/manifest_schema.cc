#include "reconciler/manifest_schema.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rapidjson/pointer.h"
#include "rapidjson/schema.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "reconciler/embedded_schemas.h"

namespace reconciler {
namespace {

struct KindInfo {
  Kind kind;
  const char* name;
  const char* schema_file;
};

constexpr KindInfo kKinds[] = {
    {Kind::kCluster, "Cluster", "cluster.schema.json"},
    {Kind::kRun, "Run", "run.schema.json"},
    {Kind::kAuthorization, "Authorization", "authorization.schema.json"},
};

const KindInfo& Info(Kind kind) {
  for (const KindInfo& info : kKinds) {
    if (info.kind == kind) return info;
  }
  return kKinds[0];  // unreachable: every enumerator is listed
}

// A parsed schema; parse errors in a compiled-in schema are a build defect
// that the tests catch, reported here as a diagnostic rather than a crash.
struct CompiledSchema {
  rapidjson::Document json;
  std::unique_ptr<rapidjson::SchemaDocument> schema;
};

std::vector<CompiledSchema> CompileAll() {
  std::vector<CompiledSchema> all(std::size(kKinds));
  for (size_t i = 0; i < all.size(); ++i) {
    all[i].json.Parse(SchemaText(kKinds[i].kind));
    if (!all[i].json.HasParseError()) {
      all[i].schema = std::make_unique<rapidjson::SchemaDocument>(all[i].json);
    }
  }
  return all;
}

const CompiledSchema& Compiled(Kind kind) {
  // Elements never move after construction: each SchemaDocument refers to its json.
  static const std::vector<CompiledSchema> compiled = CompileAll();
  return compiled[static_cast<size_t>(kind)];
}

std::string PointerString(const rapidjson::Pointer& pointer) {
  rapidjson::StringBuffer buffer;
  pointer.Stringify(buffer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string Compact(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  std::string text(buffer.GetString(), buffer.GetSize());
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

const char* TypeName(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return "boolean";
  if (v.IsInt64() || v.IsUint64()) return "integer";
  if (v.IsNumber()) return "number";
  if (v.IsString()) return "string";
  if (v.IsArray()) return "list";
  return "mapping";
}

// "got string \"abc\"", "got mapping".
std::string Got(const rapidjson::Value& v) {
  if (v.IsObject() || v.IsArray() || v.IsNull()) return absl::StrCat("got ", TypeName(v));
  return absl::StrCat("got ", TypeName(v), " ", Compact(v));
}

std::string SchemaTypeNames(const rapidjson::Value* type) {
  if (type == nullptr) return "?";
  auto name = [](const rapidjson::Value& t) -> std::string {
    std::string s = t.IsString() ? t.GetString() : "";
    if (s == "array") return "list";
    if (s == "object") return "mapping";
    return s;
  };
  if (!type->IsArray()) return name(*type);
  std::vector<std::string> names;
  for (const auto& t : type->GetArray()) names.push_back(name(t));
  return absl::StrJoin(names, " or ");
}

const rapidjson::Value* Member(const rapidjson::Value* object, const char* name) {
  if (object == nullptr || !object->IsObject()) return nullptr;
  auto it = object->FindMember(name);
  return it == object->MemberEnd() ? nullptr : &it->value;
}

std::string Expected(const rapidjson::Value* schema) {
  const rapidjson::Value* d = Member(schema, "description");
  return d != nullptr && d->IsString() ? absl::StrCat("; expected ", d->GetString()) : "";
}

std::string Listed(const rapidjson::Value* values) {
  std::vector<std::string> out;
  if (values != nullptr && values->IsArray()) {
    for (const auto& v : values->GetArray()) out.push_back(v.IsString() ? v.GetString() : Compact(v));
  } else if (values != nullptr && values->IsObject()) {
    for (const auto& m : values->GetObject()) out.push_back(m.name.GetString());
  }
  return absl::StrJoin(out, ", ");
}

std::string Limit(const rapidjson::Value* schema, const char* keyword) {
  const rapidjson::Value* v = Member(schema, keyword);
  return v != nullptr ? Compact(*v) : "?";
}

// Builds the diagnostic for the violation the validator stopped at.
Diagnostic Describe(const YamlDocument& doc, const rapidjson::Document& schema_json,
                    const rapidjson::SchemaValidator& validator) {
  const std::string keyword = validator.GetInvalidSchemaKeyword();
  std::string pointer = PointerString(validator.GetInvalidDocumentPointer());
  const rapidjson::Value* schema = validator.GetInvalidSchemaPointer().Get(schema_json);
  const rapidjson::Value* value = validator.GetInvalidDocumentPointer().Get(doc.json);
  const rapidjson::Value null_value;
  const rapidjson::Value& v = value != nullptr ? *value : null_value;
  SourcePosition position = doc.Locate(pointer);
  std::string message;

  if (keyword == "additionalProperties") {
    position = doc.LocateKey(pointer);
    message = absl::StrCat("unknown field; allowed here: ", Listed(Member(schema, "properties")));
  } else if (keyword == "required") {
    std::vector<std::string> missing;
    if (const rapidjson::Value* req = Member(schema, "required"); req != nullptr && v.IsObject()) {
      for (const auto& name : req->GetArray()) {
        if (!v.HasMember(name)) missing.push_back(name.GetString());
      }
    }
    if (missing.size() == 1) {
      pointer = absl::StrCat(pointer, "/", missing[0]);
      message = "required field is missing";
    } else {
      message = absl::StrCat("required fields are missing: ", absl::StrJoin(missing, ", "));
    }
  } else if (keyword == "type") {
    std::string expected = Expected(schema);
    if (expected.empty()) expected = absl::StrCat("; expected ", SchemaTypeNames(Member(schema, "type")));
    message = absl::StrCat(Got(v), expected);
  } else if (keyword == "enum") {
    message = absl::StrCat(Got(v), "; expected one of: ", Listed(Member(schema, "enum")));
  } else if (keyword == "pattern") {
    message = absl::StrCat("invalid value ", Compact(v), Expected(schema));
  } else if (keyword == "minimum") {
    message = absl::StrCat(Got(v), "; must be at least ", Limit(schema, "minimum"), Expected(schema));
  } else if (keyword == "maximum") {
    message = absl::StrCat(Got(v), "; must be at most ", Limit(schema, "maximum"), Expected(schema));
  } else if (keyword == "minLength") {
    message = absl::StrCat("must be at least ", Limit(schema, "minLength"), " characters long");
  } else if (keyword == "maxLength") {
    message = absl::StrCat("must be at most ", Limit(schema, "maxLength"), " characters long");
  } else if (keyword == "minItems") {
    message = absl::StrCat("must list at least ", Limit(schema, "minItems"), " entries");
  } else if (keyword == "uniqueItems") {
    message = "lists the same entry twice";
  } else if (keyword == "minProperties") {
    message = absl::StrCat("must set at least one of: ", Listed(Member(schema, "properties")));
  } else {
    message = absl::StrCat("fails the schema rule '", keyword, "'");
  }
  return Error(doc.file, position, FieldPathFromPointer(pointer), message);
}

}  // namespace

const char* KindName(Kind kind) { return Info(kind).name; }

std::optional<Kind> KindFromName(absl::string_view name) {
  for (const KindInfo& info : kKinds) {
    if (name == info.name) return info.kind;
  }
  return std::nullopt;
}

const char* SchemaText(Kind kind) {
  for (const EmbeddedSchema& s : kEmbeddedSchemas) {
    if (absl::string_view(s.file_name) == Info(kind).schema_file) return s.text;
  }
  return "";
}

SchemaCheck CheckManifestSchema(const YamlDocument& doc) {
  SchemaCheck check;
  auto fail = [&](const std::string& pointer, std::string message) {
    check.diagnostics.push_back(
        Error(doc.file, doc.Locate(pointer), FieldPathFromPointer(pointer), std::move(message)));
    return std::move(check);
  };
  const rapidjson::Value& root = doc.json;
  if (!root.IsObject()) {
    return fail("", absl::StrCat("a manifest must be a mapping with apiVersion, kind, metadata "
                                 "and spec; ", Got(root)));
  }
  const rapidjson::Value* api = Member(&root, "apiVersion");
  if (api == nullptr) return fail("/apiVersion", "required field is missing");
  if (!api->IsString() || absl::string_view(api->GetString()) != kApiVersion) {
    return fail("/apiVersion", absl::StrCat(Got(*api), "; expected ", kApiVersion));
  }
  const rapidjson::Value* kind_value = Member(&root, "kind");
  if (kind_value == nullptr) return fail("/kind", "required field is missing");
  std::optional<Kind> kind;
  if (kind_value->IsString()) kind = KindFromName(kind_value->GetString());
  if (!kind) {
    return fail("/kind", absl::StrCat("unknown kind: ", Got(*kind_value),
                                      "; expected one of: Cluster, Run, Authorization"));
  }
  const CompiledSchema& compiled = Compiled(*kind);
  if (compiled.schema == nullptr) {
    return fail("", absl::StrCat("internal error: the compiled-in schema ", Info(*kind).schema_file,
                                 " does not parse"));
  }
  rapidjson::SchemaValidator validator(*compiled.schema);
  if (!root.Accept(validator)) {
    check.diagnostics.push_back(Describe(doc, compiled.json, validator));
    return check;
  }
  check.kind = kind;
  return check;
}

}  // namespace reconciler
