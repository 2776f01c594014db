#include "reconciler/make_plan.h"

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/solana/coding.h"
#include "providers/solana/curl_transport.h"
#include "providers/solana/rpc_client.h"
#include "reconciler/counting_transport.h"
#include "reconciler/plan_freshness.h"
#include "reconciler/policy.h"
#include "reconciler/protection_record.h"

namespace reconciler {
namespace {

absl::StatusOr<solana::Hash> HashManifests(const LoadedManifests& m) {
  std::set<std::string> files;
  for (const YamlDocument& doc : m.documents) files.insert(doc.file);
  std::vector<std::pair<std::string, std::string>> contents;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return absl::NotFoundError(absl::StrCat(f, ": cannot be read again for hashing"));
    contents.emplace_back(f, text.str());
  }
  return HashManifestFiles(std::move(contents));
}

}  // namespace

absl::StatusOr<std::shared_ptr<solana::HttpTransport>> DefaultTransport(const std::string& url) {
  if (url == "local") {
    return absl::UnimplementedError(
        "rpcUrl \"local\": the embedded localnet is started by the psyche-reconcile CLI "
        "(reconciler/cli/local_cluster.h); this transport factory only speaks http(s)");
  }
  if (!absl::StartsWith(url, "http://") && !absl::StartsWith(url, "https://")) {
    return absl::InvalidArgumentError(
        absl::StrCat("rpcUrl must be \"local\" or an http(s) URL, got ", solana::RedactUrl(url)));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<solana::CurlTransport> t, solana::CurlTransport::Create());
  return std::shared_ptr<solana::HttpTransport>(std::move(t));
}

absl::StatusOr<MakePlanResult> MakePlan(const std::vector<std::string>& paths,
                                        const MakePlanOptions& options) {
  LoadedManifests m = ValidateManifests(paths, options.validate);
  MakePlanResult out;
  std::vector<std::string> errors;
  for (const Diagnostic& d : m.diagnostics) {
    (d.severity == Severity::kError ? errors : out.diagnostics).push_back(d.ToString());
  }
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "\n"));
  ASSIGN_OR_RETURN(DesiredResources desired, BuildDesiredResources(m.state));
  ASSIGN_OR_RETURN(solana::Commitment commitment,
                   solana::ParseCommitment(m.state.clusters[0].commitment));
  ASSIGN_OR_RETURN(std::shared_ptr<solana::HttpTransport> inner,
                   options.transport(desired.rpc_url));
  auto counting = std::make_shared<CountingTransport>(std::move(inner));
  solana::RpcClient rpc(desired.rpc_url == "local" ? "http://local" : desired.rpc_url, counting);
  ASSIGN_OR_RETURN(ObservedState observed, Refresh(desired, rpc, commitment));
  out.rpc_posts = counting->posts();
  out.rpc_requests = counting->requests();
  ASSIGN_OR_RETURN(DiffResult diff, Diff(desired, observed));
  PlannerOptions planner = options.planner;
  ProtectionRecord record;
  if (!options.protection_record.empty()) {
    ASSIGN_OR_RETURN(record, ReadProtectionRecord(options.protection_record));
    for (const auto& [key, address] : record) planner.prune.protected_accounts.insert(key);
  }
  ASSIGN_OR_RETURN(out.build, BuildPlan(desired, observed, std::move(diff), planner));
  if (!options.protection_record.empty()) {
    ProtectionRecord updated = UpdateProtectionRecord(record, desired);
    if (updated != record) {
      RETURN_IF_ERROR(WriteProtectionRecord(options.protection_record, updated));
    }
  }
  RETURN_IF_ERROR(CheckPolicy(m.state.clusters[0].policy, desired, out.build.plan));
  ASSIGN_OR_RETURN(out.build.plan.manifests_hash, HashManifests(m));
  return out;
}

}  // namespace reconciler
