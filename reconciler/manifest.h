// The desired state declared by manifests, as typed values. Built from
// documents that passed their schema; checks that need more than one field or
// more than the schema can say (byte lengths, base58 decoding, key reference
// syntax, amount strings) are done here and reported as diagnostics.
#ifndef RECONCILER_MANIFEST_H_
#define RECONCILER_MANIFEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "providers/solana/pubkey.h"
#include "reconciler/amount.h"
#include "reconciler/diagnostic.h"
#include "reconciler/key_ref.h"
#include "reconciler/manifest_schema.h"
#include "reconciler/manifest_yaml.h"

namespace reconciler {

inline constexpr char kJoinRunScope[] = "CoordinatorJoinRun";

// Where a manifest was declared: LoadedManifests::documents[document].
struct ManifestOrigin {
  size_t document = 0;
  std::string file;
  std::string name;  // metadata.name
};

// Rules every plan must satisfy (reconciler/policy.h enforces them).
struct ClusterPolicy {
  std::optional<uint64_t> max_top_up;        // per run per apply, base units
  std::optional<uint64_t> max_top_up_total;  // all runs per apply, base units
  std::optional<std::vector<solana::Pubkey>> allowed_collateral_mints;
  std::vector<std::string> no_unpause;  // run ids or Run manifest names
  std::optional<std::vector<solana::Pubkey>> allowed_grantors;
};

struct ClusterSpec {
  ManifestOrigin origin;
  std::string rpc_url;  // "local" or an http(s) URL
  std::string commitment = "confirmed";
  KeyRef payer;
  std::optional<solana::Pubkey> coordinator_program;
  std::optional<solana::Pubkey> authorizer_program;
  std::optional<solana::Pubkey> treasurer_program;
  // Runs administered by these keys, and authorizations they grant, are found
  // on chain even without a manifest (reported, or pruned with --prune).
  std::vector<KeyRef> managed_authorities;
  std::optional<KeyRef> prune_rent_recipient;  // absent: the payer
  ClusterPolicy policy;

  bool is_local() const { return rpc_url == "local"; }
};

struct RunMetadataSpec {
  std::string name;         // <= 64 bytes
  std::string description;  // <= 280 bytes
  uint64_t num_parameters = 0;
  uint64_t vocab_size = 0;
};

struct TreasurerSpec {
  solana::Pubkey collateral_mint;
  std::optional<uint64_t> index;  // absent: derived from the run id
};

struct EpochRatesSpec {
  std::optional<Amount> earning_rate_total_shared;
  std::optional<Amount> slashing_rate_per_client;
};

// Optional parts are "not managed" when absent: the reconciler leaves them as
// they are on chain.
struct RunSpec {
  ManifestOrigin origin;
  std::string run_id;  // 1..32 bytes
  KeyRef authority;
  std::optional<KeyRef> join_authority;  // absent: the authority
  std::optional<TreasurerSpec> treasurer;
  std::optional<std::string> config_path;  // resolved against the manifest's directory
  std::optional<RunMetadataSpec> metadata;
  std::string client_version;  // <= 96 bytes
  std::optional<bool> paused;
  std::optional<EpochRatesSpec> epoch_rates;
  std::optional<Amount> treasury_balance;
  bool protect = false;  // never deleted by the tool
};

struct AuthorizationSpec {
  ManifestOrigin origin;
  KeyRef grantor;
  std::string scope = kJoinRunScope;  // 1..32 bytes
  std::vector<solana::Pubkey> grantees;  // the all-zero key is the permissionless grantee
  bool active = true;
  bool protect = false;  // never deleted by the tool
};

struct DesiredState {
  std::vector<ClusterSpec> clusters;  // validation requires exactly one
  std::vector<RunSpec> runs;
  std::vector<AuthorizationSpec> authorizations;
};

struct LoadedManifests {
  std::vector<YamlDocument> documents;
  DesiredState state;
  std::vector<Diagnostic> diagnostics;

  // A diagnostic at field `pointer` ("/spec/runId") of the manifest at `origin`.
  Diagnostic ErrorAt(const ManifestOrigin& origin, absl::string_view pointer,
                     std::string message) const;
  Diagnostic WarningAt(const ManifestOrigin& origin, absl::string_view pointer,
                       std::string message) const;
};

// Adds the typed spec of `doc` (schema-valid, of kind `kind`) to `out->state`,
// or diagnostics to `out->diagnostics`. `document` indexes out->documents.
void AddManifest(size_t document, Kind kind, LoadedManifests* out);

// Loads PATHs (files or directories): YAML, schema, typed specs. Reads no key
// files and no run configs; ValidateManifests does.
LoadedManifests LoadManifests(const std::vector<std::string>& paths,
                              uint64_t max_file_bytes = kDefaultMaxManifestBytes);

}  // namespace reconciler

#endif  // RECONCILER_MANIFEST_H_
