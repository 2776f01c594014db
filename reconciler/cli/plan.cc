// psyche-reconcile plan PATH... [-o text|json|markdown] [--detailed-exitcode]
// [--out FILE] [--no-color] [--target ADDRESS]...: what apply would change, read from the chain.
// Exit: 1 on error; with --detailed-exitcode 2 when there are changes, else 0.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "reconciler/cli/commands.h"
#include "reconciler/cli/local_cluster.h"
#include "reconciler/cli/prune_flags.h"
#include "reconciler/exit_code.h"
#include "reconciler/make_plan.h"
#include "reconciler/plan_output.h"
#include "absl/strings/str_split.h"
#include "reconciler/executable_plan.h"
#include "reconciler/offline_signing.h"
#include "reconciler/plan_file_make.h"

namespace cli {
namespace {

struct PlanFlags {
  std::vector<std::string> paths;
  std::string output = "text";
  bool detailed_exitcode = false;
  std::string out_file;
  bool no_color = false;
  std::string state_dir;
  std::string nonce_accounts;  // comma-separated pubkeys
  std::string nonce_authority;
  PruneFlags prune;
  std::vector<std::string> targets;
};

// The executable plan file of `--out`: what apply, sign and submit read.
absl::Status SaveForApply(const PlanFlags& f, const reconciler::MakePlanOptions& options,
                          const reconciler::PlanBuild& build) {
  const reconciler::LoadedManifests m = reconciler::LoadManifests(f.paths);
  if (m.state.clusters.empty()) return absl::InvalidArgumentError("no Cluster manifest");
  const reconciler::ClusterSpec& cluster = m.state.clusters[0];
  reconciler::PlanFileOptions o;
  o.state_dir = ResolveStateDir(f.paths, f.state_dir);
  o.compute_unit_price_micro_lamports = options.planner.compute_unit_price_micro_lamports;
  for (absl::string_view text : absl::StrSplit(f.nonce_accounts, ',', absl::SkipEmpty())) {
    ASSIGN_OR_RETURN(solana::Pubkey key, solana::Pubkey::FromBase58(text));
    o.nonce_accounts.push_back(key);
  }
  if (!f.nonce_authority.empty()) {
    ASSIGN_OR_RETURN(o.nonce_authority, reconciler::ParseKeyRef(f.nonce_authority, "."));
  }
  ASSIGN_OR_RETURN(auto transport, options.transport(cluster.rpc_url));
  solana::RpcClient rpc(cluster.is_local() ? "http://local" : cluster.rpc_url, transport);
  ASSIGN_OR_RETURN(reconciler::ExecutablePlan plan,
                   reconciler::MakeExecutablePlan(build, m.state, rpc, o));
  RETURN_IF_ERROR(reconciler::SignWithNewAccountKeys(&plan));
  return reconciler::SaveExecutablePlan(plan, f.out_file);
}

void RunPlan(const PlanFlags& f) {
  reconciler::MakePlanOptions options;
  options.transport = CliTransportFactory(ResolveStateDir(f.paths, f.state_dir), ResolveLocalSeedDir(f.paths));
  options.planner.targets = f.targets;
  absl::StatusOr<reconciler::MakePlanResult> result =
      absl::UnknownError("not planned");
  if (absl::Status s = ApplyPruneFlags(f.prune, ResolveStateDir(f.paths, f.state_dir), &options);
      !s.ok()) {
    result = s;
  } else {
    result = reconciler::MakePlan(f.paths, options);
  }
  if (!result.ok()) {
    std::cerr << "error: " << result.status().message() << "\n";
    SetExitCode(reconciler::PlanExitCode(result.status(), {}, f.detailed_exitcode));
    return;
  }
  for (const std::string& d : result->diagnostics) std::cerr << d << "\n";
  const reconciler::Plan& plan = result->build.plan;
  if (!f.out_file.empty()) {
    absl::Status saved = SaveForApply(f, options, result->build);
    if (!saved.ok()) {
      std::cerr << "error: " << saved.message() << "\n";
      SetExitCode(reconciler::kExitError);
      return;
    }
  }
  const bool color =
      reconciler::UseColor(isatty(STDOUT_FILENO) == 1, f.no_color, std::getenv("NO_COLOR"));
  std::cout << reconciler::RenderPlan(
      plan, reconciler::ParseOutputFormat(f.output).value_or(reconciler::OutputFormat::kText),
      color);
  std::cerr << "rpc: " << result->rpc_requests << " request(s) in " << result->rpc_posts
            << " HTTP POST(s)\n";
  SetExitCode(reconciler::PlanExitCode(absl::OkStatus(), plan.Summary(), f.detailed_exitcode));
}

}  // namespace

void RegisterPlan(CLI::App& app) {
  auto* cmd = app.add_subcommand("plan", "Show what apply would change on chain");
  auto flags = std::make_shared<PlanFlags>();
  cmd->add_option("PATH", flags->paths, "Manifest files or directories")->required();
  cmd->add_option("-o,--output", flags->output, "text, json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_flag("--detailed-exitcode", flags->detailed_exitcode,
                "Exit 2 when there are changes, 0 when none, 1 on error");
  cmd->add_option("--out", flags->out_file, "Save the plan (JSON) for apply");
  cmd->add_option("--nonce-account", flags->nonce_accounts,
                  "With --out: durable nonce accounts, one per operation (comma-separated), "
                  "for signing offline (sign/submit)");
  cmd->add_option("--nonce-authority", flags->nonce_authority,
                  "With --nonce-account: the nonce accounts' authority (file:PATH, env:VAR or "
                  "pubkey)");
  cmd->add_flag("--no-color", flags->no_color, "No ANSI colours in text output");
  cmd->add_option("--state-dir", flags->state_dir,
                  "Where the local ledger lives (default: .psyche-reconcile beside the Cluster "
                  "manifest)");
  AddPruneFlags(cmd, &flags->prune);
  cmd->add_option("--target", flags->targets,
                  "Only this resource address (repeatable), plus what it depends on");
  cmd->callback([flags] { RunPlan(*flags); });
}

}  // namespace cli
