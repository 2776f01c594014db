#include "reconciler/planfile.h"

#include <initializer_list>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "reconciler/atomic_file.h"
#include "reconciler/bounded_file.h"
#include "reconciler/render_json.h"

namespace reconciler {
namespace {

using Json = rapidjson::Value;
constexpr size_t kMaxPlanFileBytes = 64u << 20;

absl::Status Bad(absl::string_view where, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("plan JSON ", where, ": ", what));
}

// A JSON object with exactly the given keys, each once: the writer always
// writes all of them, so anything else is a different or damaged format.
absl::Status ExpectKeys(const Json& v, absl::string_view where,
                        std::initializer_list<const char*> keys) {
  if (!v.IsObject()) return Bad(where, "expected an object");
  for (const char* k : keys) {
    if (!v.HasMember(k)) return Bad(where, absl::StrCat("missing key \"", k, "\""));
  }
  if (v.MemberCount() != keys.size()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      absl::string_view name(it->name.GetString(), it->name.GetStringLength());
      bool known = false;
      for (const char* k : keys) known = known || name == k;
      if (!known) return Bad(where, absl::StrCat("unknown key \"", absl::CEscape(name), "\""));
    }
    return Bad(where, "duplicate key");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> GetString(const Json& o, const char* key, absl::string_view where) {
  const Json& v = o[key];
  if (!v.IsString()) return Bad(where, absl::StrCat("\"", key, "\" must be a string"));
  return std::string(v.GetString(), v.GetStringLength());
}

absl::StatusOr<uint64_t> GetU64(const Json& o, const char* key, absl::string_view where) {
  const Json& v = o[key];
  if (!v.IsUint64()) {
    return Bad(where, absl::StrCat("\"", key, "\" must be a non-negative integer"));
  }
  return v.GetUint64();
}

absl::StatusOr<uint32_t> GetU32(const Json& o, const char* key, absl::string_view where) {
  const Json& v = o[key];
  if (!v.IsUint()) return Bad(where, absl::StrCat("\"", key, "\" must be a 32-bit integer"));
  return v.GetUint();
}

absl::StatusOr<int> GetCount(const Json& o, const char* key, absl::string_view where) {
  const Json& v = o[key];
  if (!v.IsInt() || v.GetInt() < 0) return Bad(where, absl::StrCat("\"", key, "\" bad count"));
  return v.GetInt();
}

absl::StatusOr<bool> GetBool(const Json& o, const char* key, absl::string_view where) {
  const Json& v = o[key];
  if (!v.IsBool()) return Bad(where, absl::StrCat("\"", key, "\" must be true or false"));
  return v.GetBool();
}

absl::StatusOr<solana::Pubkey> ParsePubkey(const Json& v, absl::string_view where) {
  if (!v.IsString()) return Bad(where, "a pubkey must be a base58 string");
  auto key = solana::Pubkey::FromBase58(absl::string_view(v.GetString(), v.GetStringLength()));
  if (!key.ok()) return Bad(where, key.status().message());
  return *key;
}

absl::StatusOr<solana::Pubkey> GetPubkey(const Json& o, const char* key,
                                         absl::string_view where) {
  return ParsePubkey(o[key], absl::StrCat(where, ".", key));
}

absl::StatusOr<solana::Hash> GetHash(const Json& o, const char* key, absl::string_view where) {
  ASSIGN_OR_RETURN(std::string hex, GetString(o, key, where));
  if (hex.size() != 64) return Bad(where, absl::StrCat("\"", key, "\" must be 64 hex digits"));
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Bad(where, absl::StrCat("\"", key, "\" must be lowercase hex"));
    }
  }
  std::string raw = absl::HexStringToBytes(hex);
  std::array<uint8_t, 32> bytes;
  std::copy(raw.begin(), raw.end(), bytes.begin());
  return solana::Hash(bytes);
}

absl::StatusOr<std::vector<std::string>> GetStrings(const Json& o, const char* key,
                                                    absl::string_view where) {
  const Json& v = o[key];
  if (!v.IsArray()) return Bad(where, absl::StrCat("\"", key, "\" must be an array"));
  std::vector<std::string> out;
  for (const Json& s : v.GetArray()) {
    if (!s.IsString()) return Bad(where, absl::StrCat("\"", key, "\" must hold strings"));
    out.emplace_back(s.GetString(), s.GetStringLength());
  }
  return out;
}

const Json* GetArray(const Json& o, const char* key) {
  const Json& v = o[key];
  return v.IsArray() ? &v : nullptr;
}

std::optional<Value::Kind> KindFromName(absl::string_view name) {
  for (Value::Kind k : {Value::Kind::kNull, Value::Kind::kBool, Value::Kind::kInteger,
                        Value::Kind::kString, Value::Kind::kPubkey}) {
    if (name == ValueKindName(k)) return k;
  }
  return std::nullopt;
}

absl::StatusOr<Value> ParseValue(const Json& v, Value::Kind kind, absl::string_view where) {
  if (v.IsNull()) return Value::Null();
  switch (kind) {
    case Value::Kind::kNull: break;
    case Value::Kind::kBool:
      if (v.IsBool()) return Value::Bool(v.GetBool());
      break;
    case Value::Kind::kInteger:
      if (v.IsUint64()) return Value::Uint(v.GetUint64());
      if (v.IsInt64()) return Value::Int(v.GetInt64());
      break;
    case Value::Kind::kString:
      if (v.IsString()) return Value::String(std::string(v.GetString(), v.GetStringLength()));
      break;
    case Value::Kind::kPubkey: {
      ASSIGN_OR_RETURN(solana::Pubkey key, ParsePubkey(v, where));
      return Value::Key(key);
    }
  }
  return Bad(where, absl::StrCat("value does not match its type ", ValueKindName(kind)));
}

absl::StatusOr<FieldChange> ParseField(const Json& v, absl::string_view where) {
  RETURN_IF_ERROR(ExpectKeys(v, where,
                             {"path", "type", "before", "after", "sensitive", "computed",
                              "ignored", "requires_replace"}));
  FieldChange f;
  ASSIGN_OR_RETURN(f.path, GetString(v, "path", where));
  ASSIGN_OR_RETURN(std::string type, GetString(v, "type", where));
  std::optional<Value::Kind> kind = KindFromName(type);
  if (!kind) return Bad(where, absl::StrCat("unknown value type \"", absl::CEscape(type), "\""));
  ASSIGN_OR_RETURN(f.before, ParseValue(v["before"], *kind, absl::StrCat(where, ".before")));
  ASSIGN_OR_RETURN(f.after, ParseValue(v["after"], *kind, absl::StrCat(where, ".after")));
  ASSIGN_OR_RETURN(f.sensitive, GetBool(v, "sensitive", where));
  ASSIGN_OR_RETURN(f.computed, GetBool(v, "computed", where));
  ASSIGN_OR_RETURN(f.ignored, GetBool(v, "ignored", where));
  ASSIGN_OR_RETURN(f.requires_replace, GetBool(v, "requires_replace", where));
  if (FieldValueKind(f) != *kind) return Bad(where, "\"type\" does not match the values");
  return f;
}

absl::StatusOr<TreasuryTopUp> ParseTopUp(const Json& v, absl::string_view where) {
  RETURN_IF_ERROR(ExpectKeys(v, where, {"mint", "target", "observed", "amount"}));
  TreasuryTopUp t;
  ASSIGN_OR_RETURN(t.mint, GetPubkey(v, "mint", where));
  ASSIGN_OR_RETURN(t.target, GetU64(v, "target", where));
  ASSIGN_OR_RETURN(t.observed, GetU64(v, "observed", where));
  ASSIGN_OR_RETURN(uint64_t amount, GetU64(v, "amount", where));
  if (amount != t.amount()) return Bad(where, "\"amount\" is not target - observed");
  return t;
}

absl::StatusOr<ResourceChange> ParseChange(const Json& v, absl::string_view where) {
  RETURN_IF_ERROR(
      ExpectKeys(v, where, {"address", "kind", "action", "fields", "notes", "top_up"}));
  ResourceChange c;
  ASSIGN_OR_RETURN(c.address, GetString(v, "address", where));
  ASSIGN_OR_RETURN(c.kind, GetString(v, "kind", where));
  ASSIGN_OR_RETURN(std::string action, GetString(v, "action", where));
  std::optional<Action> a = ActionFromName(action);
  if (!a) return Bad(where, absl::StrCat("unknown action \"", absl::CEscape(action), "\""));
  c.action = *a;
  const Json* fields = GetArray(v, "fields");
  if (!fields) return Bad(where, "\"fields\" must be an array");
  for (const Json& f : fields->GetArray()) {
    ASSIGN_OR_RETURN(FieldChange fc, ParseField(f, absl::StrCat(where, ".fields[", c.fields.size(), "]")));
    c.fields.push_back(std::move(fc));
  }
  ASSIGN_OR_RETURN(c.notes, GetStrings(v, "notes", where));
  if (!v["top_up"].IsNull()) {
    ASSIGN_OR_RETURN(c.top_up, ParseTopUp(v["top_up"], absl::StrCat(where, ".top_up")));
  }
  return c;
}

absl::StatusOr<Operation> ParseOperation(const Json& v, absl::string_view where) {
  RETURN_IF_ERROR(ExpectKeys(v, where,
                             {"id", "address", "description", "depends_on", "instructions",
                              "signers", "fee_lamports"}));
  Operation op;
  ASSIGN_OR_RETURN(op.id, GetString(v, "id", where));
  ASSIGN_OR_RETURN(op.address, GetString(v, "address", where));
  ASSIGN_OR_RETURN(op.description, GetString(v, "description", where));
  ASSIGN_OR_RETURN(op.depends_on, GetStrings(v, "depends_on", where));
  ASSIGN_OR_RETURN(op.instruction_count, GetU32(v, "instructions", where));
  const Json* signers = GetArray(v, "signers");
  if (!signers) return Bad(where, "\"signers\" must be an array");
  for (const Json& s : signers->GetArray()) {
    ASSIGN_OR_RETURN(solana::Pubkey key, ParsePubkey(s, absl::StrCat(where, ".signers")));
    op.signers.push_back(key);
  }
  ASSIGN_OR_RETURN(op.fee_lamports, GetU64(v, "fee_lamports", where));
  return op;
}

absl::StatusOr<TransactionPlan> ParseTransaction(const Json& v, absl::string_view where) {
  RETURN_IF_ERROR(ExpectKeys(v, where, {"operations", "size_bytes", "fee_lamports"}));
  TransactionPlan t;
  ASSIGN_OR_RETURN(t.operation_ids, GetStrings(v, "operations", where));
  ASSIGN_OR_RETURN(t.size_bytes, GetU32(v, "size_bytes", where));
  ASSIGN_OR_RETURN(t.fee_lamports, GetU64(v, "fee_lamports", where));
  return t;
}

absl::StatusOr<Precondition> ParsePrecondition(const Json& v, absl::string_view where) {
  RETURN_IF_ERROR(ExpectKeys(
      v, where, {"address", "exists", "slot", "lamports", "owner", "data_sha256"}));
  Precondition p;
  ASSIGN_OR_RETURN(p.address, GetPubkey(v, "address", where));
  ASSIGN_OR_RETURN(p.exists, GetBool(v, "exists", where));
  ASSIGN_OR_RETURN(p.slot, GetU64(v, "slot", where));
  ASSIGN_OR_RETURN(p.lamports, GetU64(v, "lamports", where));
  ASSIGN_OR_RETURN(p.owner, GetPubkey(v, "owner", where));
  ASSIGN_OR_RETURN(p.data_sha256, GetHash(v, "data_sha256", where));
  return p;
}

absl::StatusOr<PlanSummary> ParseSummary(const Json& v) {
  RETURN_IF_ERROR(ExpectKeys(v, "summary", {"add", "change", "destroy", "read", "no_op"}));
  PlanSummary s;
  ASSIGN_OR_RETURN(s.add, GetCount(v, "add", "summary"));
  ASSIGN_OR_RETURN(s.change, GetCount(v, "change", "summary"));
  ASSIGN_OR_RETURN(s.destroy, GetCount(v, "destroy", "summary"));
  ASSIGN_OR_RETURN(s.read, GetCount(v, "read", "summary"));
  ASSIGN_OR_RETURN(s.no_op, GetCount(v, "no_op", "summary"));
  return s;
}

// Parses each element of root[key] with parse, appending to out.
template <typename T, typename F>
absl::Status ParseList(const Json& root, const char* key, F parse, std::vector<T>* out) {
  const Json* items = GetArray(root, key);
  if (!items) return Bad(key, "must be an array");
  for (const Json& item : items->GetArray()) {
    ASSIGN_OR_RETURN(T parsed, parse(item, absl::StrCat(key, "[", out->size(), "]")));
    out->push_back(std::move(parsed));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Plan> ParsePlanJson(absl::string_view json) {
  rapidjson::Document doc;
  // Iterative: nesting depth cannot exhaust the stack. UTF-8 is validated.
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(json.data(),
                                                                                     json.size());
  if (doc.HasParseError()) {
    return Bad(absl::StrCat("offset ", doc.GetErrorOffset()),
               rapidjson::GetParseError_En(doc.GetParseError()));
  }
  // The version decides how to read the rest, so check it before the keys.
  if (!doc.IsObject() || !doc.HasMember("format_version") || !doc["format_version"].IsString()) {
    return Bad("top level", "not a plan: no \"format_version\" string");
  }
  std::string version(doc["format_version"].GetString(), doc["format_version"].GetStringLength());
  if (version != kPlanFormatVersion) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unsupported plan format_version \"", absl::CEscape(version), "\" (this build reads \"",
        kPlanFormatVersion, "\"); re-run plan"));
  }
  RETURN_IF_ERROR(ExpectKeys(doc, "top level",
                             {"format_version", "cluster", "manifests_sha256", "summary",
                              "resource_changes", "operations", "transactions",
                              "total_fee_lamports", "preconditions", "warnings"}));
  Plan plan;
  plan.format_version = version;
  ASSIGN_OR_RETURN(plan.cluster, GetString(doc, "cluster", "top level"));
  ASSIGN_OR_RETURN(plan.manifests_hash, GetHash(doc, "manifests_sha256", "top level"));
  RETURN_IF_ERROR(ParseList(doc, "resource_changes", ParseChange, &plan.changes));
  RETURN_IF_ERROR(ParseList(doc, "operations", ParseOperation, &plan.operations));
  RETURN_IF_ERROR(ParseList(doc, "transactions", ParseTransaction, &plan.transactions));
  RETURN_IF_ERROR(ParseList(doc, "preconditions", ParsePrecondition, &plan.preconditions));
  ASSIGN_OR_RETURN(plan.warnings, GetStrings(doc, "warnings", "top level"));
  ASSIGN_OR_RETURN(PlanSummary summary, ParseSummary(doc["summary"]));
  if (!(summary == plan.Summary())) return Bad("summary", "does not match resource_changes");
  ASSIGN_OR_RETURN(uint64_t total, GetU64(doc, "total_fee_lamports", "top level"));
  if (total != plan.TotalFeeLamports()) {
    return Bad("total_fee_lamports", "is not the sum of the transaction fees");
  }
  RETURN_IF_ERROR(ValidatePlan(plan));
  return plan;
}

absl::Status SavePlanFile(const Plan& plan, const std::string& path) {
  RETURN_IF_ERROR(ValidatePlan(plan));
  std::string text = RenderJson(plan);
  return WriteFileAtomically(path, text);
}

absl::StatusOr<std::string> ReadPlanFileText(const std::string& path) {
  auto read = ReadBoundedFile(path, kMaxPlanFileBytes);
  if (!read.ok()) {
    return absl::Status(read.status().code(),
                        absl::StrCat("plan file ", path, ": ", read.status().message()));
  }
  return read;
}

absl::StatusOr<Plan> LoadPlanFile(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadPlanFileText(path));
  auto plan = ParsePlanJson(text);
  if (!plan.ok()) {
    return absl::Status(plan.status().code(), absl::StrCat(path, ": ", plan.status().message()));
  }
  return plan;
}

}  // namespace reconciler
