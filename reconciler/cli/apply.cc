// psyche-reconcile apply [PLANFILE | PATH...] [--auto-approve] [--state-dir DIR]
// [--no-color] [--target ADDRESS]... [--pause-timeout SECONDS]: plan from the
// manifests, show the plan, ask (TTY) unless --auto-approve, then send
// exactly the plan's transactions through the apply engine (journal + lock
// under the state directory), waiting for deferred pauses between phases.
// Exit 0 when everything applied (or nothing to do), 1 otherwise.
//
// A saved plan file (`plan --out FILE`, format 2) is applied as saved, after
// checking that the chain has not moved since (see RunApplyPlanFile).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "reconciler/apply_engine.h"
#include "reconciler/cli/commands.h"
#include "reconciler/cli/log_setup.h"
#include "reconciler/cli/local_cluster.h"
#include "reconciler/cli/prune_flags.h"
#include "reconciler/cli/test_hooks.h"
#include "reconciler/exit_code.h"
#include "reconciler/key_ref.h"
#include "reconciler/make_plan.h"
#include "reconciler/apply_new_accounts.h"
#include "reconciler/manifest.h"
#include "reconciler/plan_output.h"
#include "reconciler/plan_steps.h"
#include "reconciler/executable_plan.h"
#include "reconciler/plan_file_check.h"

namespace cli {
namespace {

struct ApplyFlags {
  std::vector<std::string> paths;
  bool auto_approve = false;
  std::string state_dir;
  bool no_color = false;
  PruneFlags prune;
  std::vector<std::string> targets;
  int pause_timeout_seconds = 600;
  std::string rpc_url;  // plan files: another endpoint of the plan's cluster
};

int Fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return reconciler::kExitError;
}

bool LooksLikePlanFile(const std::vector<std::string>& paths) {
  return paths.size() == 1 && absl::EndsWith(paths[0], ".json");
}

bool Confirm() {
  std::cout << "\nDo you want to apply these changes? Only 'yes' is accepted: " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes";
}

// Every keypair the manifests reference (payer, authorities, grantors).
absl::Status LoadManifestKeys(const reconciler::DesiredState& state,
                              std::map<solana::Pubkey, solana::Keypair>* keys) {
  std::vector<const reconciler::KeyRef*> refs;
  for (const auto& c : state.clusters) refs.push_back(&c.payer);
  for (const auto& r : state.runs) {
    refs.push_back(&r.authority);
    if (r.join_authority) refs.push_back(&*r.join_authority);
  }
  for (const auto& a : state.authorizations) refs.push_back(&a.grantor);
  for (const auto& c : state.clusters) {
    for (const auto& k : c.managed_authorities) refs.push_back(&k);  // prune signers
  }
  for (const reconciler::KeyRef* ref : refs) {
    if (!ref->is_keypair()) continue;
    ASSIGN_OR_RETURN(solana::Keypair kp, reconciler::LoadKeypair(*ref));
    const solana::Pubkey pub = kp.pubkey();
    keys->insert_or_assign(pub, std::move(kp));
  }
  return absl::OkStatus();
}

// Transactions a killed apply signed but never saw confirmed are confirmed
// or proven expired before planning, so the plan counts what landed.
// Manifest errors are left to MakePlan to report.
absl::Status SettleInterruptedApplies(const std::vector<std::string>& paths,
                                      const std::string& state_dir,
                                      const reconciler::TransportFactory& factory) {
  const reconciler::LoadedManifests m = reconciler::LoadManifests(paths);
  if (m.state.clusters.empty()) return absl::OkStatus();
  const reconciler::ClusterSpec& cluster = m.state.clusters[0];
  std::error_code ec;
  if (!std::filesystem::is_directory(state_dir, ec)) return absl::OkStatus();
  auto transport = factory(cluster.rpc_url);
  if (!transport.ok()) return transport.status();
  solana::RpcClient rpc(cluster.is_local() ? "http://local" : cluster.rpc_url, *transport);
  reconciler::ApplyOptions options;
  options.state_dir = state_dir;
  if (auto c = solana::ParseCommitment(cluster.commitment); c.ok()) options.sender.commitment = *c;
  if (cluster.is_local()) options.sender.poll_interval = absl::Milliseconds(100);
  auto notes = reconciler::ResolveInterruptedApplies(rpc, options);
  if (!notes.ok()) return notes.status();
  for (const std::string& n : *notes) std::cerr << "note: " << n << "\n";
  return absl::OkStatus();
}

// A saved plan (`plan --out FILE`): checked against the chain (same genesis,
// no precondition account changed), then run as PlanSteps -> RunApply like a
// fresh plan. Nothing is sent when the check fails.
int RunApplyPlanFile(const ApplyFlags& f) {
  auto plan = reconciler::LoadExecutablePlan(f.paths[0]);
  if (!plan.ok()) return Fail(std::string(plan.status().message()));
  const reconciler::PlanBuild& build = plan->build;
  const bool color =
      reconciler::UseColor(isatty(STDOUT_FILENO) == 1, f.no_color, std::getenv("NO_COLOR"));
  std::cout << reconciler::RenderPlan(build.plan, reconciler::OutputFormat::kText, color);
  if (build.plan.operations.empty()) {
    std::cout << "Nothing to apply.\n";
    return reconciler::kExitOk;
  }
  const std::string state_dir = f.state_dir.empty() ? plan->state_dir : f.state_dir;
  // Another endpoint is fine only for the same chain: the genesis check below.
  const std::string url = f.rpc_url.empty() ? plan->rpc_url : f.rpc_url;
  auto transport = CliTransportFactory(state_dir)(url);
  if (!transport.ok()) return Fail(std::string(transport.status().message()));
  solana::RpcClient rpc(url == "local" ? "http://local" : url, *transport);
  if (absl::Status s = reconciler::CheckPlanStillFresh(rpc, *plan); !s.ok()) {
    return Fail(f.paths[0] + ": " + std::string(s.message()));
  }
  if (!f.auto_approve) {
    if (isatty(STDIN_FILENO) != 1) {
      return Fail("no terminal to confirm on: re-run with --auto-approve to apply without asking");
    }
    if (!Confirm()) return Fail("apply cancelled");
  }
  std::map<solana::Pubkey, solana::Keypair> keypairs;
  if (absl::Status s = reconciler::LoadPlanKeys(*plan, /*skip_missing=*/false, &keypairs);
      !s.ok()) {
    return Fail(std::string(s.message()));
  }
  auto commitment = solana::ParseCommitment(plan->commitment);
  if (!commitment.ok()) return Fail(std::string(commitment.status().message()));
  reconciler::PlanStepsOptions step_options;
  step_options.commitment = *commitment;
  step_options.pause_wait.commitment = *commitment;
  step_options.pause_wait.timeout = absl::Seconds(f.pause_timeout_seconds);
  // The new accounts' keys are already in the instructions: nothing to replace.
  auto steps = reconciler::PlanSteps(build, {}, step_options);
  if (!steps.ok()) return Fail(std::string(steps.status().message()));
  reconciler::KeyProvider keys;
  for (const auto& [pub, kp] : keypairs) keys[pub] = &kp;
  if (url == "local") {
    std::map<solana::Pubkey, uint64_t> needs;
    for (const reconciler::ApplyStep& step : *steps) {
      for (const auto& [key, amount] :
           reconciler::StepDebits(plan->payer.pubkey, step.instructions)) {
        needs[key] += amount;
      }
    }
    if (absl::Status s = FundLocalAccounts(rpc, needs); !s.ok()) {
      return Fail(std::string(s.message()));
    }
  }
  reconciler::ApplyOptions apply;
  apply.state_dir = state_dir;
  apply.apply_id = reconciler::ApplyIdFor(build);
  apply.payer = plan->payer.pubkey;
  apply.sender.commitment = *commitment;
  apply.observed_slot = reconciler::PlanObservedSlot(build);
  apply.progress = ApplyProgress();  // --quiet / --log-format aware
  auto summary = reconciler::RunApply(rpc, keys, *steps, apply);
  if (!summary.ok()) return Fail(std::string(summary.status().message()));
  // Landed creations no longer need their new account's saved key.
  reconciler::NewAccountKeys created;
  for (const auto& accounts : plan->new_accounts) {
    for (const reconciler::NewAccount& n : accounts) created.labels[n.pubkey] = n.label;
  }
  for (const std::string& w :
       reconciler::ForgetLandedNewAccountKeys(plan->state_dir, created, *steps, *summary)) {
    std::cerr << "warning: " << w << "\n";
  }
  std::cout << reconciler::FormatSummary(*summary);
  return summary->ok() ? reconciler::kExitOk : reconciler::kExitError;
}

int RunApplyCommand(const ApplyFlags& f) {
  if (LooksLikePlanFile(f.paths)) return RunApplyPlanFile(f);
  const std::string state_dir = ResolveStateDir(f.paths, f.state_dir);
  reconciler::MakePlanOptions options;
  options.transport = CliTransportFactory(state_dir, ResolveLocalSeedDir(f.paths));
  if (absl::Status s = ApplyPruneFlags(f.prune, state_dir, &options); !s.ok()) {
    return Fail(std::string(s.message()));
  }
  options.planner.targets = f.targets;
  if (absl::Status s = SettleInterruptedApplies(f.paths, state_dir, options.transport); !s.ok()) {
    return Fail(std::string(s.message()));
  }
  auto result = reconciler::MakePlan(f.paths, options);
  if (!result.ok()) return Fail(std::string(result.status().message()));
  for (const std::string& d : result->diagnostics) std::cerr << d << "\n";
  const reconciler::PlanBuild& build = result->build;
  const bool color =
      reconciler::UseColor(isatty(STDOUT_FILENO) == 1, f.no_color, std::getenv("NO_COLOR"));
  std::cout << reconciler::RenderPlan(build.plan, reconciler::OutputFormat::kText, color);
  if (build.plan.operations.empty()) {
    for (const std::string& w : reconciler::ForgetNewAccountKeysOfExistingRuns(
             state_dir, build.plan, reconciler::LoadManifests(f.paths).state)) {
      std::cerr << "warning: " << w << "\n";
    }
    std::cout << "Nothing to apply.\n";
    return reconciler::kExitOk;
  }
  if (!f.auto_approve) {
    if (isatty(STDIN_FILENO) != 1) {
      return Fail("no terminal to confirm on: re-run with --auto-approve to apply without asking");
    }
    if (!Confirm()) return Fail("apply cancelled");
  }

  const reconciler::LoadedManifests m = reconciler::LoadManifests(f.paths);
  if (m.state.clusters.empty()) return Fail("no Cluster manifest");
  const reconciler::ClusterSpec& cluster = m.state.clusters[0];
  std::map<solana::Pubkey, solana::Keypair> keypairs;
  if (absl::Status s = LoadManifestKeys(m.state, &keypairs); !s.ok()) {
    return Fail(std::string(s.message()));
  }
  // A new coordinator account signs only its own creation (with the run's
  // init, one transaction); its key is saved in the state directory first.
  auto new_accounts = reconciler::LoadNewAccountKeys(build, state_dir);
  if (!new_accounts.ok()) return Fail(std::string(new_accounts.status().message()));
  const auto& replacements = new_accounts->replacements;
  auto payer = reconciler::ResolvePubkey(cluster.payer);
  if (!payer.ok()) return Fail(std::string(payer.status().message()));
  auto commitment = solana::ParseCommitment(cluster.commitment);
  if (!commitment.ok()) return Fail(std::string(commitment.status().message()));
  reconciler::PlanStepsOptions step_options;
  step_options.commitment = *commitment;
  step_options.pause_wait.commitment = *commitment;
  step_options.pause_wait.timeout = absl::Seconds(f.pause_timeout_seconds);
  auto steps = reconciler::PlanSteps(build, replacements, step_options);
  if (!steps.ok()) return Fail(std::string(steps.status().message()));
  reconciler::KeyProvider keys;
  for (const auto& [pub, kp] : keypairs) keys[pub] = &kp;
  for (const auto& [pub, kp] : new_accounts->keypairs) keys[pub] = &kp;

  auto transport = options.transport(cluster.rpc_url);
  if (!transport.ok()) return Fail(std::string(transport.status().message()));
  solana::RpcClient rpc(cluster.is_local() ? "http://local" : cluster.rpc_url, *transport);

  if (cluster.is_local()) {
    std::map<solana::Pubkey, uint64_t> needs;
    for (const reconciler::ApplyStep& step : *steps) {
      for (const auto& [key, amount] : reconciler::StepDebits(*payer, step.instructions)) {
        needs[key] += amount;
      }
    }
    if (absl::Status s = FundLocalAccounts(rpc, needs); !s.ok()) {
      return Fail(std::string(s.message()));
    }
  }

  reconciler::ApplyOptions apply;
  apply.state_dir = state_dir;
  apply.apply_id = reconciler::ApplyIdFor(build);
  apply.payer = *payer;
  apply.sender.commitment = *commitment;
  if (cluster.is_local()) apply.sender.poll_interval = absl::Milliseconds(100);  // one slot
  auto test_hooks = TestHooksFromEnv(cluster.is_local() ? transport->get() : nullptr);
  if (!test_hooks.ok()) return Fail(std::string(test_hooks.status().message()));
  apply.sender.crash_hook = *std::move(test_hooks);  // empty outside tests
  apply.observed_slot = reconciler::PlanObservedSlot(build);
  apply.progress = ApplyProgress();  // --quiet / --log-format aware
  auto summary = reconciler::RunApply(rpc, keys, *steps, apply);
  if (!summary.ok()) return Fail(std::string(summary.status().message()));
  std::vector<std::string> warnings =
      reconciler::ForgetLandedNewAccountKeys(state_dir, *new_accounts, *steps, *summary);
  for (const std::string& w :
       reconciler::ForgetNewAccountKeysOfExistingRuns(state_dir, build.plan, m.state)) {
    warnings.push_back(w);
  }
  for (const std::string& w : warnings) std::cerr << "warning: " << w << "\n";
  std::cout << reconciler::FormatSummary(*summary);
  return summary->ok() ? reconciler::kExitOk : reconciler::kExitError;
}

}  // namespace

void RegisterApply(CLI::App& app) {
  auto* cmd = app.add_subcommand("apply", "Make the chain match the manifests");
  auto flags = std::make_shared<ApplyFlags>();
  cmd->add_option("PATH", flags->paths, "Manifest files or directories")->required();
  cmd->add_flag("--auto-approve", flags->auto_approve, "Apply without asking");
  cmd->add_option("--state-dir", flags->state_dir,
                  "Journals, locks and the local ledger (default: .psyche-reconcile beside the "
                  "Cluster manifest)");
  cmd->add_option("--rpc-url", flags->rpc_url,
                  "With a plan file: send through this endpoint instead of the plan's rpcUrl "
                  "(refused unless it serves the plan's cluster: same genesis hash)");
  cmd->add_flag("--no-color", flags->no_color, "No ANSI colours in text output");
  AddPruneFlags(cmd, &flags->prune);
  cmd->add_option("--target", flags->targets,
                  "Only this resource address (repeatable), plus what it depends on");
  cmd->add_option("--pause-timeout", flags->pause_timeout_seconds,
                  "Seconds to wait for a deferred pause to complete before giving up (default "
                  "600)")
      ->check(CLI::PositiveNumber);
  cmd->callback([flags] { SetExitCode(RunApplyCommand(*flags)); });
}

}  // namespace cli
