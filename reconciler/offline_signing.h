// Offline and multi-party signing of a saved plan with durable nonces
// (docs/offline-signing.md, spec solana-wire 7.3): `sign` adds signatures of
// the exact messages to the plan file, `submit` checks they are complete and
// valid and sends the signed bytes in order through the apply journal, so an
// interrupted submit resumes the same signatures and never sends twice.
#ifndef RECONCILER_OFFLINE_SIGNING_H_
#define RECONCILER_OFFLINE_SIGNING_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "providers/solana/keypair.h"
#include "providers/solana/rpc_client.h"
#include "providers/solana/transaction.h"
#include "reconciler/executable_plan.h"
#include "reconciler/tx_sender.h"

namespace reconciler {

// Signs every transaction of `plan` that needs one of `keys` (replacing an
// older signature of the same key: signing twice gives the same file).
// Returns how many signatures were written. InvalidArgument when a key signs
// no transaction of the plan.
absl::StatusOr<int> AddSignatures(ExecutablePlan* plan,
                                  absl::Span<const solana::Keypair* const> keys);

// Signs with the keys of the plan's new accounts (saved in its state
// directory when the plan was made): they sign their own creation, so the
// machine that made the plan adds them at once. No-op without nonces.
absl::Status SignWithNewAccountKeys(ExecutablePlan* plan);

// Signers each transaction still lacks, by transaction index (empty: none).
absl::StatusOr<std::vector<std::vector<solana::Pubkey>>> MissingSignatures(
    const ExecutablePlan& plan);

// The fully signed transactions. FailedPrecondition naming the transaction
// and the signer when one is missing; InvalidArgument when a collected
// signature does not verify or belongs to no signer of its message.
absl::StatusOr<std::vector<solana::Transaction>> AssembleSignedTransactions(
    const ExecutablePlan& plan);

struct SubmitOptions {
  std::string state_dir;  // journal and lock under <state_dir>/<genesis hash>/
  SenderOptions sender;   // commitment, polling
  std::function<void(const std::string& step_id, const std::string& what)> progress;
};

struct SubmitReport {
  std::string step_id;
  std::string signature;
  std::string outcome;  // "confirmed", "already-confirmed", "simulation-failed", "landed-failed"
  std::string error;
};

// Sends `txs` (one per plan operation, in order): a transaction the journal
// shows confirmed is skipped, one journaled but unresolved is confirmed
// (rebroadcasting its bytes), any other is simulated (a failure stops
// everything, nothing of it sent), journaled, sent and confirmed. Stops at
// the first failure. A durable-nonce transaction never expires by height.
absl::StatusOr<std::vector<SubmitReport>> SubmitSigned(solana::RpcClient& rpc,
                                                       const ExecutablePlan& plan,
                                                       absl::Span<const solana::Transaction> txs,
                                                       const SubmitOptions& options);

// Names the submit journal after the signed transactions' ids.
std::string SubmitIdFor(absl::Span<const solana::Transaction> txs);

// True when the journal for these transactions already holds records (a
// re-run of an interrupted submit: the chain moved by its own transactions).
absl::StatusOr<bool> SubmitStarted(const std::string& state_dir, const solana::Hash& genesis,
                                   absl::Span<const solana::Transaction> txs);

}  // namespace reconciler

#endif  // RECONCILER_OFFLINE_SIGNING_H_
