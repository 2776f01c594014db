// psyche-reconcile import --cluster FILE --run RUN_ID [--grantor PUBKEY]
// --out DIR [--force] [--state-dir DIR]: writes manifests for a run that
// exists on chain (reconciler/importer.h). Exit 0 on success, 1 on error.
#include <iostream>
#include <memory>
#include <string>

#include "reconciler/cli/commands.h"
#include "reconciler/cli/local_cluster.h"
#include "reconciler/exit_code.h"
#include "reconciler/importer.h"

namespace cli {
namespace {

struct ImportFlags {
  std::string cluster_file;
  std::string run_id;
  std::string grantor;
  std::string out_dir;
  bool force = false;
  std::string state_dir;
};

int RunImport(const ImportFlags& f) {
  reconciler::ImportOptions options;
  options.cluster_file = f.cluster_file;
  options.run_id = f.run_id;
  options.out_dir = f.out_dir;
  options.force = f.force;
  if (!f.grantor.empty()) {
    auto grantor = solana::Pubkey::FromBase58(f.grantor);
    if (!grantor.ok()) {
      std::cerr << "error: --grantor: " << grantor.status().message() << "\n";
      return reconciler::kExitError;
    }
    options.grantor = *grantor;
  }
  options.transport = CliTransportFactory(ResolveStateDir({f.cluster_file}, f.state_dir),
                                          ResolveLocalSeedDir({f.cluster_file}));
  auto result = reconciler::ImportRun(options);
  if (!result.ok()) {
    std::cerr << "error: " << result.status().message() << "\n";
    return reconciler::kExitError;
  }
  for (const std::string& note : result->notes) std::cerr << "import: " << note << "\n";
  for (const std::string& path : result->written) std::cerr << "import: wrote " << path << "\n";
  std::cout << "Imported run \"" << f.run_id << "\" into " << f.out_dir
            << ". Put key files where the comments say before running apply.\n";
  return reconciler::kExitOk;
}

}  // namespace

void RegisterImport(CLI::App& app) {
  auto* cmd = app.add_subcommand("import", "Write manifests for a run that exists on chain");
  auto flags = std::make_shared<ImportFlags>();
  cmd->add_option("--cluster", flags->cluster_file, "The Cluster manifest (RPC URL, payer)")
      ->required();
  cmd->add_option("--run", flags->run_id, "The run id")->required();
  cmd->add_option("--grantor", flags->grantor,
                  "Whose authorizations to import (default: the run's join authority)");
  cmd->add_option("--out", flags->out_dir, "Directory for the manifests (must be empty)")
      ->required();
  cmd->add_flag("--force", flags->force, "Write into a non-empty directory");
  cmd->add_option("--state-dir", flags->state_dir,
                  "Where the local ledger lives (default: .psyche-reconcile beside the Cluster "
                  "manifest)");
  cmd->callback([flags] { SetExitCode(RunImport(*flags)); });
}

}  // namespace cli
