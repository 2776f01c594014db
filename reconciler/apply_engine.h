// Runs an ordered list of apply steps, one transaction each, through
// TxSender under an apply lock and a write-ahead journal. On start it
// resolves every journaled signature first (confirmed: skip; still able to
// land: keep confirming the same bytes; expired and absent: build anew), then
// checks that every account can pay its fees and transfers, then sends.
#ifndef RECONCILER_APPLY_ENGINE_H_
#define RECONCILER_APPLY_ENGINE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "providers/solana/instruction.h"
#include "providers/solana/keypair.h"
#include "providers/solana/rpc_client.h"
#include "reconciler/tx_sender.h"

namespace reconciler {

struct ApplyStep {
  std::string id;  // stable across runs: the journal is keyed by it
  std::string description;
  std::vector<solana::Instruction> instructions;
  // When set, replaces `instructions`: computed from the chain right before
  // each signing (a top-up of target - observed). Empty: nothing to do.
  std::function<absl::StatusOr<std::vector<solana::Instruction>>(solana::RpcClient&)> compute;
  // When set, runs right before the step is built and sent (not when the
  // journal shows it already landed): waits for the chain to reach the state
  // the step needs, e.g. a deferred pause completing. An error fails the step
  // (nothing of it is sent) and stops apply; `report` shows progress.
  std::function<absl::Status(solana::RpcClient&,
                             const std::function<void(const std::string&)>& report)>
      wait;
  // Depends on no other step (no compute, no wait): apply may send it while
  // the independent steps just before it are still confirming.
  bool independent = false;
  // Lamports the step takes from accounts besides its fee and the System
  // transfers/creations it contains (which are counted automatically).
  std::vector<std::pair<solana::Pubkey, uint64_t>> extra_debits;
};

using KeyProvider = std::map<solana::Pubkey, const solana::Keypair*>;

enum class StepStatus { kApplied, kAlreadyApplied, kNothingToDo, kFailed, kNotRun };
absl::string_view StepStatusName(StepStatus status);

struct ProgressEvent {
  size_t index = 0;  // 0-based
  size_t total = 0;
  std::string step_id;
  std::string description;
  std::string
      phase;  // "resuming", "waiting", "sending", "applied", "already-applied", "nothing-to-do",
              // "failed"
  std::string signature;
  std::string message;
};

struct ApplyOptions {
  std::string state_dir;  // journals and locks live in <state_dir>/<genesis hash>/
  std::string apply_id;   // names the journal, e.g. the plan's hash
  std::string lock_scope = "apply";
  solana::Pubkey payer;
  // Lowest context slot of the reads the plan was made from (0: unknown).
  // A transaction of an earlier interrupted apply that lands after it makes
  // the plan stale: apply then stops before sending anything.
  uint64_t observed_slot = 0;
  SenderOptions sender;
  std::function<void(const ProgressEvent&)> progress;
};

struct StepReport {
  std::string id;
  StepStatus status = StepStatus::kNotRun;
  std::vector<std::string> signatures;  // deciding signature(s)
  uint64_t fee_lamports = 0;
  std::string error;
};

struct ApplySummary {
  int applied = 0;
  int skipped = 0;  // already applied (journal or chain) or nothing to do
  int failed = 0;
  int not_run = 0;
  uint64_t fees_lamports = 0;
  int resigns = 0;
  int rebroadcasts = 0;
  std::vector<StepReport> steps;
  std::vector<std::string> notes;  // e.g. a stale lock taken over

  bool ok() const { return failed == 0 && not_run == 0; }
};

// Before anything is sent, transactions that an interrupted apply of another
// plan journaled but never resolved are confirmed or proven expired (the same
// bytes, never re-signed); Aborted when one of them landed after
// `observed_slot`: the plan may count it as not done, so it must be made again.
// Errors: lock refused, journal damage, insufficient funds (before anything
// is sent), missing keys, RPC failures. A failing step is not an error: it is
// reported in the summary (failed = 1, later steps not run).
absl::StatusOr<ApplySummary> RunApply(solana::RpcClient& rpc, const KeyProvider& keys,
                                      absl::Span<const ApplyStep> steps,
                                      const ApplyOptions& options);

// Settles what an apply killed between signing and confirming left behind:
// every transaction journaled under options.state_dir for this cluster (any
// plan) whose fate is unknown is confirmed or proven expired, by the same
// signed bytes, never re-signed. Run it before planning so the plan sees
// their effects. Takes the apply lock; returns one note per transaction.
absl::StatusOr<std::vector<std::string>> ResolveInterruptedApplies(solana::RpcClient& rpc,
                                                                   const ApplyOptions& options);

struct ResolvedTransaction {
  std::string journal, step_id, signature;
  TxOutcome outcome = TxOutcome::kExpired;
  uint64_t slot = 0;  // where it landed (confirmed or landed-failed)
  std::string Note() const;
};
// The journals in `dir` except `skip`: their unresolved transactions resolved.
absl::StatusOr<std::vector<ResolvedTransaction>> ResolvePendingJournals(
    solana::RpcClient& rpc, const std::string& dir, const std::string& skip,
    const SenderOptions& sender);

// Lamports each account must hold for `instructions` (fee on the payer, System
// Transfer / CreateAccount amounts on their source, and the rent of accounts
// the Psyche and ATA programs create by CPI on their funder).
std::map<solana::Pubkey, uint64_t> StepDebits(const solana::Pubkey& payer,
                                              absl::Span<const solana::Instruction> instructions);

// One line per step and a total, for the end of apply.
std::string FormatSummary(const ApplySummary& summary);
// Progress for a terminal: rewrites one line when `out` is a TTY, else one line per event.
std::function<void(const ProgressEvent&)> TerminalProgress(FILE* out);

}  // namespace reconciler

#endif  // RECONCILER_APPLY_ENGINE_H_
