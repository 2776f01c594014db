#include "reconciler/plan_steps.h"

#include "absl/strings/str_cat.h"
#include "providers/psyche/spl_token.h"
#include "providers/solana/coding.h"

namespace reconciler {
namespace {

void PutString(solana::Bytes* out, const std::string& s) {
  solana::PutU64(out, s.size());
  solana::PutBytes(out, solana::ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

}  // namespace

std::string TransactionStepId(const TransactionPlan& tx) {
  if (tx.operation_ids.empty()) return "(empty transaction)";
  std::string id = tx.operation_ids[0];
  if (tx.operation_ids.size() > 1) absl::StrAppend(&id, " +", tx.operation_ids.size() - 1);
  return id;
}

absl::StatusOr<std::vector<ApplyStep>> PlanSteps(
    const PlanBuild& build, const std::map<solana::Pubkey, solana::Pubkey>& replacements,
    const PlanStepsOptions& options) {
  const std::vector<Operation>& ops = build.plan.operations;
  if (build.instructions.size() != ops.size()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the plan has ", ops.size(), " operation(s) but instructions for ",
                     build.instructions.size()));
  }
  if (build.transactions.size() != build.plan.transactions.size()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the plan lists ", build.plan.transactions.size(),
                     " transaction(s) but the build packed ", build.transactions.size()));
  }
  std::vector<int> packed_in(ops.size(), 0);
  for (const solana::PackedTransaction& tx : build.transactions) {
    for (size_t g : tx.group_indexes) {
      if (g >= ops.size()) return absl::FailedPreconditionError("transaction names no operation");
      ++packed_in[g];
    }
  }
  for (size_t i = 0; i < ops.size(); ++i) {
    if (packed_in[i] != 1) {
      return absl::FailedPreconditionError(absl::StrCat(
          "operation ", ops[i].id, " is in ", packed_in[i], " transactions instead of one"));
    }
    for (const solana::Pubkey& p : build.instructions[i].placeholders) {
      if (!replacements.contains(p)) {
        return absl::FailedPreconditionError(absl::StrCat(
            "operation ", ops[i].id, ": no key generated for placeholder ", p.ToBase58()));
      }
    }
  }
  auto replace = [&](std::vector<solana::Instruction> ixs) {
    for (solana::Instruction& ix : ixs) {
      for (solana::AccountMeta& meta : ix.accounts) {
        auto it = replacements.find(meta.pubkey);
        if (it != replacements.end()) meta.pubkey = it->second;
      }
    }
    return ixs;
  };

  std::vector<ApplyStep> steps;
  steps.reserve(build.transactions.size());
  for (size_t t = 0; t < build.transactions.size(); ++t) {
    const solana::PackedTransaction& tx = build.transactions[t];
    if (tx.group_indexes.empty()) return absl::FailedPreconditionError("empty transaction");
    ApplyStep step;
    step.id = TransactionStepId(build.plan.transactions[t]);
    const Operation& first = ops[tx.group_indexes[0]];
    step.description = tx.group_indexes.size() == 1
                           ? first.description
                           : absl::StrCat(tx.group_indexes.size(), " operations: ",
                                          first.description, ", ...");
    step.instructions = replace(tx.instructions);
    const OperationInstructions& lead = build.instructions[tx.group_indexes[0]];
    if (lead.top_up) {
      if (tx.group_indexes.size() != 1) {
        return absl::FailedPreconditionError(
            absl::StrCat("top-up ", first.id, " is packed with other operations"));
      }
      const size_t prefix_len = tx.instructions.size() - lead.instructions.size();
      std::vector<solana::Instruction> prefix(tx.instructions.begin(),
                                              tx.instructions.begin() + prefix_len);
      const TopUpIntent intent = *lead.top_up;
      const solana::Commitment commitment = options.commitment;
      step.compute = [intent, prefix, commitment](solana::RpcClient& rpc)
          -> absl::StatusOr<std::vector<solana::Instruction>> {
        ASSIGN_OR_RETURN(auto info, rpc.GetMultipleAccounts({intent.vault}, commitment));
        uint64_t balance = 0;
        if (info.value.size() == 1 && info.value[0].has_value()) {
          ASSIGN_OR_RETURN(psyche::TokenAccount vault,
                           psyche::DecodeTokenAccount(info.value[0]->owner, info.value[0]->data));
          if (vault.mint != intent.mint) {
            return absl::FailedPreconditionError(
                absl::StrCat("vault ", intent.vault.ToBase58(), " holds another mint"));
          }
          balance = vault.amount;
        }
        if (balance >= intent.target) return std::vector<solana::Instruction>{};
        std::vector<solana::Instruction> out = prefix;
        for (solana::Instruction& ix : TopUpInstructions(intent, intent.target - balance)) {
          out.push_back(std::move(ix));
        }
        return out;
      };
    }
    if (lead.wait_for_pause) {
      const PauseWait what = *lead.wait_for_pause;
      const PauseWaitOptions wait_options = options.pause_wait;
      step.wait = [what, wait_options](solana::RpcClient& rpc,
                                       const std::function<void(const std::string&)>& report) {
        return WaitForRunPaused(rpc, what, wait_options, report);
      };
    }
    step.independent = !step.compute && !step.wait;
    for (size_t g : tx.group_indexes) {
      if (!ops[g].depends_on.empty()) step.independent = false;
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
