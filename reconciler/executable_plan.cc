#include "reconciler/executable_plan.h"

#include <initializer_list>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "providers/solana/base64.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/packer.h"
#include "providers/solana/system_program.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "rapidjson/prettywriter.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "reconciler/atomic_file.h"
#include "reconciler/planfile.h"
#include "reconciler/render_json.h"
#include "reconciler/secret_scan.h"

namespace reconciler {
namespace {

using Json = rapidjson::Value;
using Alloc = rapidjson::Document::AllocatorType;

absl::Status Bad(absl::string_view where, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("plan file ", where, ": ", what));
}

// ---- writing ---------------------------------------------------------------

Json Str(const std::string& s, Alloc& a) { return Json(s.c_str(), s.size(), a); }

Json InstructionJson(const solana::Instruction& ix, Alloc& a) {
  Json o(rapidjson::kObjectType);
  o.AddMember("program_id", Str(ix.program_id.ToBase58(), a), a);
  Json metas(rapidjson::kArrayType);
  for (const solana::AccountMeta& m : ix.accounts) {
    Json meta(rapidjson::kObjectType);
    meta.AddMember("pubkey", Str(m.pubkey.ToBase58(), a), a);
    meta.AddMember("signer", m.is_signer, a);
    meta.AddMember("writable", m.is_writable, a);
    metas.PushBack(meta, a);
  }
  o.AddMember("accounts", metas, a);
  o.AddMember("data_base64", Str(solana::Base64Encode(ix.data), a), a);
  return o;
}

Json InstructionsJson(const std::vector<solana::Instruction>& ixs, Alloc& a) {
  Json arr(rapidjson::kArrayType);
  for (const solana::Instruction& ix : ixs) arr.PushBack(InstructionJson(ix, a), a);
  return arr;
}

Json SignerJson(const SignerRef& s, Alloc& a) {
  Json o(rapidjson::kObjectType);
  o.AddMember("pubkey", Str(s.pubkey.ToBase58(), a), a);
  o.AddMember("key", Str(s.key_ref, a), a);
  return o;
}

// A top-up's amount is recomputed from the vault right before apply signs
// it (plan_steps.h); the intent is what that needs.
Json TopUpJson(const std::optional<TopUpIntent>& t, Alloc& a) {
  if (!t) return Json(rapidjson::kNullType);
  Json o(rapidjson::kObjectType);
  o.AddMember("payer", Str(t->payer.ToBase58(), a), a);
  o.AddMember("run", Str(t->run.ToBase58(), a), a);
  o.AddMember("mint", Str(t->mint.ToBase58(), a), a);
  o.AddMember("vault", Str(t->vault.ToBase58(), a), a);
  o.AddMember("target", Json(static_cast<uint64_t>(t->target)), a);
  o.AddMember("decimals", Json(static_cast<unsigned>(t->decimals)), a);
  return o;
}

Json PauseWaitJson(const std::optional<PauseWait>& w, Alloc& a) {
  if (!w) return Json(rapidjson::kNullType);
  Json o(rapidjson::kObjectType);
  o.AddMember("run_address", Str(w->run_address, a), a);
  o.AddMember("coordinator_program", Str(w->coordinator_program.ToBase58(), a), a);
  o.AddMember("coordinator_account", Str(w->coordinator_account.ToBase58(), a), a);
  return o;
}

Json ExecutionJson(const ExecutablePlan& p, Alloc& a) {
  Json e(rapidjson::kObjectType);
  e.AddMember("rpc_url", Str(p.rpc_url, a), a);
  e.AddMember("commitment", Str(p.commitment, a), a);
  e.AddMember("genesis_hash", Str(p.genesis_hash.ToBase58(), a), a);
  e.AddMember("state_dir", Str(p.state_dir, a), a);
  e.AddMember("payer", SignerJson(p.payer, a), a);
  Json signers(rapidjson::kArrayType);
  for (const SignerRef& s : p.signers) signers.PushBack(SignerJson(s, a), a);
  e.AddMember("signers", signers, a);
  e.AddMember("transaction_prefix", InstructionsJson(p.transaction_prefix, a), a);
  Json ops(rapidjson::kArrayType);
  for (size_t i = 0; i < p.build.plan.operations.size(); ++i) {
    Json op(rapidjson::kObjectType);
    op.AddMember("id", Str(p.build.plan.operations[i].id, a), a);
    op.AddMember("instructions", InstructionsJson(p.build.instructions[i].instructions, a), a);
    Json fresh(rapidjson::kArrayType);
    for (const NewAccount& n : p.new_accounts[i]) {
      Json o(rapidjson::kObjectType);
      o.AddMember("pubkey", Str(n.pubkey.ToBase58(), a), a);
      o.AddMember("label", Str(n.label, a), a);
      fresh.PushBack(o, a);
    }
    op.AddMember("new_accounts", fresh, a);
    op.AddMember("top_up", TopUpJson(p.build.instructions[i].top_up, a), a);
    op.AddMember("wait_for_pause", PauseWaitJson(p.build.instructions[i].wait_for_pause, a), a);
    ops.PushBack(op, a);
  }
  e.AddMember("operations", ops, a);
  Json nonces(rapidjson::kArrayType);
  for (const NonceUse& n : p.nonces) {
    Json o(rapidjson::kObjectType);
    o.AddMember("account", Str(n.account.ToBase58(), a), a);
    o.AddMember("authority", Str(n.authority.ToBase58(), a), a);
    o.AddMember("value", Str(n.value.ToBase58(), a), a);
    nonces.PushBack(o, a);
  }
  e.AddMember("nonces", nonces, a);
  return e;
}

Json SignaturesJson(const ExecutablePlan& p, Alloc& a) {
  Json txs(rapidjson::kArrayType);
  for (const auto& tx : p.signatures) {
    Json list(rapidjson::kArrayType);
    for (const CollectedSignature& s : tx) {
      Json o(rapidjson::kObjectType);
      o.AddMember("pubkey", Str(s.signer.ToBase58(), a), a);
      o.AddMember("signature", Str(solana::SignatureToBase58(s.signature), a), a);
      list.PushBack(o, a);
    }
    txs.PushBack(list, a);
  }
  return txs;
}

// ---- reading ---------------------------------------------------------------

absl::Status ExpectKeys(const Json& v, absl::string_view where,
                        std::initializer_list<const char*> keys) {
  if (!v.IsObject()) return Bad(where, "expected an object");
  for (const char* k : keys) {
    if (!v.HasMember(k)) return Bad(where, absl::StrCat("missing key \"", k, "\""));
  }
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    absl::string_view name(it->name.GetString(), it->name.GetStringLength());
    bool known = false;
    for (const char* k : keys) known = known || name == k;
    if (!known) return Bad(where, absl::StrCat("unknown key \"", absl::CEscape(name), "\""));
  }
  if (v.MemberCount() != keys.size()) return Bad(where, "duplicate key");
  return absl::OkStatus();
}

absl::StatusOr<std::string> GetString(const Json& o, const char* key, absl::string_view where) {
  const Json& v = o[key];
  if (!v.IsString()) return Bad(where, absl::StrCat("\"", key, "\" must be a string"));
  return std::string(v.GetString(), v.GetStringLength());
}

absl::StatusOr<solana::Pubkey> GetKey(const Json& o, const char* key, absl::string_view where) {
  ASSIGN_OR_RETURN(std::string text, GetString(o, key, where));
  auto k = solana::Pubkey::FromBase58(text);
  if (!k.ok()) return Bad(absl::StrCat(where, ".", key), k.status().message());
  return *k;
}

absl::StatusOr<const Json*> GetArray(const Json& o, const char* key, absl::string_view where) {
  const Json& v = o[key];
  if (!v.IsArray()) return Bad(where, absl::StrCat("\"", key, "\" must be an array"));
  return &v;
}

absl::StatusOr<solana::Instruction> ParseInstruction(const Json& v, const std::string& where) {
  RETURN_IF_ERROR(ExpectKeys(v, where, {"program_id", "accounts", "data_base64"}));
  solana::Instruction ix;
  ASSIGN_OR_RETURN(ix.program_id, GetKey(v, "program_id", where));
  ASSIGN_OR_RETURN(const Json* metas, GetArray(v, "accounts", where));
  for (const Json& m : metas->GetArray()) {
    const std::string at = absl::StrCat(where, ".accounts[", ix.accounts.size(), "]");
    RETURN_IF_ERROR(ExpectKeys(m, at, {"pubkey", "signer", "writable"}));
    if (!m["signer"].IsBool() || !m["writable"].IsBool()) {
      return Bad(at, "\"signer\" and \"writable\" must be true or false");
    }
    ASSIGN_OR_RETURN(solana::Pubkey key, GetKey(m, "pubkey", at));
    ix.accounts.push_back({key, m["signer"].GetBool(), m["writable"].GetBool()});
  }
  ASSIGN_OR_RETURN(std::string data, GetString(v, "data_base64", where));
  auto bytes = solana::Base64Decode(data);
  if (!bytes.ok()) return Bad(absl::StrCat(where, ".data_base64"), bytes.status().message());
  ix.data = *std::move(bytes);
  return ix;
}

absl::StatusOr<std::vector<solana::Instruction>> ParseInstructions(const Json& o, const char* key,
                                                                   const std::string& where) {
  ASSIGN_OR_RETURN(const Json* arr, GetArray(o, key, where));
  std::vector<solana::Instruction> out;
  for (const Json& v : arr->GetArray()) {
    ASSIGN_OR_RETURN(solana::Instruction ix,
                     ParseInstruction(v, absl::StrCat(where, ".", key, "[", out.size(), "]")));
    out.push_back(std::move(ix));
  }
  return out;
}

// "file:..." / "env:..." / "" only: anything else (a pasted key) is refused.
absl::StatusOr<SignerRef> ParseSigner(const Json& v, const std::string& where) {
  RETURN_IF_ERROR(ExpectKeys(v, where, {"pubkey", "key"}));
  SignerRef s;
  ASSIGN_OR_RETURN(s.pubkey, GetKey(v, "pubkey", where));
  ASSIGN_OR_RETURN(s.key_ref, GetString(v, "key", where));
  if (ContainsSecretKey(s.key_ref)) return Bad(where, "\"key\" looks like a secret key");
  if (!s.key_ref.empty() && !absl::StartsWith(s.key_ref, "file:") &&
      !absl::StartsWith(s.key_ref, "env:")) {
    return Bad(where, "\"key\" must be \"file:PATH\", \"env:VAR\" or \"\"");
  }
  return s;
}

absl::StatusOr<std::optional<TopUpIntent>> ParseTopUp(const Json& v, const std::string& where) {
  if (v.IsNull()) return std::optional<TopUpIntent>();
  RETURN_IF_ERROR(ExpectKeys(v, where, {"payer", "run", "mint", "vault", "target", "decimals"}));
  TopUpIntent t;
  ASSIGN_OR_RETURN(t.payer, GetKey(v, "payer", where));
  ASSIGN_OR_RETURN(t.run, GetKey(v, "run", where));
  ASSIGN_OR_RETURN(t.mint, GetKey(v, "mint", where));
  ASSIGN_OR_RETURN(t.vault, GetKey(v, "vault", where));
  if (!v["target"].IsUint64()) return Bad(where, "\"target\" must be a non-negative integer");
  t.target = v["target"].GetUint64();
  if (!v["decimals"].IsUint() || v["decimals"].GetUint() > 255) {
    return Bad(where, "\"decimals\" must be 0..255");
  }
  t.decimals = static_cast<uint8_t>(v["decimals"].GetUint());
  return std::optional<TopUpIntent>(t);
}

absl::StatusOr<std::optional<PauseWait>> ParsePauseWait(const Json& v, const std::string& where) {
  if (v.IsNull()) return std::optional<PauseWait>();
  RETURN_IF_ERROR(
      ExpectKeys(v, where, {"run_address", "coordinator_program", "coordinator_account"}));
  PauseWait w;
  ASSIGN_OR_RETURN(w.run_address, GetString(v, "run_address", where));
  ASSIGN_OR_RETURN(w.coordinator_program, GetKey(v, "coordinator_program", where));
  ASSIGN_OR_RETURN(w.coordinator_account, GetKey(v, "coordinator_account", where));
  return std::optional<PauseWait>(w);
}

absl::Status ParseOperations(const Json& e, ExecutablePlan* p) {
  ASSIGN_OR_RETURN(const Json* ops, GetArray(e, "operations", "execution"));
  const auto& planned = p->build.plan.operations;
  if (ops->Size() != planned.size()) {
    return Bad("execution.operations", "does not match the plan's operations");
  }
  for (size_t i = 0; i < planned.size(); ++i) {
    const Json& op = (*ops)[static_cast<rapidjson::SizeType>(i)];
    const std::string where = absl::StrCat("execution.operations[", i, "]");
    RETURN_IF_ERROR(
        ExpectKeys(op, where, {"id", "instructions", "new_accounts", "top_up", "wait_for_pause"}));
    ASSIGN_OR_RETURN(std::string id, GetString(op, "id", where));
    if (id != planned[i].id) return Bad(where, "\"id\" does not match the plan's operation");
    OperationInstructions oi;
    ASSIGN_OR_RETURN(oi.instructions, ParseInstructions(op, "instructions", where));
    if (oi.instructions.size() != planned[i].instruction_count) {
      return Bad(where, "instruction count does not match the plan's operation");
    }
    ASSIGN_OR_RETURN(oi.top_up, ParseTopUp(op["top_up"], where + ".top_up"));
    ASSIGN_OR_RETURN(oi.wait_for_pause,
                     ParsePauseWait(op["wait_for_pause"], where + ".wait_for_pause"));
    p->build.instructions.push_back(std::move(oi));
    ASSIGN_OR_RETURN(const Json* fresh, GetArray(op, "new_accounts", where));
    std::vector<NewAccount> accounts;
    for (const Json& n : fresh->GetArray()) {
      const std::string at = absl::StrCat(where, ".new_accounts[", accounts.size(), "]");
      RETURN_IF_ERROR(ExpectKeys(n, at, {"pubkey", "label"}));
      NewAccount acc;
      ASSIGN_OR_RETURN(acc.pubkey, GetKey(n, "pubkey", at));
      ASSIGN_OR_RETURN(acc.label, GetString(n, "label", at));
      accounts.push_back(std::move(acc));
    }
    p->new_accounts.push_back(std::move(accounts));
  }
  return absl::OkStatus();
}

absl::Status ParseNonces(const Json& e, ExecutablePlan* p) {
  ASSIGN_OR_RETURN(const Json* nonces, GetArray(e, "nonces", "execution"));
  for (const Json& n : nonces->GetArray()) {
    const std::string where = absl::StrCat("execution.nonces[", p->nonces.size(), "]");
    RETURN_IF_ERROR(ExpectKeys(n, where, {"account", "authority", "value"}));
    NonceUse use;
    ASSIGN_OR_RETURN(use.account, GetKey(n, "account", where));
    ASSIGN_OR_RETURN(use.authority, GetKey(n, "authority", where));
    ASSIGN_OR_RETURN(use.value, GetKey(n, "value", where));
    p->nonces.push_back(use);
  }
  if (!p->nonces.empty() && p->nonces.size() != p->build.plan.operations.size()) {
    return Bad("execution.nonces", "needs one nonce per operation");
  }
  return absl::OkStatus();
}

absl::Status ParseExecution(const Json& e, ExecutablePlan* p) {
  RETURN_IF_ERROR(ExpectKeys(e, "execution",
                             {"rpc_url", "commitment", "genesis_hash", "state_dir", "payer",
                              "signers", "transaction_prefix", "operations", "nonces"}));
  ASSIGN_OR_RETURN(p->rpc_url, GetString(e, "rpc_url", "execution"));
  ASSIGN_OR_RETURN(p->commitment, GetString(e, "commitment", "execution"));
  ASSIGN_OR_RETURN(p->genesis_hash, GetKey(e, "genesis_hash", "execution"));
  ASSIGN_OR_RETURN(p->state_dir, GetString(e, "state_dir", "execution"));
  ASSIGN_OR_RETURN(p->payer, ParseSigner(e["payer"], "execution.payer"));
  ASSIGN_OR_RETURN(const Json* signers, GetArray(e, "signers", "execution"));
  for (const Json& s : signers->GetArray()) {
    ASSIGN_OR_RETURN(SignerRef ref,
                     ParseSigner(s, absl::StrCat("execution.signers[", p->signers.size(), "]")));
    p->signers.push_back(std::move(ref));
  }
  ASSIGN_OR_RETURN(p->transaction_prefix, ParseInstructions(e, "transaction_prefix", "execution"));
  RETURN_IF_ERROR(ParseOperations(e, p));
  return ParseNonces(e, p);
}

absl::Status ParseSignatures(const Json& v, ExecutablePlan* p) {
  if (!v.IsArray()) return Bad("signatures", "must be an array");
  for (const Json& tx : v.GetArray()) {
    const std::string where = absl::StrCat("signatures[", p->signatures.size(), "]");
    if (!tx.IsArray()) return Bad(where, "must be an array");
    std::vector<CollectedSignature> list;
    for (const Json& s : tx.GetArray()) {
      RETURN_IF_ERROR(ExpectKeys(s, where, {"pubkey", "signature"}));
      CollectedSignature c;
      ASSIGN_OR_RETURN(c.signer, GetKey(s, "pubkey", where));
      ASSIGN_OR_RETURN(std::string sig, GetString(s, "signature", where));
      auto parsed = solana::SignatureFromBase58(sig);
      if (!parsed.ok()) return Bad(where, parsed.status().message());
      c.signature = *parsed;
      list.push_back(c);
    }
    p->signatures.push_back(std::move(list));
  }
  return absl::OkStatus();
}

// The plan keys are read by the strict v1 reader (planfile.h): the document
// minus the v2 sections, with the version the v1 reader expects.
absl::StatusOr<Plan> ParsePlanPart(rapidjson::Document& doc) {
  doc.RemoveMember("execution");
  doc.RemoveMember("signatures");
  doc["format_version"].SetString(kPlanFormatVersion, doc.GetAllocator());
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  return ParsePlanJson(absl::string_view(buf.GetString(), buf.GetSize()));
}

std::set<solana::Pubkey> SignersOfInstructions(const std::vector<solana::Instruction>& ixs) {
  std::set<solana::Pubkey> out;
  for (const auto& ix : ixs) {
    for (const auto& m : ix.accounts) {
      if (m.is_signer) out.insert(m.pubkey);
    }
  }
  return out;
}

absl::Status CheckConsistent(const ExecutablePlan& p) {
  std::set<solana::Pubkey> known = {p.payer.pubkey};
  for (const SignerRef& s : p.signers) known.insert(s.pubkey);
  for (const auto& accounts : p.new_accounts) {
    for (const NewAccount& n : accounts) known.insert(n.pubkey);
  }
  for (const NonceUse& n : p.nonces) known.insert(n.authority);
  for (const OperationInstructions& oi : p.build.instructions) {
    for (const solana::Pubkey& k : SignersOfInstructions(oi.instructions)) {
      if (!known.contains(k)) {
        return Bad("execution", absl::StrCat("signer ", k.ToBase58(), " is not listed"));
      }
    }
  }
  if (!p.signatures.empty() && p.signatures.size() != p.build.plan.operations.size()) {
    return Bad("signatures", "needs one list per transaction");
  }
  return absl::OkStatus();
}

}  // namespace

void FixPlaceholders(const std::map<solana::Pubkey, solana::Pubkey>& replacements,
                     PlanBuild* build) {
  auto swap_all = [&](std::vector<solana::Instruction>& ixs) {
    for (solana::Instruction& ix : ixs) {
      for (solana::AccountMeta& m : ix.accounts) {
        auto it = replacements.find(m.pubkey);
        if (it != replacements.end()) m.pubkey = it->second;
      }
    }
  };
  for (OperationInstructions& oi : build->instructions) {
    swap_all(oi.instructions);
    oi.placeholders.clear();
    oi.placeholder_labels.clear();
  }
  for (solana::PackedTransaction& tx : build->transactions) swap_all(tx.instructions);
  for (Operation& op : build->plan.operations) {
    for (solana::Pubkey& k : op.signers) {
      auto it = replacements.find(k);
      if (it != replacements.end()) k = it->second;
    }
  }
}

absl::Status RebuildTransactions(const std::vector<solana::Instruction>& prefix,
                                 const solana::Pubkey& payer, PlanBuild* build) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < build->plan.operations.size(); ++i) {
    index[build->plan.operations[i].id] = i;
  }
  build->transactions.clear();
  for (const TransactionPlan& t : build->plan.transactions) {
    solana::PackedTransaction tx;
    tx.instructions = prefix;
    std::set<solana::Pubkey> signers = {payer};
    for (const std::string& id : t.operation_ids) {
      auto it = index.find(id);
      if (it == index.end()) return Bad("transactions", absl::StrCat("unknown operation ", id));
      tx.group_indexes.push_back(it->second);
      const auto& ixs = build->instructions[it->second].instructions;
      tx.instructions.insert(tx.instructions.end(), ixs.begin(), ixs.end());
      tx.compute_units += solana::compute_budget::DefaultComputeUnitLimit(ixs);
      for (const solana::Pubkey& k : SignersOfInstructions(ixs)) signers.insert(k);
    }
    tx.num_signatures = signers.size();
    tx.serialized_size = t.size_bytes;
    build->transactions.push_back(std::move(tx));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> RenderExecutablePlan(const ExecutablePlan& p) {
  RETURN_IF_ERROR(ValidatePlan(p.build.plan));
  if (p.build.instructions.size() != p.build.plan.operations.size() ||
      p.new_accounts.size() != p.build.plan.operations.size()) {
    return absl::FailedPreconditionError("plan file: instructions do not match the operations");
  }
  RETURN_IF_ERROR(CheckConsistent(p));
  rapidjson::Document doc;
  const std::string plan_json = RenderJson(p.build.plan);
  doc.Parse(plan_json.data(), plan_json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return absl::InternalError("plan JSON did not parse back");
  }
  Alloc& a = doc.GetAllocator();
  doc["format_version"].SetString(kExecutablePlanFormatVersion, a);
  doc.AddMember("execution", ExecutionJson(p, a), a);
  doc.AddMember("signatures", SignaturesJson(p, a), a);
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  doc.Accept(w);
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

absl::StatusOr<ExecutablePlan> ParseExecutablePlan(absl::string_view json) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(json.data(),
                                                                                    json.size());
  if (doc.HasParseError()) {
    return Bad(absl::StrCat("offset ", doc.GetErrorOffset()),
               rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject() || !doc.HasMember("format_version") || !doc["format_version"].IsString()) {
    return Bad("top level", "not a plan: no \"format_version\" string");
  }
  const std::string version(doc["format_version"].GetString(),
                            doc["format_version"].GetStringLength());
  if (version != kExecutablePlanFormatVersion) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unsupported plan file format_version \"", absl::CEscape(version),
        "\" (this build applies \"", kExecutablePlanFormatVersion, "\"); run plan --out again"));
  }
  if (!doc.HasMember("execution") || !doc.HasMember("signatures")) {
    return Bad("top level", "missing \"execution\" or \"signatures\"");
  }
  // Copies: ParsePlanPart removes them from the document.
  rapidjson::Document sections;
  Json execution(doc["execution"], sections.GetAllocator());
  Json signatures(doc["signatures"], sections.GetAllocator());
  ExecutablePlan p;
  ASSIGN_OR_RETURN(p.build.plan, ParsePlanPart(doc));
  RETURN_IF_ERROR(ParseExecution(execution, &p));
  RETURN_IF_ERROR(ParseSignatures(signatures, &p));
  RETURN_IF_ERROR(RebuildTransactions(p.transaction_prefix, p.payer.pubkey, &p.build));
  RETURN_IF_ERROR(CheckConsistent(p));
  return p;
}

absl::Status SaveExecutablePlan(const ExecutablePlan& plan, const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, RenderExecutablePlan(plan));
  return WriteFileAtomically(path, text);
}

absl::StatusOr<ExecutablePlan> LoadExecutablePlan(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadPlanFileText(path));
  auto plan = ParseExecutablePlan(text);
  if (!plan.ok()) {
    return absl::Status(plan.status().code(), absl::StrCat(path, ": ", plan.status().message()));
  }
  return plan;
}

absl::StatusOr<std::vector<solana::Message>> OfflineMessages(const ExecutablePlan& p) {
  if (!p.uses_nonces()) {
    return absl::FailedPreconditionError(
        "the plan has no durable nonces: make it with plan --out FILE --nonce-account ... "
        "--nonce-authority KEYREF to sign it offline");
  }
  std::vector<solana::Message> out;
  for (size_t i = 0; i < p.build.instructions.size(); ++i) {
    std::vector<solana::Instruction> ixs = {
        solana::system_program::AdvanceNonceAccount(p.nonces[i].account, p.nonces[i].authority)};
    ixs.insert(ixs.end(), p.transaction_prefix.begin(), p.transaction_prefix.end());
    const auto& op = p.build.instructions[i].instructions;
    ixs.insert(ixs.end(), op.begin(), op.end());
    ASSIGN_OR_RETURN(solana::Message m,
                     solana::CompileLegacyMessage(p.payer.pubkey, ixs, p.nonces[i].value));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace reconciler
