#include "reconciler/tx_sender.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "providers/solana/base64.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/custom_error_code.h"
#include "providers/solana/json_rpc_channel.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/rpc_error.h"
#include "providers/solana/transaction.h"

namespace reconciler {
namespace {

using solana::Commitment;
using solana::TransactionErrorKind;

int Rank(Commitment c) {
  switch (c) {
    case Commitment::kProcessed:
      return 0;
    case Commitment::kConfirmed:
      return 1;
    case Commitment::kFinalized:
      return 2;
  }
  return 0;
}

bool Reached(const solana::SignatureStatus& s, Commitment target) {
  // No confirmationStatus from an old node: rooted when confirmations is null.
  Commitment level = s.confirmation_status.value_or(
      s.confirmations.has_value() ? Commitment::kProcessed : Commitment::kFinalized);
  return Rank(level) >= Rank(target);
}

// The program named by the last "Program <id> failed: ..." log line.
std::optional<solana::Pubkey> FailedProgramFromLogs(const std::vector<std::string>& logs) {
  for (auto it = logs.rbegin(); it != logs.rend(); ++it) {
    absl::string_view line = *it;
    if (!absl::StartsWith(line, "Program ")) continue;
    size_t end = line.find(" failed");
    if (end == absl::string_view::npos) continue;
    auto key = solana::Pubkey::FromBase58(line.substr(8, end - 8));
    if (key.ok()) return *key;
  }
  return std::nullopt;
}

// The name an Anchor program logs with its error ("... Error Code: <Name>.
// Error Number: <n>. ..."), when the number matches `code` (coordinator.md 5.2:
// prefer the logged name, numbering differs between builds).
std::optional<std::string> AnchorErrorNameFromLogs(const std::vector<std::string>& logs,
                                                   uint32_t code) {
  static constexpr absl::string_view kName = "Error Code: ";
  const std::string number = absl::StrCat(". Error Number: ", code, ".");
  for (auto it = logs.rbegin(); it != logs.rend(); ++it) {
    absl::string_view line = *it;
    size_t at = line.find(kName);
    if (at == absl::string_view::npos) continue;
    absl::string_view rest = line.substr(at + kName.size());
    size_t end = rest.find(number);
    if (end == absl::string_view::npos || end == 0) continue;
    absl::string_view name = rest.substr(0, end);
    if (name.find(' ') != absl::string_view::npos) continue;
    return std::string(name);
  }
  return std::nullopt;
}

}  // namespace

absl::string_view TxOutcomeName(TxOutcome outcome) {
  switch (outcome) {
    case TxOutcome::kConfirmed:
      return "confirmed";
    case TxOutcome::kLandedFailed:
      return "landed-failed";
    case TxOutcome::kSimulationFailed:
      return "simulation-failed";
    case TxOutcome::kRejected:
      return "rejected";
    case TxOutcome::kExpired:
      return "expired";
    case TxOutcome::kNothingToDo:
      return "nothing-to-do";
  }
  return "unknown";
}

std::string DescribeTransactionError(const solana::TransactionError& err,
                                     const std::vector<std::string>& logs,
                                     const std::vector<solana::Instruction>& instructions,
                                     const ProgramErrorNames& names) {
  if (err.kind != TransactionErrorKind::kInstructionError || !err.custom_code.has_value() ||
      !err.instruction_index.has_value()) {
    return err.ToString();
  }
  const uint32_t code = *err.custom_code;
  const size_t index = *err.instruction_index;
  std::optional<solana::Pubkey> program = FailedProgramFromLogs(logs);
  if (!program.has_value() && index < instructions.size()) {
    program = instructions[index].program_id;
  }
  std::optional<std::string> name;
  if (program.has_value() && names) name = names(*program, code);
  if (!name.has_value()) name = AnchorErrorNameFromLogs(logs, code);
  if (!name.has_value() && program.has_value() && *program == solana::program_ids::System()) {
    if (auto n = solana::SystemErrorName(code)) name = std::string(*n);
  }
  if (!name.has_value()) {
    if (auto n = solana::AnchorErrorName(code)) name = std::string(*n);
  }
  std::string text = absl::StrCat("instruction ", index, ": ");
  if (program.has_value()) absl::StrAppend(&text, "program ", program->ToBase58(), " ");
  absl::StrAppend(&text, "error ", name.value_or("(unnamed)"),
                  absl::StrFormat(" (%u, 0x%x)", code, code));
  return text;
}

absl::StatusOr<uint64_t> FeeOfWire(solana::ByteView wire) {
  ASSIGN_OR_RETURN(solana::Transaction tx, solana::Transaction::Parse(wire));
  ASSIGN_OR_RETURN(std::vector<solana::Instruction> ixs, tx.message.Decompile());
  return solana::compute_budget::TransactionFee(tx.signatures.size(), ixs);
}

TxSender::TxSender(solana::RpcClient* rpc, Journal* journal, SenderOptions options)
    : rpc_(rpc), journal_(journal), options_(std::move(options)) {
  if (!options_.sleep) options_.sleep = [](absl::Duration d) { absl::SleepFor(d); };
  if (!options_.now) options_.now = [] { return absl::Now(); };
}

absl::Status TxSender::Crash(CrashPoint point) {
  return options_.crash_hook ? options_.crash_hook(point) : absl::OkStatus();
}

absl::Status TxSender::Record(const InFlight& tx, TxState state, std::string note) {
  JournalRecord r;
  r.step_id = tx.step_id;
  r.signature = tx.signature;
  r.last_valid_block_height = tx.last_valid_block_height;
  r.state = state;
  r.note = std::move(note);
  if (state == TxState::kSigned) r.signed_tx_base64 = solana::Base64Encode(tx.wire);
  // 'signed' must be durable before the bytes can leave (7.2 step 2), and
  // 'failed' keeps a resume from broadcasting bytes that were never sent. A
  // lost 'sent'/'confirmed'/'expired' costs one lookup on resume, never safety.
  return journal_->Append(r, state == TxState::kSigned || state == TxState::kFailed);
}

std::string TxSender::Describe(const solana::TransactionError& err,
                               const std::vector<std::string>& logs,
                               const std::vector<solana::Instruction>& instructions) const {
  return DescribeTransactionError(err, logs, instructions, options_.error_names);
}

absl::StatusOr<TxResult> TxSender::Send(const TxIntent& intent) {
  int resigns = 0;
  int rebroadcasts = 0;
  for (;;) {
    ASSIGN_OR_RETURN(std::vector<solana::Instruction> instructions, intent.build());
    if (instructions.empty()) {
      TxResult r;
      r.outcome = TxOutcome::kNothingToDo;
      r.resigns = resigns;
      return r;
    }
    ASSIGN_OR_RETURN(TxResult r, SendOnce(intent, std::move(instructions)));
    rebroadcasts += r.rebroadcasts;
    r.rebroadcasts = rebroadcasts;
    r.resigns = resigns;
    if (r.outcome != TxOutcome::kExpired) return r;
    // Proven never to land (7.2 step 5): only now may a new signature exist.
    if (++resigns > options_.max_resigns) {
      return absl::DeadlineExceededError(absl::StrCat(
          "step ", intent.step_id, ": transaction expired unconfirmed ", resigns,
          " times; the cluster is not landing it",
          r.error_text.empty() ? "" : absl::StrCat(" (last: ", r.error_text, ")")));
    }
  }
}

absl::StatusOr<std::vector<TxResult>> TxSender::SendPipelined(
    absl::Span<const TxIntent> intents) {
  std::vector<TxResult> results;
  std::vector<std::optional<InFlight>> flights;
  for (const TxIntent& intent : intents) {
    ASSIGN_OR_RETURN(std::vector<solana::Instruction> instructions, intent.build());
    if (instructions.empty()) {
      results.emplace_back();  // kNothingToDo
      flights.emplace_back();
      continue;
    }
    ASSIGN_OR_RETURN(Started started, Start(intent, std::move(instructions)));
    if (!started.in_flight && started.done.outcome == TxOutcome::kExpired) {
      // Nothing left this process; the sequential path re-signs it.
      ASSIGN_OR_RETURN(started.done, Send(intent));
    }
    results.push_back(started.done);
    flights.push_back(std::move(started.in_flight));
    const TxOutcome o = results.back().outcome;
    if (!flights.back() && o != TxOutcome::kConfirmed && o != TxOutcome::kNothingToDo) break;
  }
  for (size_t i = 0; i < flights.size(); ++i) {
    if (!flights[i]) continue;
    ASSIGN_OR_RETURN(results[i], ConfirmOrExpire(*flights[i]));
    if (results[i].outcome == TxOutcome::kExpired) {
      // Proven never to land: only now may a new signature exist.
      ASSIGN_OR_RETURN(results[i], Send(intents[i]));
      ++results[i].resigns;
    }
  }
  return results;
}

absl::StatusOr<TxResult> TxSender::SendOnce(const TxIntent& intent,
                                            std::vector<solana::Instruction> instructions) {
  ASSIGN_OR_RETURN(Started started, Start(intent, std::move(instructions)));
  if (!started.in_flight) return started.done;
  return ConfirmOrExpire(*started.in_flight);
}

absl::StatusOr<TxSender::Started> TxSender::Start(const TxIntent& intent,
                                                  std::vector<solana::Instruction> instructions) {
  // 1. Build and sign on a confirmed blockhash.
  ASSIGN_OR_RETURN(auto latest, rpc_->GetLatestBlockhash(options_.blockhash_commitment));
  ASSIGN_OR_RETURN(
      solana::Transaction tx,
      solana::CompileAndSign(intent.payer, instructions, latest.value.blockhash, intent.signers));
  InFlight f;
  f.step_id = intent.step_id;
  f.signature = tx.Id();
  f.wire = tx.Serialize();
  f.last_valid_block_height = latest.value.last_valid_block_height;
  f.instructions = std::move(instructions);
  // 2. Durable before anything can leave this process.
  RETURN_IF_ERROR(Record(f, TxState::kSigned));
  RETURN_IF_ERROR(Crash(CrashPoint::kAfterSignedJournaled));

  // Simulate: a failure stops here with nothing sent.
  solana::SimulateOptions sim_options;
  sim_options.commitment = options_.blockhash_commitment;
  sim_options.sig_verify = true;
  sim_options.min_context_slot = latest.context_slot;
  auto sim = rpc_->SimulateTransaction(f.wire, sim_options);
  if (!sim.ok()) {
    RETURN_IF_ERROR(Record(f, TxState::kFailed, "not sent: simulation unavailable"));
    return sim.status();
  }
  if (sim->value.err.has_value() &&
      sim->value.err->kind == TransactionErrorKind::kBlockhashNotFound) {
    // The blockhash expired between fetching and simulating. Nothing left
    // this process, so building anew is safe (and the only way forward).
    RETURN_IF_ERROR(Record(f, TxState::kExpired, "not sent: blockhash expired before simulation"));
    options_.sleep(options_.poll_interval);  // a newer block must be confirmed first
    TxResult r;
    r.outcome = TxOutcome::kExpired;
    r.signature = f.signature;
    r.error_text = "the node's simulation did not know the blockhash it gave; nothing was sent";
    return Started{std::nullopt, r};
  }
  if (sim->value.err.has_value()) {
    TxResult r;
    r.outcome = TxOutcome::kSimulationFailed;
    r.signature = f.signature;
    r.err = sim->value.err;
    r.error_text = Describe(*r.err, sim->value.logs, f.instructions);
    RETURN_IF_ERROR(Record(f, TxState::kFailed, "not sent: simulation: " + r.error_text));
    return Started{std::nullopt, r};
  }

  // 3. First send, with preflight.
  solana::SendOptions send_options;
  send_options.skip_preflight = false;
  send_options.preflight_commitment = options_.blockhash_commitment;
  send_options.max_retries = 0;
  send_options.min_context_slot = latest.context_slot;
  auto sent = rpc_->SendTransaction(f.wire, send_options);
  f.broadcast = true;
  if (!sent.ok()) {
    std::optional<solana::PreflightFailure> pf = solana::GetPreflightFailure(sent.status());
    bool maybe_forwarded = solana::SendMayHaveBeenForwarded(sent.status());
    if (pf.has_value() && pf->err.has_value() && !maybe_forwarded &&
        pf->err->kind != TransactionErrorKind::kAlreadyProcessed &&
        pf->err->kind != TransactionErrorKind::kBlockhashNotFound) {
      // Refused by preflight on the first send: not forwarded, nothing in flight.
      TxResult r;
      r.outcome = TxOutcome::kRejected;
      r.signature = f.signature;
      r.err = pf->err;
      r.error_text = Describe(*pf->err, pf->logs, f.instructions);
      RETURN_IF_ERROR(Record(f, TxState::kFailed, "not sent: preflight: " + r.error_text));
      return Started{std::nullopt, r};
    }
    if (!pf.has_value() && solana::IsNeverSent(sent.status()) && !maybe_forwarded) {
      f.broadcast = false;  // the poll loop broadcasts it
    }
    // Otherwise AlreadyProcessed, BlockhashNotFound (node lag), or a reply
    // that may have been lost: the signature's status decides.
  }
  RETURN_IF_ERROR(Record(f, TxState::kSent));
  RETURN_IF_ERROR(Crash(CrashPoint::kAfterSend));
  return Started{std::move(f), TxResult{}};
}

absl::StatusOr<TxResult> TxSender::Resume(const std::string& step_id,
                                          const JournaledTransaction& tx) {
  InFlight f;
  f.step_id = step_id;
  f.signature = tx.signature;
  ASSIGN_OR_RETURN(f.wire, solana::Base64Decode(tx.signed_tx_base64));
  f.last_valid_block_height = tx.last_valid_block_height;
  ASSIGN_OR_RETURN(solana::Transaction parsed, solana::Transaction::Parse(f.wire));
  if (parsed.Id() != tx.signature) {
    return absl::DataLossError(absl::StrCat("journal: step ", step_id, ": bytes of ", tx.signature,
                                            " carry another signature"));
  }
  if (auto ixs = parsed.message.Decompile(); ixs.ok()) f.instructions = *std::move(ixs);
  f.broadcast = false;  // unknown: rebroadcast at once while it can still land
  return ConfirmOrExpire(f);
}

absl::StatusOr<TxResult> TxSender::ConfirmOrExpire(InFlight& f) {
  TxResult r;
  r.signature = f.signature;
  const absl::Time start = options_.now();
  absl::Time last_broadcast = f.broadcast ? start : absl::InfinitePast();
  const std::vector<std::string> sigs = {f.signature};
  for (;;) {
    auto st = rpc_->GetSignatureStatuses(sigs, /*search_transaction_history=*/true);
    if (st.ok() && st->value.size() == 1) {
      const std::optional<solana::SignatureStatus>& s = st->value[0];
      if (s.has_value() && Reached(*s, options_.commitment)) {
        RETURN_IF_ERROR(Crash(CrashPoint::kBeforeConfirmedJournaled));
        auto fee = FeeOfWire(f.wire);
        r.fee_lamports = fee.ok() ? *fee : 0;
        if (s->err.has_value()) {
          r.outcome = TxOutcome::kLandedFailed;
          r.err = s->err;
          r.error_text = Describe(*s->err, {}, f.instructions);
          RETURN_IF_ERROR(Record(f, TxState::kFailed, "landed failed: " + r.error_text));
        } else {
          r.outcome = TxOutcome::kConfirmed;
          RETURN_IF_ERROR(Record(f, TxState::kConfirmed));
        }
        return r;
      }
      if (!s.has_value()) {
        // 4. Absent: rebroadcast the identical bytes; errors prove nothing.
        if (options_.now() - last_broadcast >= options_.rebroadcast_interval) {
          solana::SendOptions again;
          again.skip_preflight = true;
          again.max_retries = 0;
          (void)rpc_->SendTransaction(f.wire, again);
          last_broadcast = options_.now();
          ++r.rebroadcasts;
        }
        // 5. Expiry proof: height past LVBH + 1 first, then still absent.
        auto height = rpc_->GetBlockHeight(options_.expiry_commitment);
        if (height.ok() && *height > f.last_valid_block_height + 1) {
          auto recheck = rpc_->GetSignatureStatuses(sigs, true);
          if (recheck.ok() && recheck->value.size() == 1 && !recheck->value[0].has_value()) {
            RETURN_IF_ERROR(
                Record(f, TxState::kExpired, absl::StrCat("absent at block height ", *height)));
            r.outcome = TxOutcome::kExpired;
            return r;
          }
          // It showed up (or the node did not answer): keep confirming.
        }
      }
      // Seen but below the target commitment: it may still roll back; wait.
    }
    if (options_.now() - start > options_.max_confirm_time) {
      return absl::DeadlineExceededError(
          absl::StrCat("step ", f.step_id, ": transaction ", f.signature, " unconfirmed after ",
                       absl::FormatDuration(options_.max_confirm_time),
                       "; it is journaled, and re-running apply resumes it without re-signing"));
    }
    options_.sleep(options_.poll_interval);
  }
}

}  // namespace reconciler
