#include "reconciler/plan_file_check.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "reconciler/key_ref.h"
#include "reconciler/new_account_keys.h"
#include "reconciler/plan_freshness.h"

namespace reconciler {

absl::StatusOr<std::vector<Precondition>> RereadPreconditions(solana::RpcClient& rpc,
                                                              absl::Span<const Precondition> wanted,
                                                              solana::Commitment commitment) {
  std::vector<Precondition> out;
  out.reserve(wanted.size());
  for (size_t start = 0; start < wanted.size(); start += solana::kMaxMultipleAccounts) {
    const size_t n = std::min(solana::kMaxMultipleAccounts, wanted.size() - start);
    std::vector<solana::Pubkey> keys;
    for (size_t i = 0; i < n; ++i) keys.push_back(wanted[start + i].address);
    ASSIGN_OR_RETURN(auto read, rpc.GetMultipleAccounts(keys, commitment));
    if (read.value.size() != n) {
      return absl::DataLossError("getMultipleAccounts answered for a different number of accounts");
    }
    for (size_t i = 0; i < n; ++i) {
      const auto& info = read.value[i];
      out.push_back(
          info ? AccountRead(keys[i], read.context_slot, info->lamports, info->owner, info->data)
               : AccountAbsent(keys[i], read.context_slot));
    }
  }
  return out;
}

absl::Status CheckPlanCluster(solana::RpcClient& rpc, const ExecutablePlan& plan) {
  ASSIGN_OR_RETURN(solana::Hash genesis, rpc.GetGenesisHash());
  if (genesis != plan.genesis_hash) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the plan was made for the cluster with genesis hash ", plan.genesis_hash.ToBase58(),
        " but ", plan.rpc_url, " has ", genesis.ToBase58(), "; run plan again on this cluster"));
  }
  return absl::OkStatus();
}

absl::Status CheckPlanStillFresh(solana::RpcClient& rpc, const ExecutablePlan& plan) {
  RETURN_IF_ERROR(CheckPlanCluster(rpc, plan));
  ASSIGN_OR_RETURN(solana::Commitment commitment, solana::ParseCommitment(plan.commitment));
  ASSIGN_OR_RETURN(std::vector<Precondition> now,
                   RereadPreconditions(rpc, plan.build.plan.preconditions, commitment));
  absl::Status fresh = CheckPlanFresh(plan.build.plan, plan.build.plan.manifests_hash, now);
  if (!fresh.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat(fresh.message(),
                     " (the chain changed since the plan was made: run plan "
                     "again; nothing was sent)"));
  }
  return absl::OkStatus();
}

absl::Status LoadPlanKeys(const ExecutablePlan& plan, bool skip_missing,
                          std::map<solana::Pubkey, solana::Keypair>* keys) {
  std::vector<SignerRef> refs = plan.signers;
  refs.insert(refs.begin(), plan.payer);
  for (const SignerRef& s : refs) {
    if (s.key_ref.empty()) {
      if (skip_missing) continue;
      return absl::FailedPreconditionError(
          absl::StrCat("the plan names no key file for signer ", s.pubkey.ToBase58(),
                       "; collect its signature with `psyche-reconcile sign` and use `submit`"));
    }
    ASSIGN_OR_RETURN(KeyRef ref, ParseKeyRef(s.key_ref, "/"));
    ref.pubkey = s.pubkey;
    ASSIGN_OR_RETURN(solana::Keypair kp, LoadKeypair(ref));
    keys->insert_or_assign(s.pubkey, std::move(kp));
  }
  for (const auto& accounts : plan.new_accounts) {
    for (const NewAccount& n : accounts) {
      ASSIGN_OR_RETURN(solana::Keypair kp,
                       solana::Keypair::ReadFile(NewAccountKeyPath(plan.state_dir, n.label)));
      if (kp.pubkey() != n.pubkey) {
        return absl::FailedPreconditionError(
            absl::StrCat("the key saved for ", n.label, " in ", plan.state_dir, " is ",
                         kp.pubkey().ToBase58(), ", the plan needs ", n.pubkey.ToBase58()));
      }
      keys->insert_or_assign(n.pubkey, std::move(kp));
    }
  }
  return absl::OkStatus();
}

}  // namespace reconciler
