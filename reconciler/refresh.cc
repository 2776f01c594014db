#include "reconciler/refresh.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/solana/coding.h"
#include "reconciler/plan_freshness.h"

namespace reconciler {
namespace {

absl::Status About(const std::string& what, const solana::Pubkey& key, const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat(what, " ", key.ToBase58(), ": ", s.message()));
}

// One getMultipleAccounts over `keys`, recording a precondition per key.
absl::StatusOr<std::vector<std::optional<solana::AccountInfo>>> ReadAccounts(
    const std::vector<solana::Pubkey>& keys, solana::RpcClient& rpc, solana::Commitment c,
    ObservedState* out) {
  if (keys.empty()) return std::vector<std::optional<solana::AccountInfo>>{};
  ASSIGN_OR_RETURN(auto reply, rpc.GetMultipleAccounts(keys, c));
  if (reply.value.size() != keys.size()) {
    return absl::DataLossError("getMultipleAccounts returned a different number of accounts");
  }
  if (out->slot == 0 || reply.context_slot < out->slot) out->slot = reply.context_slot;
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto& a = reply.value[i];
    out->preconditions.push_back(
        a ? AccountRead(keys[i], reply.context_slot, a->lamports, a->owner, a->data)
          : AccountAbsent(keys[i], reply.context_slot));
  }
  return std::move(reply.value);
}

// Unique keys in first-seen order.
class KeyList {
 public:
  void Add(const solana::Pubkey& k) {
    if (index_.emplace(k, keys_.size()).second) keys_.push_back(k);
  }
  size_t IndexOf(const solana::Pubkey& k) const { return index_.at(k); }
  const std::vector<solana::Pubkey>& keys() const { return keys_; }

 private:
  std::vector<solana::Pubkey> keys_;
  std::map<solana::Pubkey, size_t> index_;
};

absl::Status DecodeFirstPass(const DesiredResources& d, const KeyList& keys,
                             const std::vector<std::optional<solana::AccountInfo>>& accounts,
                             ObservedState* out) {
  auto at = [&](const solana::Pubkey& k) -> const std::optional<solana::AccountInfo>& {
    return accounts[keys.IndexOf(k)];
  };
  for (size_t i = 0; i < d.runs.size(); ++i) {
    const DesiredRun& run = d.runs[i];
    ObservedRun& o = out->runs[i];
    if (const auto& a = at(run.instance)) {
      auto inst = psyche::DecodeCoordinatorInstance(a->data, a->owner, d.programs.coordinator);
      if (!inst.ok())
        return About(run.address + ": CoordinatorInstance", run.instance, inst.status());
      if (inst->run_id != run.run_id) {
        return absl::DataLossError(absl::StrCat(run.address, ": CoordinatorInstance ",
                                                run.instance.ToBase58(), " holds run id \"",
                                                inst->run_id, "\", expected \"", run.run_id, "\""));
      }
      o.instance = std::move(*inst);
    }
    if (!run.treasurer) continue;
    const DesiredTreasurer& t = *run.treasurer;
    if (const auto& a = at(t.run)) {
      auto tr = psyche::DecodeTreasurerRun(a->owner, a->data, d.programs.treasurer);
      if (!tr.ok()) return About(run.address + ": treasurer Run", t.run, tr.status());
      o.treasurer_run = *tr;
    }
    if (const auto& a = at(t.vault)) {
      auto vault = psyche::DecodeTokenAccount(a->owner, a->data);
      if (!vault.ok()) return About(run.address + ": collateral vault", t.vault, vault.status());
      o.vault = *vault;
    }
    if (const auto& a = at(t.collateral_mint)) {
      auto mint = psyche::DecodeMint(a->owner, a->data);
      if (!mint.ok())
        return About(run.address + ": collateral mint", t.collateral_mint, mint.status());
      out->mints[t.collateral_mint] = *mint;
    }
  }
  for (const DesiredAuthorization& auth : d.authorizations) {
    const auto& a = at(auth.pda);
    if (!a) continue;
    auto decoded = psyche::DecodeAuthorization(a->owner, a->data, d.programs.authorizer);
    if (!decoded.ok()) return About(auth.address + ": Authorization", auth.pda, decoded.status());
    out->authorizations[auth.pda] = std::move(*decoded);
  }
  return absl::OkStatus();
}

absl::Status ReadCoordinatorAccounts(const DesiredResources& d, solana::RpcClient& rpc,
                                     solana::Commitment c, ObservedState* out) {
  std::vector<solana::Pubkey> keys;
  std::vector<size_t> run_of_key;
  for (size_t i = 0; i < d.runs.size(); ++i) {
    if (!out->runs[i].instance) continue;
    keys.push_back(out->runs[i].instance->coordinator_account);
    run_of_key.push_back(i);
  }
  ASSIGN_OR_RETURN(auto accounts, ReadAccounts(keys, rpc, c, out));
  for (size_t k = 0; k < keys.size(); ++k) {
    const DesiredRun& run = d.runs[run_of_key[k]];
    if (!accounts[k]) {
      return absl::DataLossError(absl::StrCat(run.address, ": the coordinator account ",
                                              keys[k].ToBase58(),
                                              " named by the instance does not exist"));
    }
    auto state = psyche::DecodeCoordinatorAccount(accounts[k]->data, accounts[k]->owner,
                                                  d.programs.coordinator);
    if (!state.ok()) return About(run.address + ": coordinator account", keys[k], state.status());
    out->runs[run_of_key[k]].coordinator = std::move(*state);
  }
  return absl::OkStatus();
}

absl::Status ReadGrantorAuthorizations(const DesiredResources& d, solana::RpcClient& rpc,
                                       solana::Commitment c, ObservedState* out) {
  for (const solana::Pubkey& grantor : d.Grantors()) {
    std::vector<solana::AccountFilter> filters;
    for (const psyche::MemcmpFilter& f : psyche::AuthorizationsByGrantorFilters(grantor)) {
      filters.push_back(solana::MemcmpFilter{f.offset, f.bytes});
    }
    ASSIGN_OR_RETURN(auto reply, rpc.GetProgramAccounts(d.programs.authorizer, filters, c));
    if (out->slot == 0 || reply.context_slot < out->slot) out->slot = reply.context_slot;
    for (const solana::KeyedAccount& ka : reply.value) {
      auto decoded =
          psyche::DecodeAuthorization(ka.account.owner, ka.account.data, d.programs.authorizer);
      if (!decoded.ok()) return About("Authorization", ka.pubkey, decoded.status());
      if (decoded->grantor != grantor) {
        return absl::DataLossError(absl::StrCat("getProgramAccounts for grantor ",
                                                grantor.ToBase58(), " returned ",
                                                ka.pubkey.ToBase58(), " of another grantor"));
      }
      out->authorizations[ka.pubkey] = std::move(*decoded);
    }
  }
  return absl::OkStatus();
}

// Direct (non-treasurer) runs whose instance names a managed authority as
// main_authority (instance offset 9, coordinator.md 2) and no manifest names.
absl::Status ReadUnmanagedRuns(const DesiredResources& d, solana::RpcClient& rpc,
                               solana::Commitment c, ObservedState* out) {
  std::set<solana::Pubkey> desired;
  for (const DesiredRun& run : d.runs) desired.insert(run.instance);
  std::map<solana::Pubkey, psyche::CoordinatorInstance> found;
  const psyche::AnchorDiscriminator& disc = psyche::CoordinatorInstanceDiscriminator();
  for (const solana::Pubkey& authority : d.managed_authorities) {
    std::vector<solana::AccountFilter> filters = {
        solana::MemcmpFilter{0, solana::Bytes(disc.begin(), disc.end())},
        solana::MemcmpFilter{9, solana::Bytes(authority.bytes().begin(), authority.bytes().end())}};
    ASSIGN_OR_RETURN(auto reply, rpc.GetProgramAccounts(d.programs.coordinator, filters, c));
    if (out->slot == 0 || reply.context_slot < out->slot) out->slot = reply.context_slot;
    for (const solana::KeyedAccount& ka : reply.value) {
      if (desired.count(ka.pubkey)) continue;
      auto inst = psyche::DecodeCoordinatorInstance(ka.account.data, ka.account.owner,
                                                    d.programs.coordinator);
      if (!inst.ok()) return About("CoordinatorInstance", ka.pubkey, inst.status());
      if (inst->main_authority != authority) {
        return absl::DataLossError(absl::StrCat("getProgramAccounts for authority ",
                                                authority.ToBase58(), " returned ",
                                                ka.pubkey.ToBase58(), " of another authority"));
      }
      out->preconditions.push_back(AccountRead(ka.pubkey, reply.context_slot, ka.account.lamports,
                                               ka.account.owner, ka.account.data));
      found.emplace(ka.pubkey, std::move(*inst));
    }
  }
  std::vector<solana::Pubkey> accounts;
  for (const auto& [address, inst] : found) accounts.push_back(inst.coordinator_account);
  ASSIGN_OR_RETURN(auto states, ReadAccounts(accounts, rpc, c, out));
  size_t i = 0;
  for (auto& [address, inst] : found) {
    const auto& a = states[i++];
    const std::string what = absl::StrCat("unmanaged run \"", inst.run_id, "\"");
    if (!a) {
      return absl::DataLossError(absl::StrCat(what, ": the coordinator account ",
                                              inst.coordinator_account.ToBase58(),
                                              " named by the instance does not exist"));
    }
    auto state = psyche::DecodeCoordinatorAccount(a->data, a->owner, d.programs.coordinator);
    if (!state.ok()) return About(what + ": coordinator account", inst.coordinator_account,
                                  state.status());
    out->unmanaged_runs.push_back({address, std::move(inst), std::move(*state)});
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ObservedState> Refresh(const DesiredResources& desired, solana::RpcClient& rpc,
                                      solana::Commitment commitment) {
  ObservedState out;
  out.runs.resize(desired.runs.size());
  KeyList keys;
  for (const DesiredRun& run : desired.runs) {
    keys.Add(run.instance);
    if (run.treasurer) {
      keys.Add(run.treasurer->run);
      keys.Add(run.treasurer->vault);
      keys.Add(run.treasurer->collateral_mint);
    }
  }
  for (const DesiredAuthorization& a : desired.authorizations) keys.Add(a.pda);
  ASSIGN_OR_RETURN(auto accounts, ReadAccounts(keys.keys(), rpc, commitment, &out));
  RETURN_IF_ERROR(DecodeFirstPass(desired, keys, accounts, &out));
  accounts.clear();
  RETURN_IF_ERROR(ReadCoordinatorAccounts(desired, rpc, commitment, &out));
  RETURN_IF_ERROR(ReadGrantorAuthorizations(desired, rpc, commitment, &out));
  RETURN_IF_ERROR(ReadUnmanagedRuns(desired, rpc, commitment, &out));
  return out;
}

}  // namespace reconciler
