#include "localnet/cpi.h"

#include <algorithm>

namespace localnet {
namespace {

using Kind = InstructionErrorKind;

struct CalleeAccount {
  size_t caller_index;
  TxAccount view;
  Account pre;
};

bool AllZero(const Bytes& d) {
  return std::all_of(d.begin(), d.end(), [](uint8_t b) { return b == 0; });
}

// The runtime's per-instruction account rules, judged for the callee.
InstructionResult CheckChanges(const Pubkey& program_id, const std::vector<CalleeAccount>& accts) {
  unsigned __int128 before = 0, after = 0;
  for (const CalleeAccount& c : accts) {
    const Account& a = c.view.account;
    const bool owned = c.pre.owner == program_id;
    if (a.owner != c.pre.owner &&
        (!c.view.is_writable || !owned || a.executable || !AllZero(c.pre.data))) {
      return InstructionError{Kind::kModifiedProgramId, 0};
    }
    if (a.lamports < c.pre.lamports && !owned) {
      return InstructionError{Kind::kExternalAccountLamportSpend, 0};
    }
    if (a.lamports != c.pre.lamports && !c.view.is_writable) {
      return InstructionError{Kind::kReadonlyLamportChange, 0};
    }
    if (a.data != c.pre.data) {
      if (!c.view.is_writable) return InstructionError{Kind::kReadonlyDataModified, 0};
      if (!owned) return InstructionError{Kind::kExternalAccountDataModified, 0};
    }
    before += c.pre.lamports;
    after += a.lamports;
  }
  if (before != after) return InstructionError{Kind::kUnbalancedInstruction, 0};
  return Success();
}

}  // namespace

InstructionResult InvokeNested(InvokeContext& caller, const Pubkey& callee_id,
                               const NativeProgram& callee,
                               const std::vector<CpiAccountMeta>& metas, ByteView data,
                               const std::vector<Pubkey>& pda_signers) {
  std::vector<CalleeAccount> accts;
  accts.reserve(metas.size());  // stable addresses for the pointers below
  std::vector<size_t> slot_of_meta;
  for (const CpiAccountMeta& m : metas) {
    if (m.caller_index >= caller.num_accounts()) return InstructionError{Kind::kNotEnoughAccountKeys, 0};
    const TxAccount& from = caller.account(m.caller_index);
    const bool pda = std::find(pda_signers.begin(), pda_signers.end(), from.key) != pda_signers.end();
    if (m.is_signer && !from.is_signer && !pda) {
      caller.LogRaw(absl::StrCat(from.key.ToBase58(), "'s signer privilege escalated"));
      return InstructionError{Kind::kPrivilegeEscalation, 0};
    }
    if (m.is_writable && !from.is_writable) {
      caller.LogRaw(absl::StrCat(from.key.ToBase58(), "'s writable privilege escalated"));
      return InstructionError{Kind::kPrivilegeEscalation, 0};
    }
    auto it = std::find_if(accts.begin(), accts.end(), [&](const CalleeAccount& c) {
      return c.caller_index == m.caller_index;
    });
    if (it == accts.end()) {
      TxAccount view = from;
      view.is_signer = false;
      view.is_writable = false;
      accts.push_back({m.caller_index, view, from.account});
      it = accts.end() - 1;
    }
    it->view.is_signer |= m.is_signer;
    it->view.is_writable |= m.is_writable;
    slot_of_meta.push_back(static_cast<size_t>(it - accts.begin()));
  }
  std::vector<TxAccount*> ptrs;
  for (size_t slot : slot_of_meta) ptrs.push_back(&accts[slot].view);

  const std::string id = callee_id.ToBase58();
  caller.LogRaw(absl::StrCat("Program ", id, " invoke [2]"));
  std::vector<std::string> inner_logs;
  InvokeContext ctx(callee_id, std::move(ptrs), data, caller.env(), &inner_logs);
  InstructionResult r = callee.Process(ctx);
  if (!r) r = CheckChanges(callee_id, accts);
  for (std::string& line : inner_logs) caller.LogRaw(std::move(line));
  if (r) {
    caller.LogRaw(absl::StrCat("Program ", id, " failed: ", r->Display()));
    return r;
  }
  caller.LogRaw(absl::StrCat("Program ", id, " success"));
  for (const CalleeAccount& c : accts) {
    Account& dest = caller.account(c.caller_index).account;
    dest.lamports = c.view.account.lamports;
    dest.owner = c.view.account.owner;
    dest.data = c.view.account.data;
  }
  return Success();
}

}  // namespace localnet
