#include "reconciler/plan_file_make.h"

#include <filesystem>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/packer.h"
#include "providers/solana/system_program.h"
#include "providers/solana/transaction.h"
#include "reconciler/new_account_keys.h"
#include "reconciler/plan_freshness.h"

namespace reconciler {
namespace {

std::string Absolute(const std::string& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

// Every keypair reference the manifests hold, by the key it resolves to.
std::map<solana::Pubkey, std::string> ManifestKeyRefs(const DesiredState& m) {
  std::vector<const KeyRef*> refs;
  for (const auto& r : m.runs) {
    refs.push_back(&r.authority);
    if (r.join_authority) refs.push_back(&*r.join_authority);
  }
  for (const auto& a : m.authorizations) refs.push_back(&a.grantor);
  std::map<solana::Pubkey, std::string> out;
  for (const KeyRef* ref : refs) {
    auto pub = ResolvePubkey(*ref);
    if (pub.ok()) out.emplace(*pub, KeyRefForPlanFile(*ref));
  }
  return out;
}

// New coordinator accounts: their keys are fixed now (under the labels the
// planner gives them, as apply does), so the file names the account a
// reviewer signs for and a later apply finds its key.
absl::Status FixNewAccounts(const std::string& state_dir, ExecutablePlan* p) {
  std::map<solana::Pubkey, NewAccount> fresh;
  for (const OperationInstructions& oi : p->build.instructions) {
    if (oi.placeholder_labels.size() != oi.placeholders.size()) {
      return absl::FailedPreconditionError("new accounts without labels");
    }
    for (size_t i = 0; i < oi.placeholders.size(); ++i) {
      if (fresh.contains(oi.placeholders[i])) continue;
      ASSIGN_OR_RETURN(solana::Keypair kp,
                       LoadOrCreateNewAccountKey(state_dir, oi.placeholder_labels[i]));
      fresh[oi.placeholders[i]] = NewAccount{kp.pubkey(), oi.placeholder_labels[i]};
    }
  }
  p->new_accounts.clear();
  for (const OperationInstructions& oi : p->build.instructions) {
    std::vector<NewAccount> accounts;
    for (const solana::Pubkey& placeholder : oi.placeholders)
      accounts.push_back(fresh[placeholder]);
    p->new_accounts.push_back(std::move(accounts));
  }
  std::map<solana::Pubkey, solana::Pubkey> replacements;
  for (const auto& [placeholder, account] : fresh) replacements[placeholder] = account.pubkey;
  FixPlaceholders(replacements, &p->build);
  return absl::OkStatus();
}

absl::Status AttachNonces(solana::RpcClient& rpc, const PlanFileOptions& o,
                          solana::Commitment commitment, ExecutablePlan* p) {
  if (o.nonce_accounts.empty()) return absl::OkStatus();
  for (size_t i = 0; i < p->build.instructions.size(); ++i) {
    if (p->build.instructions[i].wait_for_pause) {
      return absl::FailedPreconditionError(
          absl::StrCat("operation ", p->build.plan.operations[i].id,
                       " waits for a deferred pause, which a "
                       "transaction signed in advance cannot do: apply it online (apply PATH... or "
                       "apply FILE)"));
    }
  }
  const size_t ops = p->build.plan.operations.size();
  if (o.nonce_accounts.size() != ops) {
    return absl::InvalidArgumentError(
        absl::StrCat("the plan has ", ops,
                     " transaction(s) (one per operation) and needs as many "
                     "nonce accounts; ",
                     o.nonce_accounts.size(), " given"));
  }
  if (std::set<solana::Pubkey>(o.nonce_accounts.begin(), o.nonce_accounts.end()).size() != ops) {
    return absl::InvalidArgumentError("each transaction needs its own nonce account");
  }
  if (!o.nonce_authority) return absl::InvalidArgumentError("--nonce-authority is required");
  ASSIGN_OR_RETURN(solana::Pubkey authority, ResolvePubkey(*o.nonce_authority));
  ASSIGN_OR_RETURN(auto read, rpc.GetMultipleAccounts(o.nonce_accounts, commitment));
  for (size_t i = 0; i < ops; ++i) {
    const solana::Pubkey& key = o.nonce_accounts[i];
    if (!read.value[i]) {
      return absl::FailedPreconditionError(
          absl::StrCat("nonce account ", key.ToBase58(), " does not exist"));
    }
    auto nonce =
        solana::system_program::ParseNonceAccount(read.value[i]->owner, read.value[i]->data);
    if (!nonce.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("nonce account ", key.ToBase58(), ": ", nonce.status().message()));
    }
    if (nonce->authority != authority) {
      return absl::FailedPreconditionError(
          absl::StrCat("nonce account ", key.ToBase58(), " has authority ",
                       nonce->authority.ToBase58(), ", not ", authority.ToBase58()));
    }
    p->nonces.push_back({key, authority, nonce->durable_nonce});
    // Advancing the nonce elsewhere makes the signed transaction unusable:
    // it is a precondition like any account read.
    p->build.plan.preconditions.push_back(AccountRead(key, read.context_slot,
                                                      read.value[i]->lamports, read.value[i]->owner,
                                                      read.value[i]->data));
  }
  // AdvanceNonceAccount adds an instruction and up to three accounts.
  ASSIGN_OR_RETURN(std::vector<solana::Message> messages, OfflineMessages(*p));
  for (size_t i = 0; i < messages.size(); ++i) {
    ASSIGN_OR_RETURN(solana::Transaction tx, solana::Transaction::FromMessage(messages[i]));
    if (tx.SerializedSize() > solana::kMaxTransactionSize) {
      return absl::FailedPreconditionError(absl::StrCat(
          "operation ", p->build.plan.operations[i].id,
          " does not fit one transaction with a "
          "durable nonce (",
          tx.SerializedSize(), " > ", solana::kMaxTransactionSize,
          " bytes); apply it online (apply PATH... or apply FILE without --nonce-account)"));
    }
  }
  bool listed = authority == p->payer.pubkey;
  for (const SignerRef& s : p->signers) listed = listed || s.pubkey == authority;
  if (!listed) p->signers.push_back({authority, KeyRefForPlanFile(*o.nonce_authority)});
  return absl::OkStatus();
}

}  // namespace

std::string KeyRefForPlanFile(const KeyRef& ref) {
  switch (ref.source) {
    case KeyRef::Source::kFile:
      return "file:" + Absolute(ref.location);
    case KeyRef::Source::kEnv:
      return "env:" + ref.location;
    case KeyRef::Source::kPubkey:
      return "";
  }
  return "";
}

absl::StatusOr<ExecutablePlan> MakeExecutablePlan(PlanBuild build, const DesiredState& m,
                                                  solana::RpcClient& rpc,
                                                  const PlanFileOptions& o) {
  if (m.clusters.empty()) return absl::InvalidArgumentError("no Cluster manifest");
  const ClusterSpec& cluster = m.clusters[0];
  ASSIGN_OR_RETURN(solana::Commitment commitment, solana::ParseCommitment(cluster.commitment));
  ExecutablePlan p;
  p.build = std::move(build);
  p.rpc_url = cluster.rpc_url;
  p.commitment = cluster.commitment;
  p.state_dir = Absolute(o.state_dir);
  ASSIGN_OR_RETURN(p.genesis_hash, rpc.GetGenesisHash());
  ASSIGN_OR_RETURN(p.payer.pubkey, ResolvePubkey(cluster.payer));
  p.payer.key_ref = KeyRefForPlanFile(cluster.payer);
  if (o.compute_unit_price_micro_lamports > 0) {
    p.transaction_prefix.push_back(
        solana::compute_budget::SetComputeUnitPrice(o.compute_unit_price_micro_lamports));
  }
  RETURN_IF_ERROR(FixNewAccounts(p.state_dir, &p));
  std::set<solana::Pubkey> fresh;
  for (const auto& accounts : p.new_accounts) {
    for (const NewAccount& n : accounts) fresh.insert(n.pubkey);
  }
  const std::map<solana::Pubkey, std::string> refs = ManifestKeyRefs(m);
  std::set<solana::Pubkey> needed;
  for (const Operation& op : p.build.plan.operations)
    needed.insert(op.signers.begin(), op.signers.end());
  for (const solana::Pubkey& k : needed) {
    if (k == p.payer.pubkey || fresh.contains(k)) continue;
    auto it = refs.find(k);
    p.signers.push_back({k, it == refs.end() ? "" : it->second});
  }
  RETURN_IF_ERROR(AttachNonces(rpc, o, commitment, &p));
  p.signatures.clear();
  return p;
}

}  // namespace reconciler
