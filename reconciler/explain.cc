#include "reconciler/explain.h"

#include <functional>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/psyche/anchor.h"
#include "providers/psyche/coordinator_instruction_data.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/solana/base64.h"
#include "providers/solana/coding.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"

namespace reconciler {
namespace {

using Args = std::vector<std::pair<std::string, std::string>>;
namespace ids = solana::program_ids;

std::string Hex(solana::ByteView b) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

std::string Quoted(absl::string_view s) { return absl::StrCat("\"", absl::CEscape(s), "\""); }

// Names the instruction's accounts by position; extras are "account[i]".
void NameAccounts(const solana::Instruction& ix, std::vector<std::string> roles,
                  ExplainedInstruction* out) {
  for (size_t i = 0; i < ix.accounts.size(); ++i) {
    const auto& m = ix.accounts[i];
    out->accounts.push_back({i < roles.size() ? roles[i] : absl::StrCat("account[", i, "]"),
                             m.pubkey, m.is_signer, m.is_writable});
  }
}

// Each decoder fills name, roles and args; false when the data does not parse.
using Decoder =
    std::function<bool(solana::ByteReader&, ExplainedInstruction*, std::vector<std::string>*)>;

bool DecodeSystem(solana::ByteReader& r, ExplainedInstruction* e, std::vector<std::string>* roles) {
  auto tag = r.U32("tag");
  if (!tag.ok()) return false;
  auto key = [&](const char* what) -> std::optional<std::string> {
    auto b = r.Take(32, what);
    if (!b.ok()) return std::nullopt;
    return solana::Pubkey::FromBytes(*b)->ToBase58();
  };
  auto u64 = [&](const char* what) -> std::optional<std::string> {
    auto v = r.U64(what);
    if (!v.ok()) return std::nullopt;
    return absl::StrCat(*v);
  };
  switch (*tag) {
    case 0: {
      e->name = "CreateAccount";
      *roles = {"funder", "new_account"};
      auto l = u64("lamports"), s = u64("space");
      auto o = key("owner");
      if (!l || !s || !o) return false;
      e->args = {{"lamports", *l}, {"space", *s}, {"owner", *o}};
      return true;
    }
    case 1: {
      e->name = "Assign";
      *roles = {"account"};
      auto o = key("owner");
      if (!o) return false;
      e->args = {{"owner", *o}};
      return true;
    }
    case 2: {
      e->name = "Transfer";
      *roles = {"from", "to"};
      auto l = u64("lamports");
      if (!l) return false;
      e->args = {{"lamports", *l}};
      return true;
    }
    case 4:
      e->name = "AdvanceNonceAccount";
      *roles = {"nonce_account", "recent_blockhashes_sysvar", "nonce_authority"};
      return true;
    case 5: {
      e->name = "WithdrawNonceAccount";
      *roles = {"nonce_account", "recipient", "recent_blockhashes_sysvar", "rent_sysvar",
                "nonce_authority"};
      auto l = u64("lamports");
      if (!l) return false;
      e->args = {{"lamports", *l}};
      return true;
    }
    case 6: {
      e->name = "InitializeNonceAccount";
      *roles = {"nonce_account", "recent_blockhashes_sysvar", "rent_sysvar"};
      auto a = key("authority");
      if (!a) return false;
      e->args = {{"authority", *a}};
      return true;
    }
    case 7: {
      e->name = "AuthorizeNonceAccount";
      *roles = {"nonce_account", "nonce_authority"};
      auto a = key("new_authority");
      if (!a) return false;
      e->args = {{"new_authority", *a}};
      return true;
    }
    case 8: {
      e->name = "Allocate";
      *roles = {"account"};
      auto s = u64("space");
      if (!s) return false;
      e->args = {{"space", *s}};
      return true;
    }
    default:
      e->name = absl::StrCat("(System instruction ", *tag, ", not decoded)");
      return false;
  }
}

bool DecodeComputeBudget(solana::ByteReader& r, ExplainedInstruction* e,
                         std::vector<std::string>*) {
  auto tag = r.U8("tag");
  if (!tag.ok()) return false;
  if (*tag == 3) {
    e->name = "SetComputeUnitPrice";
    auto v = r.U64("micro_lamports");
    if (!v.ok()) return false;
    e->args = {{"micro_lamports_per_compute_unit", absl::StrCat(*v)}};
    return true;
  }
  const char* names[] = {nullptr, "RequestHeapFrame", "SetComputeUnitLimit", nullptr,
                         "SetLoadedAccountsDataSizeLimit"};
  const char* args[] = {nullptr, "bytes", "compute_units", nullptr, "bytes"};
  if (*tag >= 5 || names[*tag] == nullptr) return false;
  e->name = names[*tag];
  auto v = r.U32(args[*tag]);
  if (!v.ok()) return false;
  e->args = {{args[*tag], absl::StrCat(*v)}};
  return true;
}

bool DecodeToken(solana::ByteReader& r, ExplainedInstruction* e, std::vector<std::string>* roles) {
  auto tag = r.U8("tag");
  if (!tag.ok()) return false;
  auto amount = [&]() -> bool {
    auto v = r.U64("amount");
    if (!v.ok()) return false;
    e->args.push_back({"amount (base units)", absl::StrCat(*v)});
    return true;
  };
  switch (*tag) {
    case 0:
    case 20: {
      e->name = *tag == 0 ? "InitializeMint" : "InitializeMint2";
      *roles = *tag == 0 ? std::vector<std::string>{"mint", "rent_sysvar"}
                         : std::vector<std::string>{"mint"};
      auto d = r.U8("decimals");
      auto a = r.Take(32, "mint_authority");
      if (!d.ok() || !a.ok()) return false;
      e->args = {{"decimals", absl::StrCat(*d)},
                 {"mint_authority", solana::Pubkey::FromBytes(*a)->ToBase58()}};
      return true;
    }
    case 3:
      e->name = "Transfer";
      *roles = {"source", "destination", "owner"};
      return amount();
    case 7:
      e->name = "MintTo";
      *roles = {"mint", "destination", "mint_authority"};
      return amount();
    case 12: {
      e->name = "TransferChecked";
      *roles = {"source", "mint", "destination", "owner"};
      if (!amount()) return false;
      auto d = r.U8("decimals");
      if (!d.ok()) return false;
      e->args.push_back({"decimals", absl::StrCat(*d)});
      return true;
    }
    default:
      e->name = absl::StrCat("(SPL Token instruction ", *tag, ", not decoded)");
      return false;
  }
}

bool DecodeAta(solana::ByteReader& r, ExplainedInstruction* e, std::vector<std::string>* roles) {
  *roles = {"funder", "associated_token_account", "wallet",
            "mint",   "system_program",           "token_program"};
  if (r.remaining() == 0) {
    e->name = "Create";
    return true;
  }
  auto tag = r.U8("tag");
  if (!tag.ok() || *tag > 1) return false;
  e->name = *tag == 0 ? "Create" : "CreateIdempotent";
  return true;
}

bool DecodeCoordinator(solana::ByteReader& r, ExplainedInstruction* e,
                       std::vector<std::string>* roles) {
  auto decoded = psyche::DecodeCoordinatorInstructionData(r.rest());
  if (!decoded.ok()) return false;
  e->name = std::string(psyche::CoordinatorInstructionName(*decoded));
  *roles = {"authority", "coordinator_instance", "coordinator_account"};
  if (const auto* a = std::get_if<psyche::InitCoordinatorArgs>(&*decoded)) {
    *roles = {"payer", "coordinator_instance", "coordinator_account", "system_program"};
    e->args = {{"main_authority", a->main_authority.ToBase58()},
               {"join_authority", a->join_authority.ToBase58()},
               {"run_id", Quoted(a->run_id)},
               {"client_version", Quoted(a->client_version)}};
  } else if (const auto* u = std::get_if<psyche::UpdateArgs>(&*decoded)) {
    auto set = [](bool b) { return std::string(b ? "set" : "unchanged"); };
    e->args = {{"metadata", set(u->metadata.has_value())},
               {"config", set(u->config.has_value())},
               {"model", set(u->model.has_value())},
               {"progress", set(u->progress.has_value())}};
  } else if (const auto* v = std::get_if<psyche::UpdateClientVersionArgs>(&*decoded)) {
    e->args = {{"new_version", Quoted(v->new_version)}};
  } else if (const auto* f = std::get_if<psyche::SetFutureEpochRatesArgs>(&*decoded)) {
    auto opt = [](const std::optional<uint64_t>& x) {
      return x ? absl::StrCat(*x) : std::string("unchanged");
    };
    e->args = {{"epoch_earning_rate_total_shared", opt(f->epoch_earning_rate_total_shared)},
               {"epoch_slashing_rate_per_client", opt(f->epoch_slashing_rate_per_client)}};
  } else if (const auto* p = std::get_if<psyche::SetPausedArgs>(&*decoded)) {
    e->args = {{"paused", p->paused ? "true" : "false"}};
  } else if (std::holds_alternative<psyche::FreeCoordinatorArgs>(*decoded)) {
    *roles = {"authority", "spill", "coordinator_instance", "coordinator_account"};
  } else if (std::holds_alternative<psyche::JoinRunArgs>(*decoded)) {
    *roles = {"client", "authorization", "coordinator_instance", "coordinator_account"};
  } else if (std::holds_alternative<psyche::TickArgs>(*decoded)) {
    *roles = {"user", "coordinator_instance", "coordinator_account"};
  }
  return true;
}

// Anchor programs whose instructions we name by discriminator.
std::optional<std::string> AnchorName(solana::ByteView data,
                                      std::initializer_list<const char*> names) {
  if (data.size() < 8) return std::nullopt;
  for (const char* n : names) {
    const psyche::AnchorDiscriminator d = psyche::AnchorInstructionDiscriminator(n);
    if (std::equal(d.begin(), d.end(), data.begin())) return std::string(n);
  }
  return std::nullopt;
}

bool DecodeAuthorizer(solana::ByteReader& r, ExplainedInstruction* e,
                      std::vector<std::string>* roles) {
  auto name = AnchorName(r.rest(), {"authorization_create", "authorization_grantor_update",
                                    "authorization_grantee_update", "authorization_close"});
  if (!name || !r.Take(8, "discriminator").ok()) return false;
  e->name = *name;
  if (*name == "authorization_create") {
    *roles = {"payer", "grantor", "authorization", "system_program"};
    auto grantee = r.Take(32, "grantee");
    auto len = r.U32("scope length");
    if (!grantee.ok() || !len.ok()) return false;
    auto scope = r.Take(*len, "scope");
    if (!scope.ok()) return false;
    e->args = {{"grantee", solana::Pubkey::FromBytes(*grantee)->ToBase58()},
               {"scope", Quoted(absl::string_view(reinterpret_cast<const char*>(scope->data()),
                                                  scope->size()))}};
  } else if (*name == "authorization_grantor_update") {
    *roles = {"grantor", "authorization"};
    auto active = r.U8("active");
    if (!active.ok() || *active > 1) return false;
    e->args = {{"active", *active ? "true" : "false"}};
  } else if (*name == "authorization_grantee_update") {
    *roles = {"payer", "grantee", "authorization", "system_program"};
    auto clear = r.U8("delegates_clear");
    auto n = r.U32("delegates_added length");
    if (!clear.ok() || !n.ok()) return false;
    e->args = {{"delegates_clear", *clear ? "true" : "false"},
               {"delegates_added", absl::StrCat(*n)}};
  } else {
    *roles = {"grantor", "spill", "authorization", "system_program"};
  }
  return true;
}

bool DecodeTreasurer(solana::ByteReader& r, ExplainedInstruction* e,
                     std::vector<std::string>* roles) {
  auto name =
      AnchorName(r.rest(), {"run_create", "run_update", "participant_create", "participant_claim"});
  if (!name || !r.Take(8, "discriminator").ok()) return false;
  e->name = *name;
  if (*name == "run_create") {
    *roles = {"payer",
              "treasurer_run",
              "run_collateral",
              "collateral_mint",
              "coordinator_instance",
              "coordinator_account",
              "coordinator_program",
              "associated_token_program",
              "token_program",
              "system_program"};
    auto index = r.U64("index");
    if (!index.ok()) return false;
    e->args = {{"index", absl::StrCat(*index)}};
    for (const char* field : {"run_id", "client_version"}) {
      auto len = r.U32(field);
      if (!len.ok()) return false;
      auto s = r.Take(*len, field);
      if (!s.ok()) return false;
      e->args.push_back(
          {field, Quoted(absl::string_view(reinterpret_cast<const char*>(s->data()), s->size()))});
    }
    for (const char* field : {"main_authority", "join_authority"}) {
      auto k = r.Take(32, field);
      if (!k.ok()) return false;
      e->args.push_back({field, solana::Pubkey::FromBytes(*k)->ToBase58()});
    }
    return true;
  }
  if (*name == "run_update") {
    *roles = {"authority", "treasurer_run", "coordinator_instance", "coordinator_account",
              "coordinator_program"};
    return false;  // nested optional structs: shown raw below
  }
  if (*name == "participant_create") {
    *roles = {"payer", "user", "treasurer_run", "participant", "system_program"};
    return true;
  }
  *roles = {"user",           "user_collateral",     "treasurer_run",
            "run_collateral", "coordinator_account", "participant",
            "token_program"};
  auto points = r.U64("claim_earned_points");
  if (!points.ok()) return false;
  e->args = {{"claim_earned_points", absl::StrCat(*points)}};
  return true;
}

struct ProgramInfo {
  const char* name;
  Decoder decode;
};

const std::map<solana::Pubkey, ProgramInfo>& Programs() {
  static const auto* programs = new std::map<solana::Pubkey, ProgramInfo>{
      {ids::System(), {"System Program", DecodeSystem}},
      {ids::ComputeBudget(), {"Compute Budget", DecodeComputeBudget}},
      {ids::Token(), {"SPL Token", DecodeToken}},
      {ids::AssociatedToken(), {"Associated Token Account", DecodeAta}},
      {psyche::program_ids::Coordinator(), {"Psyche Coordinator", DecodeCoordinator}},
      {psyche::program_ids::Authorizer(), {"Psyche Authorizer", DecodeAuthorizer}},
      {psyche::program_ids::Treasurer(), {"Psyche Treasurer", DecodeTreasurer}},
  };
  return *programs;
}

std::string KnownAddress(const solana::Pubkey& k) {
  if (k == ids::SysvarRecentBlockhashes()) return "RecentBlockhashes sysvar";
  if (k == ids::SysvarRent()) return "Rent sysvar";
  auto it = Programs().find(k);
  return it == Programs().end() ? "" : it->second.name;
}

}  // namespace

ExplainedInstruction ExplainInstruction(const solana::Instruction& ix) {
  ExplainedInstruction e;
  std::vector<std::string> roles;
  auto it = Programs().find(ix.program_id);
  bool decoded = false;
  if (it == Programs().end()) {
    e.program = ix.program_id.ToBase58();
    e.name = "(unknown program)";
  } else {
    e.program = it->second.name;
    solana::ByteReader r(ix.data);
    decoded = it->second.decode(r, &e, &roles);
    if (e.name.empty()) e.name = "(not decoded)";
  }
  if (!decoded) e.raw_hex = Hex(ix.data);
  NameAccounts(ix, roles, &e);
  return e;
}

std::string ExplainMessage(const solana::Message& m,
                           const std::vector<solana::Signature>& signatures) {
  std::string out;
  absl::StrAppend(&out, "fee payer: ", m.account_keys.empty() ? "?" : m.account_keys[0].ToBase58(),
                  "\n");
  auto ixs = m.Decompile();
  bool nonce = false;
  if (ixs.ok() && !ixs->empty() && (*ixs)[0].program_id == ids::System() &&
      (*ixs)[0].data.size() >= 4 && (*ixs)[0].data[0] == 4 && (*ixs)[0].data[1] == 0 &&
      (*ixs)[0].data[2] == 0 && (*ixs)[0].data[3] == 0 && !(*ixs)[0].accounts.empty()) {
    nonce = true;
    absl::StrAppend(&out, "blockhash: ", m.recent_blockhash.ToBase58(),
                    " (durable nonce of account ", (*ixs)[0].accounts[0].pubkey.ToBase58(),
                    ": valid until that nonce advances)\n");
  }
  if (!nonce) {
    absl::StrAppend(&out, "blockhash: ", m.recent_blockhash.ToBase58(),
                    " (recent blockhash: expires after ~150 blocks)\n");
  }
  const solana::Bytes bytes = m.Serialize();
  absl::StrAppend(&out, "signers:\n");
  for (size_t i = 0; i < m.num_signers() && i < m.account_keys.size(); ++i) {
    std::string state = "not signed";
    if (i < signatures.size() && signatures[i] != solana::Signature{}) {
      state = solana::VerifySignature(m.account_keys[i], bytes, signatures[i])
                  ? "signed (valid)"
                  : "signed (INVALID signature)";
    }
    absl::StrAppend(&out, "  ", m.account_keys[i].ToBase58(), "  ", state, "\n");
  }
  if (!ixs.ok()) {
    absl::StrAppend(&out, "instructions: cannot decompile: ", ixs.status().message(), "\n");
    return out;
  }
  absl::StrAppend(&out, "instructions:\n");
  for (size_t i = 0; i < ixs->size(); ++i) {
    ExplainedInstruction e = ExplainInstruction((*ixs)[i]);
    absl::StrAppend(&out, "  #", i, " ", e.program, ": ", e.name, "\n");
    for (const auto& [k, v] : e.args) absl::StrAppend(&out, "       ", k, " = ", v, "\n");
    if (!e.raw_hex.empty()) {
      absl::StrAppend(&out, "       raw data (", (*ixs)[i].data.size(),
                      " bytes): ", e.raw_hex.substr(0, 512), e.raw_hex.size() > 512 ? "..." : "",
                      "\n");
    }
    for (const ExplainedAccount& a : e.accounts) {
      std::string flags = absl::StrCat(a.is_writable ? "w" : "-", a.is_signer ? "s" : "-");
      std::string known = KnownAddress(a.key);
      absl::StrAppend(&out, "       ", flags, " ", a.role, ": ", a.key.ToBase58(),
                      known.empty() ? "" : absl::StrCat(" (", known, ")"), "\n");
    }
  }
  auto fee = solana::compute_budget::TransactionFee(m.num_signers(), *ixs);
  if (fee.ok()) absl::StrAppend(&out, "fee: ", *fee, " lamports\n");
  return out;
}

absl::StatusOr<std::string> ExplainBase64(absl::string_view text) {
  std::string trimmed(absl::StripAsciiWhitespace(text));
  auto bytes = solana::Base64Decode(trimmed);
  if (!bytes.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not base64 (a transaction as sendTransaction takes it): ", bytes.status().message()));
  }
  auto tx = solana::Transaction::Parse(*bytes);
  if (tx.ok()) {
    return absl::StrCat("signature: ", tx->Id(), "\n", ExplainMessage(tx->message, tx->signatures));
  }
  auto message = solana::Message::Parse(*bytes);
  if (message.ok()) return absl::StrCat("(unsigned message)\n", ExplainMessage(*message, {}));
  return absl::InvalidArgumentError(
      absl::StrCat("not a Solana transaction or message: ", tx.status().message()));
}

}  // namespace reconciler
