#include "reconciler/offline_signing.h"

#include <limits>
#include <set>

#include "absl/strings/str_cat.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/system_program.h"
#include "reconciler/apply_lock.h"
#include "reconciler/journal.h"
#include "reconciler/new_account_keys.h"

namespace reconciler {
namespace {

// Durable-nonce transactions do not expire by block height; the sender's
// expiry proof (height > LVBH + 1) must never fire for them.
constexpr uint64_t kNeverExpires = std::numeric_limits<uint64_t>::max() - 2;

bool IsSignerOf(const solana::Message& m, const solana::Pubkey& key) {
  for (size_t i = 0; i < m.num_signers() && i < m.account_keys.size(); ++i) {
    if (m.account_keys[i] == key) return true;
  }
  return false;
}

// Spec 7.3's proof that a nonce transaction can no longer land: the nonce
// account holds another value, and then the signature is still unknown.
absl::StatusOr<bool> NonceMovedOn(solana::RpcClient& rpc, const NonceUse& nonce,
                                  const std::string& signature, const SubmitOptions& options) {
  ASSIGN_OR_RETURN(auto read, rpc.GetMultipleAccounts({nonce.account}, options.sender.commitment));
  if (read.value.size() != 1) return false;
  if (read.value[0].has_value()) {
    auto state =
        solana::system_program::ParseNonceAccount(read.value[0]->owner, read.value[0]->data);
    if (state.ok() && state->durable_nonce == nonce.value) return false;
  }
  ASSIGN_OR_RETURN(auto status, rpc.GetSignatureStatuses({signature}, true));
  return status.value.size() == 1 && !status.value[0].has_value();
}

std::string JournalDir(const std::string& state_dir, const solana::Hash& genesis) {
  return absl::StrCat(state_dir, "/", genesis.ToBase58());
}

}  // namespace

absl::StatusOr<int> AddSignatures(ExecutablePlan* plan,
                                  absl::Span<const solana::Keypair* const> keys) {
  ASSIGN_OR_RETURN(std::vector<solana::Message> messages, OfflineMessages(*plan));
  plan->signatures.resize(messages.size());
  int written = 0;
  for (const solana::Keypair* key : keys) {
    int used = 0;
    for (size_t t = 0; t < messages.size(); ++t) {
      if (!IsSignerOf(messages[t], key->pubkey())) continue;
      const solana::Signature sig = key->Sign(messages[t].Serialize());
      auto& list = plan->signatures[t];
      std::erase_if(list, [&](const CollectedSignature& c) { return c.signer == key->pubkey(); });
      list.push_back({key->pubkey(), sig});
      ++used;
    }
    if (used == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("key ", key->pubkey().ToBase58(), " signs no transaction of this plan"));
    }
    written += used;
  }
  return written;
}

absl::Status SignWithNewAccountKeys(ExecutablePlan* plan) {
  if (!plan->uses_nonces()) return absl::OkStatus();
  std::vector<solana::Keypair> keypairs;
  for (const auto& accounts : plan->new_accounts) {
    for (const NewAccount& n : accounts) {
      ASSIGN_OR_RETURN(solana::Keypair kp,
                       solana::Keypair::ReadFile(NewAccountKeyPath(plan->state_dir, n.label)));
      if (kp.pubkey() != n.pubkey) {
        return absl::FailedPreconditionError(
            absl::StrCat("the key saved for ", n.label, " is not ", n.pubkey.ToBase58()));
      }
      keypairs.push_back(std::move(kp));
    }
  }
  std::vector<const solana::Keypair*> keys;
  for (const solana::Keypair& kp : keypairs) keys.push_back(&kp);
  if (keys.empty()) return absl::OkStatus();
  return AddSignatures(plan, keys).status();
}

absl::StatusOr<std::vector<std::vector<solana::Pubkey>>> MissingSignatures(
    const ExecutablePlan& plan) {
  ASSIGN_OR_RETURN(std::vector<solana::Message> messages, OfflineMessages(plan));
  std::vector<std::vector<solana::Pubkey>> out(messages.size());
  for (size_t t = 0; t < messages.size(); ++t) {
    for (size_t i = 0; i < messages[t].num_signers(); ++i) {
      const solana::Pubkey& k = messages[t].account_keys[i];
      bool have = false;
      if (t < plan.signatures.size()) {
        for (const auto& c : plan.signatures[t]) have = have || c.signer == k;
      }
      if (!have) out[t].push_back(k);
    }
  }
  return out;
}

absl::StatusOr<std::vector<solana::Transaction>> AssembleSignedTransactions(
    const ExecutablePlan& plan) {
  ASSIGN_OR_RETURN(std::vector<solana::Message> messages, OfflineMessages(plan));
  std::vector<solana::Transaction> out;
  for (size_t t = 0; t < messages.size(); ++t) {
    const std::string& id = plan.build.plan.operations[t].id;
    ASSIGN_OR_RETURN(solana::Transaction tx, solana::Transaction::FromMessage(messages[t]));
    const solana::Bytes bytes = messages[t].Serialize();
    if (t < plan.signatures.size()) {
      for (const CollectedSignature& c : plan.signatures[t]) {
        if (!IsSignerOf(messages[t], c.signer)) {
          return absl::InvalidArgumentError(absl::StrCat("transaction ", t, " (", id,
                                                         "): ", c.signer.ToBase58(),
                                                         " is not one of its signers"));
        }
        if (!solana::VerifySignature(c.signer, bytes, c.signature)) {
          return absl::InvalidArgumentError(
              absl::StrCat("transaction ", t, " (", id, "): the signature of ", c.signer.ToBase58(),
                           " does not verify (signed another message: run sign again)"));
        }
        RETURN_IF_ERROR(tx.AddSignature(c.signer, c.signature));
      }
    }
    std::vector<solana::Pubkey> missing = tx.MissingSigners();
    if (!missing.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("transaction ", t, " (", id, ") lacks the signature of ",
                       missing[0].ToBase58(), ": run `psyche-reconcile sign` with that key"));
    }
    RETURN_IF_ERROR(tx.VerifySignatures());
    out.push_back(std::move(tx));
  }
  return out;
}

std::string SubmitIdFor(absl::Span<const solana::Transaction> txs) {
  solana::Bytes buf;
  for (const solana::Transaction& tx : txs) {
    const std::string id = tx.Id();
    solana::PutBytes(&buf,
                     solana::ByteView(reinterpret_cast<const uint8_t*>(id.data()), id.size()));
  }
  return absl::StrCat("submit-", solana::Sha256({buf}).ToBase58().substr(0, 16));
}

absl::StatusOr<bool> SubmitStarted(const std::string& state_dir, const solana::Hash& genesis,
                                   absl::Span<const solana::Transaction> txs) {
  ASSIGN_OR_RETURN(std::string path,
                   Journal::PathFor(JournalDir(state_dir, genesis), SubmitIdFor(txs)));
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fclose(f);
  return size > 0;
}

absl::StatusOr<std::vector<SubmitReport>> SubmitSigned(solana::RpcClient& rpc,
                                                       const ExecutablePlan& plan,
                                                       absl::Span<const solana::Transaction> txs,
                                                       const SubmitOptions& options) {
  const std::string dir = JournalDir(options.state_dir, plan.genesis_hash);
  std::string lock_note;
  ASSIGN_OR_RETURN(auto lock, ApplyLock::Acquire(absl::StrCat(dir, "/apply.lock"), &lock_note));
  ASSIGN_OR_RETURN(auto journal, Journal::Open(dir, SubmitIdFor(txs)));
  TxSender sender(&rpc, journal.get(), options.sender);
  auto progress = [&](const std::string& id, const std::string& what) {
    if (options.progress) options.progress(id, what);
  };
  std::vector<SubmitReport> reports;
  for (size_t t = 0; t < txs.size(); ++t) {
    SubmitReport r;
    r.step_id = plan.build.plan.operations[t].id;
    r.signature = txs[t].Id();
    std::optional<JournaledTransaction> pending;
    for (const JournaledTransaction& j : journal->StepTransactions(r.step_id)) {
      if (j.signature != r.signature) continue;
      if (j.state == TxState::kConfirmed) r.outcome = "already-confirmed";
      if (j.state == TxState::kSigned || j.state == TxState::kSent) pending = j;
    }
    if (r.outcome == "already-confirmed") {
      progress(r.step_id, r.outcome);
      reports.push_back(r);
      continue;
    }
    JournaledTransaction j;
    if (pending) {
      ASSIGN_OR_RETURN(bool dead, NonceMovedOn(rpc, plan.nonces[t], r.signature, options));
      if (dead) {
        JournalRecord rec;
        rec.step_id = r.step_id;
        rec.signature = r.signature;
        rec.state = TxState::kExpired;
        rec.note = "durable nonce advanced and the signature is absent: it can never land";
        RETURN_IF_ERROR(journal->Append(rec));
        r.outcome = "expired";
        r.error = "its nonce advanced without it (run plan again)";
        progress(r.step_id, r.outcome);
        reports.push_back(r);
        return reports;
      }
      j = *pending;
    } else {
      const solana::Bytes wire = txs[t].Serialize();
      solana::SimulateOptions sim;
      sim.commitment = options.sender.blockhash_commitment;
      sim.sig_verify = true;
      ASSIGN_OR_RETURN(auto simulated, rpc.SimulateTransaction(wire, sim));
      if (simulated.value.err.has_value()) {
        r.outcome = "simulation-failed";
        r.error = DescribeTransactionError(*simulated.value.err, simulated.value.logs, {},
                                           options.sender.error_names);
        progress(r.step_id, r.outcome);
        reports.push_back(r);
        return reports;
      }
      JournalRecord rec;
      rec.step_id = r.step_id;
      rec.signature = r.signature;
      rec.signed_tx_base64 = solana::Base64Encode(wire);
      rec.last_valid_block_height = kNeverExpires;
      rec.state = TxState::kSigned;
      rec.note = "durable nonce, signed offline";
      RETURN_IF_ERROR(journal->Append(rec));
      j = {rec.signature, rec.signed_tx_base64, rec.last_valid_block_height, TxState::kSigned};
    }
    progress(r.step_id, "sending");
    ASSIGN_OR_RETURN(TxResult result, sender.Resume(r.step_id, j));
    if (result.outcome == TxOutcome::kConfirmed) {
      r.outcome = "confirmed";
    } else {
      r.outcome = std::string(TxOutcomeName(result.outcome));
      r.error = result.error_text;
    }
    progress(r.step_id, r.outcome);
    reports.push_back(r);
    if (result.outcome != TxOutcome::kConfirmed) return reports;
  }
  return reports;
}

}  // namespace reconciler
