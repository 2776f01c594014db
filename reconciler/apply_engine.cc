#include "reconciler/apply_engine.h"

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "providers/solana/coding.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/program_ids.h"
#include "reconciler/apply_lock.h"
#include "reconciler/journal.h"

namespace reconciler {
namespace {

using solana::Instruction;
using solana::Pubkey;

std::set<Pubkey> SignersOf(const Pubkey& payer, absl::Span<const Instruction> ixs) {
  std::set<Pubkey> s = {payer};
  for (const Instruction& ix : ixs) {
    for (const auto& m : ix.accounts) {
      if (m.is_signer) s.insert(m.pubkey);
    }
  }
  return s;
}

absl::StatusOr<std::vector<Instruction>> InstructionsOf(const ApplyStep& step,
                                                        solana::RpcClient& rpc) {
  if (step.compute) return step.compute(rpc);
  return step.instructions;
}

class Runner {
 public:
  Runner(solana::RpcClient& rpc, const KeyProvider& keys, absl::Span<const ApplyStep> steps,
         const ApplyOptions& options)
      : rpc_(rpc), keys_(keys), steps_(steps), options_(options) {}

  absl::StatusOr<ApplySummary> Run() {
    ASSIGN_OR_RETURN(solana::Hash genesis, rpc_.GetGenesisHash());
    const std::string dir = absl::StrCat(options_.state_dir, "/", genesis.ToBase58());
    std::string lock_note;
    ASSIGN_OR_RETURN(
        auto lock,
        ApplyLock::Acquire(absl::StrCat(dir, "/", options_.lock_scope, ".lock"), &lock_note));
    if (!lock_note.empty()) summary_.notes.push_back(lock_note);
    ASSIGN_OR_RETURN(journal_, Journal::Open(dir, options_.apply_id));
    if (journal_->recovered_torn_tail()) {
      summary_.notes.push_back("journal: dropped a torn last record (crash mid-write)");
    }
    sender_ = std::make_unique<TxSender>(&rpc_, journal_.get(), options_.sender);
    summary_.steps.resize(steps_.size());
    for (size_t i = 0; i < steps_.size(); ++i) summary_.steps[i].id = steps_[i].id;

    // Journaled signatures first: they decide whether a step already happened.
    for (size_t i = 0; i < steps_.size(); ++i) {
      ASSIGN_OR_RETURN(bool stop, ResolveJournal(i));
      if (stop) return Finish();
    }
    RETURN_IF_ERROR(CheckKeysAndFunds());
    for (size_t i = 0; i < steps_.size(); ++i) {
      if (summary_.steps[i].status != StepStatus::kNotRun) continue;
      ASSIGN_OR_RETURN(bool ok, SendStep(i));
      if (!ok) break;
    }
    return Finish();
  }

 private:
  void Progress(size_t i, absl::string_view phase, const std::string& sig = "",
                const std::string& message = "") {
    if (!options_.progress) return;
    ProgressEvent e;
    e.index = i;
    e.total = steps_.size();
    e.step_id = steps_[i].id;
    e.description = steps_[i].description;
    e.phase = std::string(phase);
    e.signature = sig;
    e.message = message;
    options_.progress(e);
  }

  void Account(size_t i, const TxResult& r) {
    StepReport& rep = summary_.steps[i];
    if (!r.signature.empty()) rep.signatures.push_back(r.signature);
    rep.fee_lamports += r.fee_lamports;
    summary_.fees_lamports += r.fee_lamports;
    summary_.resigns += r.resigns;
    summary_.rebroadcasts += r.rebroadcasts;
  }

  void Fail(size_t i, const TxResult& r) {
    StepReport& rep = summary_.steps[i];
    rep.status = StepStatus::kFailed;
    rep.error = absl::StrCat(TxOutcomeName(r.outcome), ": ", r.error_text);
    Progress(i, "failed", r.signature, rep.error);
  }

  // True when the apply must stop (a journaled transaction landed failed).
  absl::StatusOr<bool> ResolveJournal(size_t i) {
    StepReport& rep = summary_.steps[i];
    for (const JournaledTransaction& t : journal_->StepTransactions(steps_[i].id)) {
      if (t.state == TxState::kConfirmed) {
        rep.status = StepStatus::kAlreadyApplied;
        rep.signatures.push_back(t.signature);
        Progress(i, "already-applied", t.signature);
        return false;
      }
    }
    for (const JournaledTransaction& t : journal_->StepTransactions(steps_[i].id)) {
      if (t.state != TxState::kSigned && t.state != TxState::kSent) continue;
      if (t.signed_tx_base64.empty()) {
        return absl::DataLossError(absl::StrCat("journal: step ", steps_[i].id, ": ", t.signature,
                                                " has no signed bytes"));
      }
      Progress(i, "resuming", t.signature);
      ASSIGN_OR_RETURN(TxResult r, sender_->Resume(steps_[i].id, t));
      if (r.outcome == TxOutcome::kExpired) continue;  // proven absent: may be rebuilt
      Account(i, r);
      if (r.outcome == TxOutcome::kConfirmed) {
        rep.status = StepStatus::kAlreadyApplied;
        Progress(i, "already-applied", r.signature);
        return false;
      }
      Fail(i, r);
      return true;
    }
    return false;
  }

  absl::Status CheckKeysAndFunds() {
    std::map<Pubkey, uint64_t> need;
    for (size_t i = 0; i < steps_.size(); ++i) {
      if (summary_.steps[i].status != StepStatus::kNotRun) continue;
      ASSIGN_OR_RETURN(std::vector<Instruction> ixs, InstructionsOf(steps_[i], rpc_));
      for (const Pubkey& s : SignersOf(options_.payer, ixs)) {
        if (keys_.find(s) == keys_.end()) {
          return absl::FailedPreconditionError(
              absl::StrCat("step ", steps_[i].id, " needs a signature of ", s.ToBase58(),
                           " and no key for it was given; nothing was sent"));
        }
      }
      if (ixs.empty()) continue;
      for (const auto& [k, v] : StepDebits(options_.payer, ixs)) need[k] += v;
      for (const auto& [k, v] : steps_[i].extra_debits) need[k] += v;
    }
    if (need.empty()) return absl::OkStatus();
    std::vector<Pubkey> keys;
    for (const auto& [k, v] : need) keys.push_back(k);
    ASSIGN_OR_RETURN(auto accounts, rpc_.GetMultipleAccounts(keys, solana::Commitment::kConfirmed));
    std::string shortfalls;
    for (size_t i = 0; i < keys.size(); ++i) {
      uint64_t have = accounts.value[i].has_value() ? accounts.value[i]->lamports : 0;
      if (have < need[keys[i]]) {
        absl::StrAppend(&shortfalls, shortfalls.empty() ? "" : "; ", keys[i].ToBase58(),
                        keys[i] == options_.payer ? " (payer)" : "", " holds ", have,
                        " lamports but the remaining steps need ", need[keys[i]],
                        " (fees and transfers)");
      }
    }
    if (!shortfalls.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("insufficient funds, nothing was sent: ", shortfalls));
    }
    return absl::OkStatus();
  }

  // False when the apply must stop.
  absl::StatusOr<bool> SendStep(size_t i) {
    const ApplyStep& step = steps_[i];
    TxIntent intent;
    intent.step_id = step.id;
    intent.payer = options_.payer;
    std::vector<Instruction> last;
    intent.build = [&]() -> absl::StatusOr<std::vector<Instruction>> {
      ASSIGN_OR_RETURN(last, InstructionsOf(step, rpc_));
      intent.signers.clear();
      for (const Pubkey& s : SignersOf(options_.payer, last)) {
        auto it = keys_.find(s);
        if (it == keys_.end()) {
          return absl::FailedPreconditionError(
              absl::StrCat("step ", step.id, ": no key for signer ", s.ToBase58()));
        }
        intent.signers.push_back(it->second);
      }
      return last;
    };
    StepReport& rep = summary_.steps[i];
    if (step.wait) {
      Progress(i, "waiting");
      absl::Status waited =
          step.wait(rpc_, [&](const std::string& m) { Progress(i, "waiting", "", m); });
      if (!waited.ok()) {
        rep.status = StepStatus::kFailed;
        rep.error = std::string(waited.message());
        summary_.notes.push_back(rep.error);
        Progress(i, "failed", "", rep.error);
        return false;
      }
    }
    Progress(i, "sending");
    ASSIGN_OR_RETURN(TxResult r, sender_->Send(intent));
    Account(i, r);
    switch (r.outcome) {
      case TxOutcome::kConfirmed:
        rep.status = StepStatus::kApplied;
        Progress(i, "applied", r.signature);
        return true;
      case TxOutcome::kNothingToDo:
        rep.status = StepStatus::kNothingToDo;
        Progress(i, "nothing-to-do");
        return true;
      default:
        Fail(i, r);
        return false;
    }
  }

  ApplySummary Finish() {
    if (journal_ != nullptr) {
      absl::Status synced = journal_->Sync();
      if (!synced.ok()) summary_.notes.push_back(std::string(synced.message()));
    }
    for (const StepReport& s : summary_.steps) {
      switch (s.status) {
        case StepStatus::kApplied:
          ++summary_.applied;
          break;
        case StepStatus::kAlreadyApplied:
        case StepStatus::kNothingToDo:
          ++summary_.skipped;
          break;
        case StepStatus::kFailed:
          ++summary_.failed;
          break;
        case StepStatus::kNotRun:
          ++summary_.not_run;
          break;
      }
    }
    return summary_;
  }

  solana::RpcClient& rpc_;
  const KeyProvider& keys_;
  absl::Span<const ApplyStep> steps_;
  const ApplyOptions& options_;
  std::unique_ptr<Journal> journal_;
  std::unique_ptr<TxSender> sender_;
  ApplySummary summary_;
};

}  // namespace

absl::string_view StepStatusName(StepStatus status) {
  switch (status) {
    case StepStatus::kApplied:
      return "applied";
    case StepStatus::kAlreadyApplied:
      return "already applied";
    case StepStatus::kNothingToDo:
      return "nothing to do";
    case StepStatus::kFailed:
      return "failed";
    case StepStatus::kNotRun:
      return "not run";
  }
  return "unknown";
}

std::map<Pubkey, uint64_t> StepDebits(const Pubkey& payer, absl::Span<const Instruction> ixs) {
  std::map<Pubkey, uint64_t> out;
  auto fee = solana::compute_budget::TransactionFee(SignersOf(payer, ixs).size(), ixs);
  out[payer] += fee.ok() ? *fee : 0;
  for (const Instruction& ix : ixs) {
    if (ix.program_id != solana::program_ids::System() || ix.data.size() < 12 ||
        ix.accounts.empty()) {
      continue;
    }
    uint32_t tag = solana::DecodeFixedLE<uint32_t>(ix.data.data());
    if (tag == 0 || tag == 2) {  // CreateAccount, Transfer: lamports follow the tag
      out[ix.accounts[0].pubkey] += solana::DecodeFixedLE<uint64_t>(ix.data.data() + 4);
    }
  }
  return out;
}

absl::StatusOr<ApplySummary> RunApply(solana::RpcClient& rpc, const KeyProvider& keys,
                                      absl::Span<const ApplyStep> steps,
                                      const ApplyOptions& options) {
  return Runner(rpc, keys, steps, options).Run();
}

std::string FormatSummary(const ApplySummary& s) {
  std::string out;
  for (const StepReport& r : s.steps) {
    absl::StrAppend(&out, "  ", r.id, ": ", StepStatusName(r.status));
    if (!r.signatures.empty()) absl::StrAppend(&out, " ", r.signatures.back());
    if (!r.error.empty()) absl::StrAppend(&out, " (", r.error, ")");
    absl::StrAppend(&out, "\n");
  }
  for (const std::string& n : s.notes) absl::StrAppend(&out, "note: ", n, "\n");
  absl::StrAppend(&out, "Apply: ", s.applied, " applied, ", s.skipped, " skipped, ", s.failed,
                  " failed, ", s.not_run, " not run; fees ", s.fees_lamports, " lamports");
  if (s.resigns > 0) absl::StrAppend(&out, "; ", s.resigns, " re-signed after expiry");
  absl::StrAppend(&out, ".\n");
  return out;
}

std::function<void(const ProgressEvent&)> TerminalProgress(FILE* out) {
  const bool tty = isatty(fileno(out)) != 0;
  return [out, tty](const ProgressEvent& e) {
    std::string line = absl::StrFormat("[%d/%d] %s: %s", e.index + 1, e.total, e.step_id, e.phase);
    if (!e.signature.empty()) absl::StrAppend(&line, " ", e.signature);
    if (!e.message.empty()) absl::StrAppend(&line, " (", e.message, ")");
    if (tty) {
      std::fprintf(out, "\r\033[K%s", line.c_str());
      if (e.phase != "sending" && e.phase != "resuming" && e.phase != "waiting") {
        std::fputc('\n', out);
      }
    } else {
      std::fprintf(out, "%s\n", line.c_str());
    }
    std::fflush(out);
  };
}

}  // namespace reconciler
