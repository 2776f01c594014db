// `psyche-reconcile import`: reads a live run through the Cluster manifest's
// RPC endpoint and writes manifests for it (see import_manifests.h) into a
// directory, so a team adopts an existing run with one command. A plan of the
// written directory finds no changes.
#ifndef RECONCILER_IMPORTER_H_
#define RECONCILER_IMPORTER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/pubkey.h"
#include "reconciler/make_plan.h"

namespace reconciler {

struct ImportOptions {
  std::string cluster_file;  // holds exactly one Cluster manifest
  std::string run_id;
  std::optional<solana::Pubkey> grantor;  // default: the run's join authority
  std::string out_dir;
  bool force = false;  // write into a non-empty out_dir (overwriting our files)
  TransportFactory transport = DefaultTransport;
};

struct ImportResult {
  std::vector<std::string> written;  // paths of the files written
  std::vector<std::string> notes;    // parts left unmanaged, and why
};

// FailedPrecondition when out_dir is not empty and !force; nothing is written
// unless every read and render succeeded.
absl::StatusOr<ImportResult> ImportRun(const ImportOptions& options);

}  // namespace reconciler

#endif  // RECONCILER_IMPORTER_H_
