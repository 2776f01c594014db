#include "reconciler/apply_new_accounts.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "reconciler/new_account_keys.h"

namespace reconciler {

absl::StatusOr<NewAccountKeys> LoadNewAccountKeys(const PlanBuild& build,
                                                  const std::string& state_dir) {
  NewAccountKeys out;
  for (const OperationInstructions& oi : build.instructions) {
    if (oi.placeholder_labels.size() != oi.placeholders.size()) {
      return absl::FailedPreconditionError("a new account of the plan has no label");
    }
    for (size_t i = 0; i < oi.placeholders.size(); ++i) {
      if (out.replacements.contains(oi.placeholders[i])) continue;
      ASSIGN_OR_RETURN(solana::Keypair kp,
                       LoadOrCreateNewAccountKey(state_dir, oi.placeholder_labels[i]));
      const solana::Pubkey pub = kp.pubkey();
      out.replacements[oi.placeholders[i]] = pub;
      out.labels[pub] = oi.placeholder_labels[i];
      out.keypairs.insert_or_assign(pub, std::move(kp));
    }
  }
  return out;
}

std::vector<std::string> ForgetLandedNewAccountKeys(const std::string& state_dir,
                                                    const NewAccountKeys& keys,
                                                    absl::Span<const ApplyStep> steps,
                                                    const ApplySummary& summary) {
  std::vector<std::string> warnings;
  for (size_t i = 0; i < steps.size() && i < summary.steps.size(); ++i) {
    const StepStatus st = summary.steps[i].status;
    if (st != StepStatus::kApplied && st != StepStatus::kAlreadyApplied) continue;
    for (const solana::Instruction& ix : steps[i].instructions) {
      for (const solana::AccountMeta& meta : ix.accounts) {
        auto it = keys.labels.find(meta.pubkey);
        if (it == keys.labels.end() || !meta.is_signer) continue;
        absl::Status s = ForgetNewAccountKey(state_dir, it->second);
        if (!s.ok()) warnings.push_back(std::string(s.message()));
      }
    }
  }
  return warnings;
}

std::vector<std::string> ForgetNewAccountKeysOfExistingRuns(const std::string& state_dir,
                                                            const Plan& plan,
                                                            const DesiredState& state) {
  std::vector<std::string> warnings;
  for (const RunSpec& run : state.runs) {
    const std::string address = "run." + run.origin.name;
    for (const ResourceChange& c : plan.changes) {
      if (c.address != address || c.action == Action::kCreate) continue;
      if (!std::filesystem::exists(NewAccountKeyPath(state_dir, "coordinator-" + run.run_id))) {
        continue;
      }
      absl::Status s = ForgetNewAccountKey(state_dir, "coordinator-" + run.run_id);
      if (!s.ok()) warnings.push_back(std::string(s.message()));
    }
  }
  return warnings;
}

}  // namespace reconciler
