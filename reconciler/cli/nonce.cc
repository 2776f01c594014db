// psyche-reconcile nonce create PATH... --count N [--authority KEYREF]
// [--state-dir DIR]: creates N durable nonce accounts on the manifests'
// cluster, paid by its payer, for `plan --out FILE --nonce-account ...`.
// The accounts' own keys sign only their creation and are not kept; the
// authority (default: the payer) advances them. Prints the comma-separated
// list plan takes.
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "providers/solana/system_program.h"
#include "reconciler/apply_engine.h"
#include "reconciler/cli/commands.h"
#include "reconciler/cli/local_cluster.h"
#include "reconciler/exit_code.h"
#include "reconciler/key_ref.h"
#include "reconciler/manifest.h"
#include "reconciler/nonce_accounts.h"

namespace cli {
namespace {

struct NonceFlags {
  std::vector<std::string> paths;
  int count = 1;
  std::string authority;
  std::string state_dir;
};

int Fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return reconciler::kExitError;
}

int RunNonceCreate(const NonceFlags& f) {
  if (f.count < 1 || f.count > 100) return Fail("--count must be 1..100");
  const reconciler::LoadedManifests m = reconciler::LoadManifests(f.paths);
  if (m.state.clusters.empty()) return Fail("no Cluster manifest in the given paths");
  const reconciler::ClusterSpec& cluster = m.state.clusters[0];
  auto payer = reconciler::LoadKeypair(cluster.payer);
  if (!payer.ok()) return Fail(std::string(payer.status().message()));
  solana::Pubkey authority = payer->pubkey();
  if (!f.authority.empty()) {
    auto ref = reconciler::ParseKeyRef(f.authority, ".");
    if (!ref.ok()) return Fail(std::string(ref.status().message()));
    auto key = reconciler::ResolvePubkey(*ref);
    if (!key.ok()) return Fail(std::string(key.status().message()));
    authority = *key;
  }
  const std::string state_dir = ResolveStateDir(f.paths, f.state_dir);
  auto transport = CliTransportFactory(state_dir, ResolveLocalSeedDir(f.paths))(cluster.rpc_url);
  if (!transport.ok()) return Fail(std::string(transport.status().message()));
  solana::RpcClient rpc(cluster.is_local() ? "http://local" : cluster.rpc_url, *transport);
  auto commitment = solana::ParseCommitment(cluster.commitment);
  if (!commitment.ok()) return Fail(std::string(commitment.status().message()));
  auto rent =
      rpc.GetMinimumBalanceForRentExemption(solana::system_program::kNonceAccountSize, *commitment);
  if (!rent.ok()) return Fail(std::string(rent.status().message()));

  std::vector<solana::Keypair> fresh;
  std::vector<solana::Pubkey> accounts;
  for (int i = 0; i < f.count; ++i) {
    fresh.push_back(solana::Keypair::Generate());
    accounts.push_back(fresh.back().pubkey());
  }
  std::vector<reconciler::ApplyStep> steps =
      reconciler::NonceCreationSteps(payer->pubkey(), authority, accounts, *rent);
  reconciler::KeyProvider keys;
  keys[payer->pubkey()] = &*payer;
  for (const solana::Keypair& kp : fresh) keys[kp.pubkey()] = &kp;
  if (cluster.is_local()) {
    std::map<solana::Pubkey, uint64_t> needs;
    for (const reconciler::ApplyStep& step : steps) {
      for (const auto& [key, amount] : reconciler::StepDebits(payer->pubkey(), step.instructions)) {
        needs[key] += amount;
      }
    }
    if (absl::Status s = FundLocalAccounts(rpc, needs); !s.ok())
      return Fail(std::string(s.message()));
  }
  reconciler::ApplyOptions apply;
  apply.state_dir = state_dir;
  apply.apply_id = "nonce-create-" + accounts[0].ToBase58().substr(0, 16);
  apply.payer = payer->pubkey();
  apply.sender.commitment = *commitment;
  auto summary = reconciler::RunApply(rpc, keys, steps, apply);
  if (!summary.ok()) return Fail(std::string(summary.status().message()));
  std::cerr << reconciler::FormatSummary(*summary);
  if (!summary->ok()) return reconciler::kExitError;
  std::cout << reconciler::NonceAccountList(accounts) << "\n";
  return reconciler::kExitOk;
}

}  // namespace

void RegisterNonce(CLI::App& app) {
  auto* nonce = app.add_subcommand("nonce", "Durable nonce accounts for offline signing");
  nonce->require_subcommand(1);
  auto* create = nonce->add_subcommand("create", "Create nonce accounts on the manifests' cluster");
  auto flags = std::make_shared<NonceFlags>();
  create->add_option("PATH", flags->paths, "Manifest files or directories (the Cluster)")
      ->required();
  create->add_option("--count", flags->count, "How many (one per planned transaction)");
  create->add_option("--authority", flags->authority,
                     "Who may advance them: file:PATH, env:VAR or pubkey (default: the payer)");
  create->add_option("--state-dir", flags->state_dir, "Journals, locks and the local ledger");
  create->callback([flags] { SetExitCode(RunNonceCreate(*flags)); });
}

}  // namespace cli
