#include "reconciler/import_manifests.h"

#include <filesystem>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "providers/psyche/run_config_check.h"
#include "providers/psyche/run_config_toml.h"
#include "providers/psyche/treasurer.h"

namespace reconciler {
namespace {

constexpr char kHeader[] = "apiVersion: psyche-reconcile/v1\n";

std::string KeyFileComment(absl::string_view role) {
  return absl::StrCat("   # replace with file:path/to/", role, ".json to let apply sign");
}

// A keypair reference as seen from `out_dir`: file paths are made relative to
// it, so the copied Cluster manifest finds the same key file.
std::string RelocatedRef(const KeyRef& ref, const std::string& out_dir) {
  if (ref.source == KeyRef::Source::kEnv) return absl::StrCat("env:", ref.location);
  if (ref.source == KeyRef::Source::kPubkey) return ref.pubkey ? ref.pubkey->ToBase58() : ref.text;
  namespace fs = std::filesystem;
  const fs::path key = fs::absolute(ref.location).lexically_normal();
  fs::path rel = key.lexically_relative(fs::absolute(out_dir).lexically_normal());
  return absl::StrCat("file:", rel.empty() ? key.string() : rel.string());
}

std::string RenderCluster(const ClusterSpec& c, const std::string& out_dir) {
  std::string y = absl::StrCat("# Copied by psyche-reconcile import from ", c.origin.file,
                               " (key file paths rewritten for this directory).\n", kHeader,
                               "kind: Cluster\nmetadata:\n  name: ", c.origin.name, "\nspec:\n");
  absl::StrAppend(&y, "  rpcUrl: ", YamlQuote(c.rpc_url), "\n  commitment: ", c.commitment, "\n");
  const std::string payer = YamlQuote(RelocatedRef(c.payer, out_dir));
  if (c.payer.pubkey) {
    absl::StrAppend(&y, "  payer:\n    keypair: ", payer,
                    "\n    pubkey: ", c.payer.pubkey->ToBase58(), "\n");
  } else {
    absl::StrAppend(&y, "  payer: ", payer, "\n");
  }
  if (c.coordinator_program || c.authorizer_program || c.treasurer_program) {
    absl::StrAppend(&y, "  programIds:\n");
    if (c.coordinator_program) {
      absl::StrAppend(&y, "    coordinator: ", c.coordinator_program->ToBase58(), "\n");
    }
    if (c.authorizer_program) {
      absl::StrAppend(&y, "    authorizer: ", c.authorizer_program->ToBase58(), "\n");
    }
    if (c.treasurer_program) {
      absl::StrAppend(&y, "    treasurer: ", c.treasurer_program->ToBase58(), "\n");
    }
  }
  return y;
}

// config.toml when the chain's config is one the program accepts; a run that
// was never configured has none to manage.
std::optional<std::string> RenderConfig(const LiveRun& run, ImportedFiles* out) {
  const psyche::RunConfig rc{run.coordinator.config, run.coordinator.model};
  std::vector<psyche::CheckFailure> failures = psyche::CheckRunConfig(rc);
  if (!failures.empty()) {
    out->notes.push_back(absl::StrCat(
        "config: the on-chain config does not pass the coordinator's checks (",
        psyche::FormatCheckFailure(failures[0]), "); spec.config is left out (not managed)"));
    return std::nullopt;
  }
  auto toml = psyche::EncodeRunConfigToml(rc);
  if (!toml.ok()) {
    out->notes.push_back(absl::StrCat("config: ", toml.status().message(),
                                      "; spec.config is left out (not managed)"));
    return std::nullopt;
  }
  return absl::StrCat(
      "# The run's config and model as read from the chain by psyche-reconcile "
      "import.\n# The checkpoint is rewritten by the run itself and never "
      "compared.\n\n",
      *toml);
}

std::string RenderRun(const LiveRun& run, const std::string& name, bool with_config,
                      ImportedFiles* out) {
  const psyche::CoordinatorState& st = run.coordinator;
  std::string y = absl::StrCat("# Imported by psyche-reconcile import from the chain.\n", kHeader,
                               "kind: Run\nmetadata:\n  name: ", name, "\nspec:\n");
  absl::StrAppend(&y, "  runId: ", YamlQuote(run.run_id), "\n");
  const solana::Pubkey authority = run.Authority();
  absl::StrAppend(&y, "  authority: ", authority.ToBase58(), KeyFileComment("authority"), "\n");
  if (run.instance.join_authority != authority) {
    absl::StrAppend(&y, "  joinAuthority: ", run.instance.join_authority.ToBase58(), "\n");
  }
  if (run.treasurer_run) {
    absl::StrAppend(&y, "  treasurer:\n    collateralMint: ",
                    run.treasurer_run->collateral_mint.ToBase58(), "\n");
    if (run.treasurer_run->index != psyche::DefaultTreasurerIndex(run.run_id)) {
      absl::StrAppend(&y, "    index: ", run.treasurer_run->index, "\n");
    }
  }
  if (with_config) absl::StrAppend(&y, "  config: config.toml\n");
  absl::StrAppend(&y, "  metadata:\n    name: ", YamlQuote(st.metadata.name),
                  "\n    description: ", YamlQuote(st.metadata.description), "\n");
  if (st.metadata.num_parameters) {
    absl::StrAppend(&y, "    numParameters: ", st.metadata.num_parameters, "\n");
  }
  if (st.metadata.vocab_size) absl::StrAppend(&y, "    vocabSize: ", st.metadata.vocab_size, "\n");
  absl::StrAppend(&y, "  clientVersion: ", YamlQuote(st.client_version.value_or("")), "\n");
  absl::StrAppend(&y, "  paused: ",
                  psyche::IsHalted(st.run_state) || st.pending_pause ? "true" : "false", "\n");
  const psyche::ClientsEpochRates& rates = st.clients_state.future_epoch_rates;
  if (run.treasurer_run || rates.earning_rate_total_shared || rates.slashing_rate_per_client) {
    absl::StrAppend(&y,
                    "  epochRates:   # base units (points; with a treasurer, of the collateral)\n",
                    "    earningRateTotalShared: ", rates.earning_rate_total_shared, "\n",
                    "    slashingRatePerClient: ", rates.slashing_rate_per_client, "\n");
  }
  if (run.treasurer_run && run.vault) {
    absl::StrAppend(&y, "  treasury:\n    balance: ", run.vault->amount, "   # base units");
    if (run.collateral_mint) {
      absl::StrAppend(&y, " (the mint has ", run.collateral_mint->decimals, " decimals)");
    }
    absl::StrAppend(&y, "\n");
  } else if (run.treasurer_run) {
    out->notes.push_back(
        "treasury: the treasurer Run's collateral vault does not exist; "
        "spec.treasury is left out");
  }
  return y;
}

bool PrintableAscii(const solana::Bytes& b) {
  for (uint8_t c : b) {
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return !b.empty();
}

// One Authorization manifest per (scope, active) of the grantor's accounts.
std::string RenderAuthorizations(const LiveRun& run, const std::string& run_name,
                                 ImportedFiles* out) {
  std::map<std::pair<std::string, bool>, std::vector<solana::Pubkey>> groups;
  for (const psyche::Authorization& a : run.authorizations) {
    if (!PrintableAscii(a.scope)) {
      out->notes.push_back(absl::StrCat("authorization of grantee ", a.grantee.ToBase58(),
                                        ": its scope is not printable text; left out"));
      continue;
    }
    groups[{std::string(a.scope.begin(), a.scope.end()), !a.active}].push_back(a.grantee);
  }
  std::vector<std::string> docs;
  int other_scopes = 0;
  for (const auto& [key, grantees] : groups) {
    const auto& [scope, inactive] = key;
    std::string name = absl::StrCat(run_name, "-joiners");
    if (scope != kJoinRunScope) name = absl::StrCat(run_name, "-scope-", ++other_scopes);
    if (inactive) absl::StrAppend(&name, "-inactive");
    std::string y = absl::StrCat(kHeader, "kind: Authorization\nmetadata:\n  name: ", name,
                                 "\nspec:\n  grantor: ", run.grantor.ToBase58(),
                                 KeyFileComment("join-authority"), "\n");
    if (scope != kJoinRunScope) absl::StrAppend(&y, "  scope: ", YamlQuote(scope), "\n");
    absl::StrAppend(&y, "  grantees:\n");
    for (const solana::Pubkey& g : grantees) {
      absl::StrAppend(&y, "    - ", g.IsZero() ? "public" : g.ToBase58(), "\n");
    }
    if (inactive) absl::StrAppend(&y, "  active: false\n");
    docs.push_back(std::move(y));
  }
  if (docs.empty()) return "";
  return absl::StrCat("# The authorizations of grantor ", run.grantor.ToBase58(),
                      ", imported by psyche-reconcile import.\n", absl::StrJoin(docs, "---\n"));
}

}  // namespace

std::string YamlQuote(absl::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      q.push_back('\\');
      q.push_back(c);
    } else if (c == '\n') {
      q += "\\n";
    } else if (c == '\t') {
      q += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      absl::StrAppend(&q, absl::StrFormat("\\x%02x", u));
    } else {
      q.push_back(c);
    }
  }
  return q + "\"";
}

std::string ManifestNameFor(absl::string_view run_id) {
  std::string name;
  for (char c : run_id) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (ok) {
      name.push_back(c);
    } else if (name.empty() || name.back() != '-') {
      name.push_back('-');  // one dash for a run of other characters
    }
  }
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  while (!name.empty() && !alnum(name.front())) name.erase(name.begin());
  while (!name.empty() && !alnum(name.back())) name.pop_back();
  if (name.size() > 40) name.resize(40);  // room for "-joiners-inactive"
  while (!name.empty() && !alnum(name.back())) name.pop_back();
  return name.empty() ? "run" : name;
}

absl::StatusOr<ImportedFiles> RenderImport(const LiveRun& run, const ClusterSpec& cluster,
                                           const std::string& out_dir) {
  if (!run.coordinator.client_version || run.coordinator.client_version->empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("run \"", run.run_id,
                     "\" has no client version on chain (an old account layout); "
                     "spec.clientVersion cannot be imported"));
  }
  ImportedFiles out;
  const std::string name = ManifestNameFor(run.run_id);
  out.files.emplace_back("cluster.yaml", RenderCluster(cluster, out_dir));
  std::optional<std::string> config = RenderConfig(run, &out);
  out.files.emplace_back("run.yaml", RenderRun(run, name, config.has_value(), &out));
  if (config) out.files.emplace_back("config.toml", *config);
  std::string auths = RenderAuthorizations(run, name, &out);
  if (!auths.empty()) {
    out.files.emplace_back("authorization.yaml", std::move(auths));
  } else {
    out.notes.push_back(absl::StrCat("grantor ", run.grantor.ToBase58(),
                                     " has no authorizations; no authorization.yaml"));
  }
  return out;
}

}  // namespace reconciler
