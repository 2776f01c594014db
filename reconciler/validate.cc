#include "reconciler/validate.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "providers/psyche/run_config.h"
#include "providers/psyche/run_config_check.h"
#include "reconciler/bounded_file.h"

namespace reconciler {
namespace {

std::string GranteeText(const solana::Pubkey& grantee) {
  return grantee.IsZero() ? "public" : grantee.ToBase58();
}

class Checker {
 public:
  Checker(const ValidateOptions& options, LoadedManifests* m) : options_(options), m_(*m) {}

  void Run(const std::string& where) {
    CheckClusterCount(where);
    for (const ClusterSpec& c : m_.state.clusters) {
      Key(c.origin, "/spec/payer", c.payer);
      for (size_t i = 0; i < c.managed_authorities.size(); ++i) {
        const std::string pointer = absl::StrCat("/spec/managedAuthorities/", i);
        Key(c.origin, pointer.c_str(), c.managed_authorities[i]);
      }
      if (c.prune_rent_recipient) {
        Key(c.origin, "/spec/pruneRentRecipient", *c.prune_rent_recipient);
      }
    }
    CheckNames();
    CheckRuns();
    CheckAuthorizations();
  }

 private:
  void AddError(const ManifestOrigin& origin, absl::string_view pointer, std::string message) {
    m_.diagnostics.push_back(m_.ErrorAt(origin, pointer, std::move(message)));
  }

  // "file:line:col" of a field, for "already declared at ..." messages.
  std::string Where(const ManifestOrigin& origin, absl::string_view pointer) const {
    SourcePosition p = m_.documents[origin.document].Locate(pointer);
    return absl::StrCat(origin.file, ":", p.line, ":", p.column);
  }

  // The public key of a reference; keypairs are loaded once per file or
  // variable. Problems are reported at `pointer`; nullopt when unusable.
  std::optional<solana::Pubkey> Key(const ManifestOrigin& origin, const char* pointer,
                                    const KeyRef& ref) {
    if (!ref.is_keypair()) return ref.pubkey;
    const std::string cache_key = absl::StrCat(static_cast<int>(ref.source), ":", ref.location);
    auto it = keys_.find(cache_key);
    if (it == keys_.end()) {
      KeyRef unchecked = ref;
      unchecked.pubkey.reset();
      it = keys_.emplace(cache_key, ResolvePubkey(unchecked)).first;
      if (auto warning = KeyRefPermissionWarning(ref)) {
        m_.diagnostics.push_back(m_.WarningAt(origin, pointer, *warning));
      }
    }
    if (!it->second.ok()) {
      AddError(origin, pointer, std::string(it->second.status().message()));
      return std::nullopt;
    }
    if (absl::Status s = CheckExpectedPubkey(ref, *it->second); !s.ok()) {
      AddError(origin, pointer, std::string(s.message()));
      return std::nullopt;
    }
    return *it->second;
  }

  // A key that signs changes. A bare public key (what import writes for keys
  // it cannot know) is enough to plan; apply then stops at the first step
  // that needs its signature.
  std::optional<solana::Pubkey> Signer(const ManifestOrigin& origin, const char* pointer,
                                       const KeyRef& ref) {
    if (!ref.is_keypair()) {
      m_.diagnostics.push_back(m_.WarningAt(
          origin, pointer,
          "a public key, not a keypair: plan works but apply cannot sign with it; use "
          "file:PATH or env:VAR"));
    }
    return Key(origin, pointer, ref);
  }

  // Counted on documents, so a Cluster that failed its schema is not also
  // reported as missing.
  void CheckClusterCount(const std::string& where) {
    std::optional<ManifestOrigin> first;
    for (size_t i = 0; i < m_.documents.size(); ++i) {
      const YamlDocument& doc = m_.documents[i];
      if (!doc.json.IsObject() || !doc.json.HasMember("kind") || !doc.json["kind"].IsString() ||
          absl::string_view(doc.json["kind"].GetString()) != "Cluster") {
        continue;
      }
      ManifestOrigin origin{i, doc.file, ""};
      if (first) {
        AddError(origin, "/kind", absl::StrCat("a second Cluster manifest; exactly one is "
                                               "required (the first is at ",
                                               Where(*first, "/kind"), ")"));
      } else {
        first = origin;
      }
    }
    // With nothing loaded and errors already reported, the Cluster may well be
    // in the input that failed; saying it is missing would only be noise.
    if (!first && !(m_.documents.empty() && HasErrors(m_.diagnostics))) {
      m_.diagnostics.push_back(
          Error(where, {}, "", "no Cluster manifest found; exactly one is required"));
    }
  }

  template <typename Spec>
  void CheckUniqueNames(const std::vector<Spec>& specs, const char* kind) {
    std::map<std::string, const ManifestOrigin*> seen;
    for (const Spec& spec : specs) {
      auto [it, fresh] = seen.emplace(spec.origin.name, &spec.origin);
      if (!fresh) {
        AddError(spec.origin, "/metadata/name",
                 absl::StrCat("another ", kind, " manifest has this name (",
                              Where(*it->second, "/metadata/name"), ")"));
      }
    }
  }

  void CheckNames() {
    CheckUniqueNames(m_.state.clusters, "Cluster");
    CheckUniqueNames(m_.state.runs, "Run");
    CheckUniqueNames(m_.state.authorizations, "Authorization");
  }

  void CheckRuns() {
    std::map<std::string, const ManifestOrigin*> run_ids;
    for (const RunSpec& run : m_.state.runs) {
      auto [it, fresh] = run_ids.emplace(run.run_id, &run.origin);
      if (!fresh) {
        AddError(run.origin, "/spec/runId",
                 absl::StrCat("run id \"", run.run_id, "\" is already declared at ",
                              Where(*it->second, "/spec/runId")));
      }
      Signer(run.origin, "/spec/authority", run.authority);
      if (run.join_authority) Key(run.origin, "/spec/joinAuthority", *run.join_authority);
      if (run.config_path) {
        for (std::string& problem : options_.check_run_config(*run.config_path)) {
          AddError(run.origin, "/spec/config", std::move(problem));
        }
      }
      if (!run.treasurer) CheckNeedsNoTreasurer(run);
    }
  }

  void CheckNeedsNoTreasurer(const RunSpec& run) {
    if (run.treasury_balance) {
      AddError(run.origin, "/spec/treasury",
               "needs spec.treasurer: the treasury is the collateral vault of a run created "
               "through the treasurer");
    }
    if (!run.epoch_rates) return;
    const std::pair<const std::optional<Amount>&, const char*> rates[] = {
        {run.epoch_rates->earning_rate_total_shared, "/spec/epochRates/earningRateTotalShared"},
        {run.epoch_rates->slashing_rate_per_client, "/spec/epochRates/slashingRatePerClient"}};
    for (const auto& [amount, pointer] : rates) {
      if (amount && !amount->base_units) {
        AddError(run.origin, pointer,
                 "an amount in tokens needs spec.treasurer.collateralMint (for the mint's "
                 "decimals); give base units instead");
      }
    }
  }

  void CheckAuthorizations() {
    using Id = std::tuple<std::string, solana::Pubkey, std::string>;  // grantor, grantee, scope
    std::map<Id, std::pair<const ManifestOrigin*, std::string>> seen;
    for (const AuthorizationSpec& auth : m_.state.authorizations) {
      std::optional<solana::Pubkey> grantor = Signer(auth.origin, "/spec/grantor", auth.grantor);
      const std::string grantor_id = grantor ? grantor->ToBase58() : auth.grantor.text;
      const rapidjson::Value& grantees = m_.documents[auth.origin.document].json["spec"]["grantees"];
      for (size_t i = 0; i < auth.grantees.size(); ++i) {
        std::string pointer = grantees.IsArray() ? absl::StrCat("/spec/grantees/", i)
                                                 : std::string("/spec/grantees");
        auto [it, fresh] =
            seen.emplace(Id{grantor_id, auth.grantees[i], auth.scope},
                         std::make_pair(&auth.origin, pointer));
        if (!fresh) {
          AddError(auth.origin, pointer,
                   absl::StrCat("grantee ", GranteeText(auth.grantees[i]), " of grantor ",
                                grantor_id, " for scope ", auth.scope, " is already declared at ",
                                Where(*it->second.first, it->second.second)));
        }
      }
    }
  }

  const ValidateOptions& options_;
  LoadedManifests& m_;
  std::map<std::string, absl::StatusOr<solana::Pubkey>> keys_;
};

}  // namespace

std::vector<std::string> CheckRunConfigFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadBoundedFile(path, kMaxRunConfigBytes);
  if (!text.ok()) return {absl::StrCat(path, ": ", text.status().message())};
  absl::StatusOr<psyche::RunConfig> config = psyche::ParseRunConfig(*text, path);
  std::vector<std::string> problems;
  if (!config.ok()) {
    for (absl::string_view line : absl::StrSplit(config.status().message(), '\n', absl::SkipEmpty())) {
      problems.emplace_back(line);
    }
    return problems;
  }
  for (const psyche::CheckFailure& failure : psyche::CheckRunConfig(*config)) {
    problems.push_back(absl::StrCat(path, ": ", psyche::FormatCheckFailure(failure)));
  }
  return problems;
}

void CheckManifests(const std::string& where, const ValidateOptions& options,
                    LoadedManifests* m) {
  Checker(options, m).Run(where);
}

LoadedManifests ValidateManifests(const std::vector<std::string>& paths,
                                  const ValidateOptions& options) {
  LoadedManifests m = LoadManifests(paths, options.max_file_bytes);
  CheckManifests(paths.empty() ? "" : paths[0], options, &m);
  // Reading order: by file, then by position; problems without a position first.
  std::stable_sort(m.diagnostics.begin(), m.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.file, a.position.line, a.position.column) <
                            std::tie(b.file, b.position.line, b.position.column);
                   });
  return m;
}

}  // namespace reconciler
