#include "localnet/executor.h"

#include <algorithm>

namespace localnet {
namespace {

struct PreState {
  size_t index;
  uint64_t lamports;
  Pubkey owner;
  Bytes data;
};

bool AllZero(const Bytes& d) {
  return std::all_of(d.begin(), d.end(), [](uint8_t b) { return b == 0; });
}

InstructionResult VerifyChanges(const Pubkey& program_id, const std::vector<PreState>& pre,
                                const std::vector<TxAccount>& accounts) {
  unsigned __int128 before = 0, after = 0;
  for (const PreState& p : pre) {
    const TxAccount& a = accounts[p.index];
    bool owned = p.owner == program_id;
    if (a.account.owner != p.owner) {
      if (!a.is_writable || !owned || a.account.executable || !AllZero(p.data)) {
        return InstructionError{InstructionErrorKind::kModifiedProgramId, 0};
      }
    }
    if (a.account.lamports < p.lamports && !owned) {
      return InstructionError{InstructionErrorKind::kExternalAccountLamportSpend, 0};
    }
    if (a.account.lamports != p.lamports && !a.is_writable) {
      return InstructionError{InstructionErrorKind::kReadonlyLamportChange, 0};
    }
    if (a.account.data != p.data) {
      if (!a.is_writable) return InstructionError{InstructionErrorKind::kReadonlyDataModified, 0};
      if (!owned) return InstructionError{InstructionErrorKind::kExternalAccountDataModified, 0};
    }
    before += p.lamports;
    after += a.account.lamports;
  }
  if (before != after) return InstructionError{InstructionErrorKind::kUnbalancedInstruction, 0};
  return Success();
}

}  // namespace

ExecutionResult ExecuteMessage(const WireMessage& m, const ProgramRegistry& registry,
                               const ExecEnv& env, uint64_t unit_limit,
                               std::vector<TxAccount>* accounts, std::vector<std::string>* logs) {
  ExecutionResult result;
  for (size_t i = 0; i < m.instructions.size(); ++i) {
    const CompiledInstruction& ix = m.instructions[i];
    const Pubkey& pid = m.keys[ix.program_id_index];
    const NativeProgram* program = registry.Find(pid);
    std::string id = pid.ToBase58();
    logs->push_back(absl::StrCat("Program ", id, " invoke [1]"));

    std::vector<TxAccount*> ptrs;
    std::vector<PreState> pre;
    ptrs.reserve(ix.accounts.size());
    for (uint8_t idx : ix.accounts) {
      TxAccount& a = (*accounts)[idx];
      ptrs.push_back(&a);
      bool seen =
          std::any_of(pre.begin(), pre.end(), [&](const PreState& p) { return p.index == idx; });
      if (!seen) pre.push_back({idx, a.account.lamports, a.account.owner, a.account.data});
    }

    uint64_t remaining = unit_limit - result.units_consumed;
    uint64_t cost = program->ComputeUnits();
    InstructionResult r;
    uint64_t used = 0;
    if (cost > remaining) {
      used = remaining;
      r = InstructionError{InstructionErrorKind::kComputationalBudgetExceeded, 0};
    } else {
      used = cost;
      InvokeContext ctx(pid, std::move(ptrs), ix.data, env, logs);
      r = program->Process(ctx);
      if (!r) r = VerifyChanges(pid, pre, *accounts);
    }
    result.units_consumed += used;
    if (!program->IsBuiltin()) {
      logs->push_back(
          absl::StrCat("Program ", id, " consumed ", used, " of ", remaining, " compute units"));
    }
    if (r) {
      logs->push_back(absl::StrCat("Program ", id, " failed: ", r->Display()));
      result.err = TransactionError::Instruction(static_cast<uint8_t>(i), *r);
      return result;
    }
    logs->push_back(absl::StrCat("Program ", id, " success"));
  }
  return result;
}

}  // namespace localnet
