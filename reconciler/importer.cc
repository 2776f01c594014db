#include "reconciler/importer.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/solana/coding.h"
#include "providers/solana/rpc_client.h"
#include "reconciler/import_manifests.h"
#include "reconciler/live_run.h"
#include "reconciler/manifest.h"

namespace reconciler {
namespace {

namespace fs = std::filesystem;

absl::Status CheckOutDir(const std::string& dir, bool force) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return absl::OkStatus();
  if (!fs::is_directory(dir, ec)) {
    return absl::FailedPreconditionError(absl::StrCat(dir, " exists and is not a directory"));
  }
  if (!force && !fs::is_empty(dir, ec)) {
    return absl::FailedPreconditionError(
        absl::StrCat(dir,
                     " is not empty; import into an empty directory, or pass --force to "
                     "overwrite the files import writes there"));
  }
  return absl::OkStatus();
}

absl::StatusOr<ClusterSpec> LoadCluster(const std::string& file) {
  LoadedManifests m = LoadManifests({file});
  std::vector<std::string> errors;
  for (const Diagnostic& d : m.diagnostics) {
    if (d.severity == Severity::kError) errors.push_back(d.ToString());
  }
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "\n"));
  if (m.state.clusters.size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": holds ", m.state.clusters.size(),
                                                   " Cluster manifests; exactly one is required"));
  }
  return m.state.clusters[0];
}

ProgramIds ProgramsOf(const ClusterSpec& c) {
  return ProgramIds{c.coordinator_program.value_or(psyche::program_ids::Coordinator()),
                    c.authorizer_program.value_or(psyche::program_ids::Authorizer()),
                    c.treasurer_program.value_or(psyche::program_ids::Treasurer())};
}

absl::Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path.string()));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ImportResult> ImportRun(const ImportOptions& options) {
  RETURN_IF_ERROR(CheckOutDir(options.out_dir, options.force));
  ASSIGN_OR_RETURN(ClusterSpec cluster, LoadCluster(options.cluster_file));
  ASSIGN_OR_RETURN(solana::Commitment commitment, solana::ParseCommitment(cluster.commitment));
  ASSIGN_OR_RETURN(std::shared_ptr<solana::HttpTransport> transport,
                   options.transport(cluster.rpc_url));
  solana::RpcClient rpc(cluster.is_local() ? "http://local" : cluster.rpc_url, transport);
  ASSIGN_OR_RETURN(LiveRun run, ReadLiveRun(rpc, commitment, ProgramsOf(cluster), options.run_id,
                                            options.grantor));
  ASSIGN_OR_RETURN(ImportedFiles files, RenderImport(run, cluster, options.out_dir));

  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", options.out_dir, ": ", ec.message()));
  }
  ImportResult result;
  for (const auto& [name, text] : files.files) {
    const fs::path path = fs::path(options.out_dir) / name;
    RETURN_IF_ERROR(WriteFile(path, text));
    result.written.push_back(path.string());
  }
  result.notes = std::move(files.notes);
  return result;
}

}  // namespace reconciler
