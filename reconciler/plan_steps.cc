#include "reconciler/plan_steps.h"

#include "absl/strings/str_cat.h"
#include "providers/solana/coding.h"

namespace reconciler {
namespace {

void PutString(solana::Bytes* out, const std::string& s) {
  solana::PutU64(out, s.size());
  solana::PutBytes(out, solana::ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

}  // namespace

absl::StatusOr<std::vector<ApplyStep>> PlanSteps(
    const PlanBuild& build, const std::map<solana::Pubkey, solana::Pubkey>& replacements) {
  const std::vector<Operation>& ops = build.plan.operations;
  if (build.instructions.size() != ops.size()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the plan has ", ops.size(), " operation(s) but instructions for ",
                     build.instructions.size()));
  }
  std::vector<ApplyStep> steps;
  steps.reserve(ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    const OperationInstructions& oi = build.instructions[i];
    for (const solana::Pubkey& p : oi.placeholders) {
      if (!replacements.contains(p)) {
        return absl::FailedPreconditionError(absl::StrCat(
            "operation ", ops[i].id, ": no key generated for placeholder ", p.ToBase58()));
      }
    }
    ApplyStep step;
    step.id = ops[i].id;
    step.description = ops[i].description;
    step.instructions = oi.instructions;
    for (solana::Instruction& ix : step.instructions) {
      for (solana::AccountMeta& meta : ix.accounts) {
        auto it = replacements.find(meta.pubkey);
        if (it != replacements.end()) meta.pubkey = it->second;
      }
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::string ApplyIdFor(const PlanBuild& build) {
  solana::Bytes buf;
  for (size_t i = 0; i < build.plan.operations.size(); ++i) {
    PutString(&buf, build.plan.operations[i].id);
    PutString(&buf, build.plan.operations[i].description);
    if (i >= build.instructions.size()) continue;
    for (const solana::Instruction& ix : build.instructions[i].instructions) {
      solana::PutBytes(&buf, ix.program_id.view());
      solana::PutU64(&buf, ix.accounts.size());
      for (const solana::AccountMeta& m : ix.accounts) {
        solana::PutBytes(&buf, m.pubkey.view());
        solana::PutU8(&buf, (m.is_signer ? 1 : 0) | (m.is_writable ? 2 : 0));
      }
      solana::PutU64(&buf, ix.data.size());
      solana::PutBytes(&buf, ix.data);
    }
  }
  return absl::StrCat("plan-", solana::Sha256({buf}).ToBase58().substr(0, 16));
}

uint64_t PlanObservedSlot(const PlanBuild& build) {
  uint64_t slot = 0;
  for (const Precondition& p : build.plan.preconditions) {
    if (p.slot != 0 && (slot == 0 || p.slot < slot)) slot = p.slot;
  }
  return slot;
}

}  // namespace reconciler
