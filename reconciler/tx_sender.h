// Sends one transaction under the confirmation discipline of spec
// solana-wire 7.2: build on a `confirmed` blockhash, sign, journal, simulate,
// send once with preflight, then poll getSignatureStatuses and rebroadcast the
// SAME bytes until the target commitment or a proof of expiry (block height
// > LVBH + 1, then the signature still absent). Only that proof allows a
// rebuild with a new blockhash and new signature. Lost replies, timeouts and
// AlreadyProcessed are resolved by looking the signature up.
#ifndef RECONCILER_TX_SENDER_H_
#define RECONCILER_TX_SENDER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "absl/time/time.h"
#include "providers/solana/instruction.h"
#include "providers/solana/keypair.h"
#include "providers/solana/rpc_client.h"
#include "providers/solana/transaction_error.h"
#include "reconciler/journal.h"

namespace reconciler {

// Where a test can stop the sender as a crash would (the hook's error is
// returned and nothing after that point happens).
enum class CrashPoint { kAfterSignedJournaled, kAfterSend, kBeforeConfirmedJournaled };

// (program, custom code) -> the program's error name, when known.
using ProgramErrorNames =
    std::function<std::optional<std::string>(const solana::Pubkey& program, uint32_t code)>;

struct SenderOptions {
  solana::Commitment commitment = solana::Commitment::kConfirmed;  // success threshold
  solana::Commitment blockhash_commitment = solana::Commitment::kConfirmed;
  // Block height used for the expiry proof: finalized is strict (7.2 step 5).
  solana::Commitment expiry_commitment = solana::Commitment::kFinalized;
  absl::Duration poll_interval = absl::Milliseconds(500);
  absl::Duration rebroadcast_interval = absl::Seconds(2);
  absl::Duration max_confirm_time = absl::Minutes(5);  // then give up; the journal resumes it
  int max_resigns = 3;
  std::function<void(absl::Duration)> sleep;  // default absl::SleepFor
  std::function<absl::Time()> now;            // default absl::Now
  std::function<absl::Status(CrashPoint)> crash_hook;
  ProgramErrorNames error_names;
};

struct TxIntent {
  std::string step_id;
  solana::Pubkey payer;
  // Called right before each signing; an empty list means nothing to do.
  std::function<absl::StatusOr<std::vector<solana::Instruction>>()> build;
  std::vector<const solana::Keypair*> signers;  // the payer's keypair included
};

enum class TxOutcome {
  kConfirmed,         // landed without error at the target commitment
  kLandedFailed,      // landed with an error (fee paid, effects discarded)
  kSimulationFailed,  // simulation failed; nothing sent
  kRejected,          // the first send's preflight refused it; nothing in flight
  kExpired,           // (Resume only) proven never to land
  kNothingToDo,       // build returned no instructions
};
absl::string_view TxOutcomeName(TxOutcome outcome);

struct TxResult {
  TxOutcome outcome = TxOutcome::kNothingToDo;
  std::string signature;  // the deciding signature
  std::optional<solana::TransactionError> err;
  std::string error_text;     // decoded: program, error name and number
  uint64_t fee_lamports = 0;  // paid by the deciding transaction (0 if it never landed)
  int resigns = 0;
  int rebroadcasts = 0;
};

class TxSender {
 public:
  TxSender(solana::RpcClient* rpc, Journal* journal, SenderOptions options);

  absl::StatusOr<TxResult> Send(const TxIntent& intent);
  // Independent transactions in flight together: each is built, journaled,
  // simulated and sent in order, then all are confirmed in order. Starting
  // stops at the first that fails before sending; the result has one entry
  // per intent started (an expired one is re-signed as Send does).
  absl::StatusOr<std::vector<TxResult>> SendPipelined(absl::Span<const TxIntent> intents);
  // A journaled signature: confirm the same bytes while they can land;
  // kExpired once proven they never will. Never signs.
  absl::StatusOr<TxResult> Resume(const std::string& step_id, const JournaledTransaction& tx);

 private:
  struct InFlight {
    std::string step_id;
    std::string signature;
    solana::Bytes wire;
    uint64_t last_valid_block_height = 0;
    std::vector<solana::Instruction> instructions;
    bool broadcast = false;  // at least one send may have reached a node
  };
  absl::StatusOr<TxResult> ConfirmOrExpire(InFlight& tx);
  absl::StatusOr<TxResult> SendOnce(const TxIntent& intent,
                                    std::vector<solana::Instruction> instructions);
  // Up to and including the first send: an InFlight to confirm, or the
  // result when it ended before anything left (simulation, preflight, expiry).
  struct Started {
    std::optional<InFlight> in_flight;
    TxResult done;
  };
  absl::StatusOr<Started> Start(const TxIntent& intent,
                                std::vector<solana::Instruction> instructions);
  absl::Status Record(const InFlight& tx, TxState state, std::string note = "");
  absl::Status Crash(CrashPoint point);
  std::string Describe(const solana::TransactionError& err, const std::vector<std::string>& logs,
                       const std::vector<solana::Instruction>& instructions) const;

  solana::RpcClient* rpc_;
  Journal* journal_;
  SenderOptions options_;
};

// Decodes a transaction error: for a custom program error, the failing program
// (from the last "Program <id> failed" log line, else the top-level
// instruction's program) and the error's name and number.
std::string DescribeTransactionError(const solana::TransactionError& err,
                                     const std::vector<std::string>& logs,
                                     const std::vector<solana::Instruction>& instructions,
                                     const ProgramErrorNames& names);

// Base fee + priority fee of a signed transaction's bytes.
absl::StatusOr<uint64_t> FeeOfWire(solana::ByteView wire);

}  // namespace reconciler

#endif  // RECONCILER_TX_SENDER_H_
