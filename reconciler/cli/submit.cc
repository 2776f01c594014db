// psyche-reconcile submit PLANFILE [--state-dir DIR]: sends a plan signed
// offline (`sign`). Refused, with nothing sent, when a signature is missing
// or invalid, when the plan is for another cluster, or when an account it
// read has changed since (stale: run plan again). Then sends the signed
// transactions in order, confirming each, through the apply journal: a re-run
// after an interruption resumes the same signatures. No key is loaded.
#include <iostream>
#include <memory>
#include <string>

#include "reconciler/cli/commands.h"
#include "reconciler/cli/local_cluster.h"
#include "reconciler/executable_plan.h"
#include "reconciler/exit_code.h"
#include "reconciler/new_account_keys.h"
#include "reconciler/offline_signing.h"
#include "reconciler/plan_file_check.h"

namespace cli {
namespace {

struct SubmitFlags {
  std::string plan_file;
  std::string state_dir;
  std::string rpc_url;  // another endpoint of the plan's cluster
};

int Fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return reconciler::kExitError;
}

int RunSubmit(const SubmitFlags& f) {
  auto plan = reconciler::LoadExecutablePlan(f.plan_file);
  if (!plan.ok()) return Fail(std::string(plan.status().message()));
  auto txs = reconciler::AssembleSignedTransactions(*plan);
  if (!txs.ok()) return Fail(f.plan_file + ": " + std::string(txs.status().message()));
  if (txs->empty()) {
    std::cout << "Nothing to submit.\n";
    return reconciler::kExitOk;
  }
  const std::string state_dir = f.state_dir.empty() ? plan->state_dir : f.state_dir;
  const std::string url = f.rpc_url.empty() ? plan->rpc_url : f.rpc_url;
  auto transport = CliTransportFactory(state_dir)(url);
  if (!transport.ok()) return Fail(std::string(transport.status().message()));
  solana::RpcClient rpc(url == "local" ? "http://local" : url, *transport);
  if (absl::Status s = reconciler::CheckPlanCluster(rpc, *plan); !s.ok()) {
    return Fail(std::string(s.message()));
  }
  auto started = reconciler::SubmitStarted(state_dir, plan->genesis_hash, *txs);
  if (!started.ok()) return Fail(std::string(started.status().message()));
  // A resumed submit moved the chain itself; its journal decides what is left.
  if (!*started) {
    if (absl::Status s = reconciler::CheckPlanStillFresh(rpc, *plan); !s.ok()) {
      return Fail(f.plan_file + ": " + std::string(s.message()));
    }
  }
  auto commitment = solana::ParseCommitment(plan->commitment);
  if (!commitment.ok()) return Fail(std::string(commitment.status().message()));
  reconciler::SubmitOptions options;
  options.state_dir = state_dir;
  options.sender.commitment = *commitment;
  options.progress = [](const std::string& id, const std::string& what) {
    std::cerr << id << ": " << what << "\n";
  };
  auto reports = reconciler::SubmitSigned(rpc, *plan, *txs, options);
  if (!reports.ok()) return Fail(std::string(reports.status().message()));
  bool ok = reports->size() == txs->size();
  // Landed creations no longer need their new account's saved key.
  for (size_t t = 0; t < reports->size(); ++t) {
    const std::string& outcome = (*reports)[t].outcome;
    if (outcome != "confirmed" && outcome != "already-confirmed") continue;
    for (const reconciler::NewAccount& n : plan->new_accounts[t]) {
      if (absl::Status s = reconciler::ForgetNewAccountKey(plan->state_dir, n.label); !s.ok()) {
        std::cerr << "warning: " << s.message() << "\n";
      }
    }
  }
  for (const reconciler::SubmitReport& r : *reports) {
    std::cout << "  " << r.step_id << ": " << r.outcome << " " << r.signature;
    if (!r.error.empty()) std::cout << " (" << r.error << ")";
    std::cout << "\n";
    ok = ok && (r.outcome == "confirmed" || r.outcome == "already-confirmed");
  }
  std::cout << "Submit: " << reports->size() << " of " << txs->size() << " transaction(s) "
            << (ok ? "confirmed.\n" : "processed; stopped at a failure.\n");
  return ok ? reconciler::kExitOk : reconciler::kExitError;
}

}  // namespace

void RegisterSubmit(CLI::App& app) {
  auto* cmd = app.add_subcommand("submit", "Send a plan signed offline (see sign)");
  auto flags = std::make_shared<SubmitFlags>();
  cmd->add_option("PLANFILE", flags->plan_file, "Signed plan file")->required();
  cmd->add_option("--state-dir", flags->state_dir,
                  "Journals and locks (default: the plan's state directory)");
  cmd->add_option("--rpc-url", flags->rpc_url,
                  "Send through this endpoint instead of the plan's rpcUrl (refused unless it "
                  "serves the plan's cluster: same genesis hash)");
  cmd->callback([flags] { SetExitCode(RunSubmit(*flags)); });
}

}  // namespace cli
