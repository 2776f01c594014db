#include "reconciler/manifest.h"

#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rapidjson/pointer.h"

namespace reconciler {
namespace {

constexpr size_t kMaxRunIdBytes = 32;       // coordinator.md 1.3
constexpr size_t kMaxScopeBytes = 32;       // authorizer PDA seed limit, 2.2
constexpr size_t kMaxClientVersionBytes = 96;  // coordinator.md 5.7
constexpr size_t kMaxMetadataNameBytes = 64;   // coordinator.md 3.4
constexpr size_t kMaxDescriptionBytes = 280;

// Reads the typed fields of one schema-valid document; every problem becomes
// a diagnostic at the field's position and marks the document as failed.
class SpecReader {
 public:
  SpecReader(size_t document, LoadedManifests* out)
      : doc_(out->documents[document]), out_(out) {
    origin_.document = document;
    origin_.file = doc_.file;
    if (auto name = String("/metadata/name")) origin_.name = *name;
    std::filesystem::path dir = std::filesystem::path(doc_.file).parent_path();
    base_dir_ = dir.empty() ? "." : dir.string();
  }

  bool ok() const { return ok_; }
  const ManifestOrigin& origin() const { return origin_; }
  const std::string& base_dir() const { return base_dir_; }

  void Fail(absl::string_view pointer, std::string message) {
    out_->diagnostics.push_back(out_->ErrorAt(origin_, pointer, std::move(message)));
    ok_ = false;
  }

  const rapidjson::Value* Get(const char* pointer) const {
    return rapidjson::Pointer(pointer).Get(doc_.json);
  }

  std::optional<std::string> String(const char* pointer) const {
    const rapidjson::Value* v = Get(pointer);
    if (v == nullptr || !v->IsString()) return std::nullopt;
    return std::string(v->GetString(), v->GetStringLength());
  }

  std::optional<bool> Bool(const char* pointer) const {
    const rapidjson::Value* v = Get(pointer);
    if (v == nullptr || !v->IsBool()) return std::nullopt;
    return v->GetBool();
  }

  std::optional<uint64_t> U64(const char* pointer) const {
    const rapidjson::Value* v = Get(pointer);
    if (v == nullptr || !v->IsUint64()) return std::nullopt;
    return v->GetUint64();
  }

  // A string of at most `max_bytes` bytes; control characters are refused
  // unless `allow_newlines` (then only NUL, which on chain ends a FixedString).
  std::optional<std::string> Text(const char* pointer, size_t max_bytes, bool allow_newlines) {
    std::optional<std::string> s = String(pointer);
    if (!s) return s;
    if (s->size() > max_bytes) {
      Fail(pointer, absl::StrCat("is ", s->size(), " bytes long; at most ", max_bytes,
                                 " bytes are allowed"));
    }
    for (char c : *s) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '\0' || (!allow_newlines && (u < 0x20 || u == 0x7f))) {
        Fail(pointer, "must not contain control characters");
        break;
      }
    }
    return s;
  }

  std::optional<solana::Pubkey> Pubkey(const char* pointer) {
    std::optional<std::string> s = String(pointer);
    if (!s) return std::nullopt;
    auto key = solana::Pubkey::FromBase58(*s);
    if (!key.ok()) {
      Fail(pointer, absl::StrCat("not a public key: ", key.status().message()));
      return std::nullopt;
    }
    return *key;
  }

  // A list of public keys; nullopt when absent.
  std::optional<std::vector<solana::Pubkey>> PubkeyList(const char* pointer) {
    const rapidjson::Value* list = Get(pointer);
    if (list == nullptr || !list->IsArray()) return std::nullopt;
    std::vector<solana::Pubkey> out;
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
      const std::string item = absl::StrCat(pointer, "/", i);
      if (auto key = Pubkey(item.c_str())) out.push_back(*key);
    }
    return out;
  }

  // A key reference: "file:..." / "env:..." / pubkey, or {keypair, pubkey}.
  std::optional<KeyRef> Key(const char* pointer) {
    const rapidjson::Value* v = Get(pointer);
    if (v == nullptr) return std::nullopt;
    const std::string base = pointer;
    const std::string text_pointer = v->IsObject() ? base + "/keypair" : base;
    std::optional<std::string> text = String(text_pointer.c_str());
    if (!text) return std::nullopt;
    auto ref = ParseKeyRef(*text, base_dir_);
    if (!ref.ok()) {
      Fail(text_pointer, std::string(ref.status().message()));
      return std::nullopt;
    }
    if (v->IsObject() && v->HasMember("pubkey")) {
      ref->pubkey = Pubkey((base + "/pubkey").c_str());
      if (!ref->pubkey) return std::nullopt;
    }
    return *ref;
  }

  std::optional<Amount> AmountAt(const char* pointer) {
    const rapidjson::Value* v = Get(pointer);
    if (v == nullptr) return std::nullopt;
    if (v->IsUint64()) return Amount::BaseUnits(v->GetUint64());
    if (!v->IsString()) {
      Fail(pointer, "is not an amount");
      return std::nullopt;
    }
    auto amount = ParseAmount(std::string(v->GetString(), v->GetStringLength()));
    if (!amount.ok()) {
      Fail(pointer, std::string(amount.status().message()));
      return std::nullopt;
    }
    return *amount;
  }

 private:
  const YamlDocument& doc_;
  LoadedManifests* out_;
  ManifestOrigin origin_;
  std::string base_dir_;
  bool ok_ = true;
};

void AddCluster(SpecReader& r, DesiredState* state) {
  ClusterSpec spec;
  spec.origin = r.origin();
  spec.rpc_url = r.String("/spec/rpcUrl").value_or("");
  spec.commitment = r.String("/spec/commitment").value_or("confirmed");
  std::optional<KeyRef> payer = r.Key("/spec/payer");
  if (payer) spec.payer = *payer;
  spec.coordinator_program = r.Pubkey("/spec/programIds/coordinator");
  spec.authorizer_program = r.Pubkey("/spec/programIds/authorizer");
  spec.treasurer_program = r.Pubkey("/spec/programIds/treasurer");
  if (const rapidjson::Value* list = r.Get("/spec/managedAuthorities"); list && list->IsArray()) {
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
      const std::string pointer = absl::StrCat("/spec/managedAuthorities/", i);
      if (std::optional<KeyRef> k = r.Key(pointer.c_str())) spec.managed_authorities.push_back(*k);
    }
  }
  spec.prune_rent_recipient = r.Key("/spec/pruneRentRecipient");
  ClusterPolicy& policy = spec.policy;
  policy.max_top_up = r.U64("/spec/policy/maxTopUp");
  policy.max_top_up_total = r.U64("/spec/policy/maxTopUpTotal");
  policy.allowed_collateral_mints = r.PubkeyList("/spec/policy/allowedCollateralMints");
  policy.allowed_grantors = r.PubkeyList("/spec/policy/allowedGrantors");
  if (const rapidjson::Value* list = r.Get("/spec/policy/noUnpause"); list && list->IsArray()) {
    for (const rapidjson::Value& v : list->GetArray()) {
      if (v.IsString()) policy.no_unpause.emplace_back(v.GetString(), v.GetStringLength());
    }
  }
  if (r.ok()) state->clusters.push_back(std::move(spec));
}

void AddRun(SpecReader& r, DesiredState* state) {
  RunSpec spec;
  spec.origin = r.origin();
  spec.run_id = r.Text("/spec/runId", kMaxRunIdBytes, false).value_or("");
  if (std::optional<KeyRef> a = r.Key("/spec/authority")) spec.authority = *a;
  spec.join_authority = r.Key("/spec/joinAuthority");
  if (r.Get("/spec/treasurer") != nullptr) {
    TreasurerSpec t;
    if (auto mint = r.Pubkey("/spec/treasurer/collateralMint")) t.collateral_mint = *mint;
    t.index = r.U64("/spec/treasurer/index");
    spec.treasurer = t;
  }
  if (auto config = r.String("/spec/config")) {
    std::filesystem::path p(*config);
    if (p.is_relative()) p = std::filesystem::path(r.base_dir()) / p;
    spec.config_path = p.lexically_normal().string();
  }
  if (r.Get("/spec/metadata") != nullptr) {
    RunMetadataSpec m;
    m.name = r.Text("/spec/metadata/name", kMaxMetadataNameBytes, false).value_or("");
    m.description = r.Text("/spec/metadata/description", kMaxDescriptionBytes, true).value_or("");
    m.num_parameters = r.U64("/spec/metadata/numParameters").value_or(0);
    m.vocab_size = r.U64("/spec/metadata/vocabSize").value_or(0);
    spec.metadata = m;
  }
  spec.client_version = r.Text("/spec/clientVersion", kMaxClientVersionBytes, false).value_or("");
  spec.paused = r.Bool("/spec/paused");
  if (r.Get("/spec/epochRates") != nullptr) {
    EpochRatesSpec rates;
    rates.earning_rate_total_shared = r.AmountAt("/spec/epochRates/earningRateTotalShared");
    rates.slashing_rate_per_client = r.AmountAt("/spec/epochRates/slashingRatePerClient");
    spec.epoch_rates = rates;
  }
  spec.treasury_balance = r.AmountAt("/spec/treasury/balance");
  spec.protect = r.Bool("/spec/protect").value_or(false);
  if (r.ok()) state->runs.push_back(std::move(spec));
}

void AddAuthorization(SpecReader& r, DesiredState* state) {
  AuthorizationSpec spec;
  spec.origin = r.origin();
  if (std::optional<KeyRef> g = r.Key("/spec/grantor")) spec.grantor = *g;
  spec.scope = r.Text("/spec/scope", kMaxScopeBytes, false).value_or(kJoinRunScope);
  spec.active = r.Bool("/spec/active").value_or(true);
  spec.protect = r.Bool("/spec/protect").value_or(false);
  const rapidjson::Value* grantees = r.Get("/spec/grantees");
  if (grantees != nullptr && grantees->IsString()) {
    spec.grantees.push_back(solana::Pubkey());  // "public"
  } else if (grantees != nullptr && grantees->IsArray()) {
    for (rapidjson::SizeType i = 0; i < grantees->Size(); ++i) {
      const std::string pointer = absl::StrCat("/spec/grantees/", i);
      if (absl::string_view((*grantees)[i].GetString()) == "public") {
        spec.grantees.push_back(solana::Pubkey());
      } else if (auto key = r.Pubkey(pointer.c_str())) {
        spec.grantees.push_back(*key);
      }
    }
  }
  if (r.ok()) state->authorizations.push_back(std::move(spec));
}

}  // namespace

Diagnostic LoadedManifests::ErrorAt(const ManifestOrigin& origin, absl::string_view pointer,
                                    std::string message) const {
  return Error(origin.file, documents[origin.document].Locate(pointer),
               FieldPathFromPointer(pointer), std::move(message));
}

Diagnostic LoadedManifests::WarningAt(const ManifestOrigin& origin, absl::string_view pointer,
                                      std::string message) const {
  return Warning(origin.file, documents[origin.document].Locate(pointer),
                 FieldPathFromPointer(pointer), std::move(message));
}

void AddManifest(size_t document, Kind kind, LoadedManifests* out) {
  SpecReader reader(document, out);
  switch (kind) {
    case Kind::kCluster:
      AddCluster(reader, &out->state);
      break;
    case Kind::kRun:
      AddRun(reader, &out->state);
      break;
    case Kind::kAuthorization:
      AddAuthorization(reader, &out->state);
      break;
  }
}

LoadedManifests LoadManifests(const std::vector<std::string>& paths, uint64_t max_file_bytes) {
  LoadedManifests out;
  YamlLoadResult yaml = LoadYamlPaths(paths, max_file_bytes);
  out.documents = std::move(yaml.documents);
  out.diagnostics = std::move(yaml.diagnostics);
  for (size_t i = 0; i < out.documents.size(); ++i) {
    SchemaCheck check = CheckManifestSchema(out.documents[i]);
    for (Diagnostic& d : check.diagnostics) out.diagnostics.push_back(std::move(d));
    if (check.kind) AddManifest(i, *check.kind, &out);
  }
  return out;
}

}  // namespace reconciler
