#include "reconciler/apply_engine.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "providers/psyche/anchor.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/rent.h"
#include "providers/psyche/spl_token.h"
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

// Journal names (file names without ".journal") in `dir`, sorted.
absl::StatusOr<std::vector<std::string>> JournalNames(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".journal") continue;
    const std::string file = entry.path().filename().string();
    names.push_back(file.substr(0, file.size() - std::string(".journal").size()));
  }
  if (ec) return absl::UnavailableError(absl::StrCat("cannot list ", dir, ": ", ec.message()));
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::string ResolvedTransaction::Note() const {
  return absl::StrCat("interrupted apply ", journal, ": step ", step_id, " ", signature, ": ",
                      TxOutcomeName(outcome));
}

absl::StatusOr<std::vector<ResolvedTransaction>> ResolvePendingJournals(
    solana::RpcClient& rpc, const std::string& dir, const std::string& skip,
    const SenderOptions& sender_options) {
  std::vector<ResolvedTransaction> out;
  ASSIGN_OR_RETURN(std::vector<std::string> names, JournalNames(dir));
  for (const std::string& name : names) {
    if (name == skip) continue;
    ASSIGN_OR_RETURN(std::unique_ptr<Journal> journal, Journal::Open(dir, name));
    std::vector<std::pair<std::string, JournaledTransaction>> pending;
    std::set<std::string> seen_steps;
    for (const JournalRecord& rec : journal->records()) {
      if (!seen_steps.insert(rec.step_id).second) continue;
      for (JournaledTransaction& t : journal->StepTransactions(rec.step_id)) {
        if (t.state == TxState::kSigned || t.state == TxState::kSent) {
          pending.emplace_back(rec.step_id, std::move(t));
        }
      }
    }
    if (pending.empty()) continue;
    TxSender sender(&rpc, journal.get(), sender_options);
    for (const auto& [step_id, t] : pending) {
      if (t.signed_tx_base64.empty()) {
        return absl::DataLossError(absl::StrCat("journal ", name, ": step ", step_id, ": ",
                                                t.signature, " has no signed bytes"));
      }
      // The same bytes, confirmed or proven expired; never re-signed.
      ASSIGN_OR_RETURN(TxResult r, sender.Resume(step_id, t));
      ResolvedTransaction done{name, step_id, t.signature, r.outcome, 0};
      if (r.outcome == TxOutcome::kConfirmed || r.outcome == TxOutcome::kLandedFailed) {
        done.slot = UINT64_MAX;  // unknown: treated as the latest
        auto st = rpc.GetSignatureStatuses({t.signature}, true);
        if (st.ok() && st->value.size() == 1 && st->value[0].has_value()) {
          done.slot = st->value[0]->slot;
        }
      }
      RETURN_IF_ERROR(journal->Sync());
      out.push_back(std::move(done));
    }
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> ResolveInterruptedApplies(solana::RpcClient& rpc,
                                                                   const ApplyOptions& options) {
  ASSIGN_OR_RETURN(solana::Hash genesis, rpc.GetGenesisHash());
  const std::string dir = absl::StrCat(options.state_dir, "/", genesis.ToBase58());
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return std::vector<std::string>{};
  ASSIGN_OR_RETURN(std::vector<std::string> names, JournalNames(dir));
  if (names.empty()) return std::vector<std::string>{};
  std::string lock_note;
  ASSIGN_OR_RETURN(
      auto lock,
      ApplyLock::Acquire(absl::StrCat(dir, "/", options.lock_scope, ".lock"), &lock_note));
  std::vector<std::string> notes;
  if (!lock_note.empty()) notes.push_back(lock_note);
  ASSIGN_OR_RETURN(std::vector<ResolvedTransaction> resolved,
                   ResolvePendingJournals(rpc, dir, "", options.sender));
  for (const ResolvedTransaction& r : resolved) notes.push_back(r.Note());
  return notes;
}

namespace {

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

    RETURN_IF_ERROR(ResolveEarlierApplies(dir));
    // Journaled signatures first: they decide whether a step already happened.
    for (size_t i = 0; i < steps_.size(); ++i) {
      ASSIGN_OR_RETURN(bool stop, ResolveJournal(i));
      if (stop) return Finish();
    }
    RETURN_IF_ERROR(CheckKeysAndFunds());
    for (size_t i = 0; i < steps_.size();) {
      const size_t end = WindowEnd(i);
      if (end == i) {
        ++i;
        continue;
      }
      ASSIGN_OR_RETURN(bool ok, end - i == 1 ? SendStep(i) : SendWindow(i, end));
      if (!ok) break;
      i = end;
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

  // Another plan's journal may hold signed transactions whose fate is unknown
  // (a crash between signing and confirmation, then the chain or the
  // manifests changed, so this plan has another id). One of them landing
  // after this plan read the chain would apply a change twice.
  absl::Status ResolveEarlierApplies(const std::string& dir) {
    ASSIGN_OR_RETURN(std::vector<ResolvedTransaction> resolved,
                     ResolvePendingJournals(rpc_, dir, options_.apply_id, options_.sender));
    std::vector<std::string> late;
    for (const ResolvedTransaction& r : resolved) {
      summary_.notes.push_back(r.Note());
      if (r.outcome != TxOutcome::kConfirmed) continue;  // no effect on the chain
      if (options_.observed_slot == 0 || r.slot > options_.observed_slot) {
        late.push_back(absl::StrCat(r.step_id, " (", r.signature, ")"));
      }
    }
    if (late.empty()) return absl::OkStatus();
    return absl::AbortedError(absl::StrCat(
        "a transaction of an earlier interrupted apply landed after this plan read the chain: ",
        absl::StrJoin(late, ", "),
        ". Nothing was sent; run apply again to plan from the current chain"));
  }

  // True only when the signature's landing slot is known and the plan's
  // reads were made at or after it.
  bool LandedBeforePlan(const std::string& signature) {
    if (options_.observed_slot == 0) return false;
    auto st = rpc_.GetSignatureStatuses({signature}, true);
    return st.ok() && st->value.size() == 1 && st->value[0].has_value() &&
           st->value[0]->slot <= options_.observed_slot;
  }

  // True when the apply must stop (a journaled transaction landed failed).
  absl::StatusOr<bool> ResolveJournal(size_t i) {
    StepReport& rep = summary_.steps[i];
    for (const JournaledTransaction& t : journal_->StepTransactions(steps_[i].id)) {
      if (t.state == TxState::kConfirmed) {
        // The same plan can come back once the chain changed back (resume,
        // pause, resume): a change the plan saw landed and still asks for
        // must be made again.
        if (LandedBeforePlan(t.signature)) continue;
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
      // A debited account must stay rent-exempt afterwards, or the runtime
      // refuses the transaction (InsufficientFundsForRent).
      const uint64_t reserve = psyche::RentExemptMinimum(
          accounts.value[i].has_value() ? accounts.value[i]->data.size() : 0);
      if (have < need[keys[i]] + reserve) {
        absl::StrAppend(&shortfalls, shortfalls.empty() ? "" : "; ", keys[i].ToBase58(),
                        keys[i] == options_.payer ? " (payer)" : "", " holds ", have,
                        " lamports but the remaining steps need ", need[keys[i]],
                        " (fees and transfers) and it must keep ", reserve, " (rent-exempt)");
      }
    }
    if (!shortfalls.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("insufficient funds, nothing was sent: ", shortfalls));
    }
    return absl::OkStatus();
  }

  // Steps [i, end) go out together: a run of independent steps not yet
  // settled, at most kMaxInFlight. end == i when step i is already settled.
  size_t WindowEnd(size_t i) const {
    constexpr size_t kMaxInFlight = 32;
    if (summary_.steps[i].status != StepStatus::kNotRun) return i;
    size_t end = i + 1;
    if (!steps_[i].independent) return end;
    while (end < steps_.size() && end - i < kMaxInFlight && steps_[end].independent &&
           summary_.steps[end].status == StepStatus::kNotRun) {
      ++end;
    }
    return end;
  }

  // `intent` must outlive the send: its build fills intent->signers.
  void FillIntent(size_t i, TxIntent* intent) {
    const ApplyStep& step = steps_[i];
    intent->step_id = step.id;
    intent->payer = options_.payer;
    intent->build = [this, &step, intent]() -> absl::StatusOr<std::vector<Instruction>> {
      ASSIGN_OR_RETURN(std::vector<Instruction> ixs, InstructionsOf(step, rpc_));
      intent->signers.clear();
      for (const Pubkey& s : SignersOf(options_.payer, ixs)) {
        auto it = keys_.find(s);
        if (it == keys_.end()) {
          return absl::FailedPreconditionError(
              absl::StrCat("step ", step.id, ": no key for signer ", s.ToBase58()));
        }
        intent->signers.push_back(it->second);
      }
      return ixs;
    };
  }

  // False when the apply must stop.
  bool Settle(size_t i, const TxResult& r) {
    Account(i, r);
    StepReport& rep = summary_.steps[i];
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

  // False when the apply must stop.
  absl::StatusOr<bool> SendStep(size_t i) {
    const ApplyStep& step = steps_[i];
    TxIntent intent;
    FillIntent(i, &intent);
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
    return Settle(i, r);
  }

  // Independent steps [i, end) in flight together. Steps after the first
  // that fails before sending stay not run; those already sent are settled.
  absl::StatusOr<bool> SendWindow(size_t i, size_t end) {
    std::vector<TxIntent> intents(end - i);  // sized once: builds keep pointers
    for (size_t k = i; k < end; ++k) {
      FillIntent(k, &intents[k - i]);
      Progress(k, "sending");
    }
    ASSIGN_OR_RETURN(std::vector<TxResult> results, sender_->SendPipelined(intents));
    bool ok = results.size() == intents.size();
    for (size_t k = 0; k < results.size(); ++k) ok = Settle(i + k, results[k]) && ok;
    return ok;
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

namespace {

// Rent a program takes from the funder when it creates an account by CPI,
// invisible in System instructions: an authorization (its size from the
// scope length in the instruction), an associated token account (counted
// even when idempotent creation finds it exists: an upper bound).
void AddCpiRent(const Instruction& ix, std::map<Pubkey, uint64_t>* out) {
  static const psyche::AnchorDiscriminator kAuthorizationCreate =
      psyche::AnchorInstructionDiscriminator("authorization_create");
  if (ix.accounts.empty()) return;
  if (ix.program_id == solana::program_ids::AssociatedToken()) {
    (*out)[ix.accounts[0].pubkey] += psyche::RentExemptMinimum(psyche::kTokenAccountSize);
    return;
  }
  constexpr size_t kScopeLenAt = 8 + 32;  // discriminator, grantee
  if (ix.data.size() >= kScopeLenAt + 4 &&
      std::equal(kAuthorizationCreate.begin(), kAuthorizationCreate.end(), ix.data.begin())) {
    const uint32_t scope_len = solana::DecodeFixedLE<uint32_t>(ix.data.data() + kScopeLenAt);
    (*out)[ix.accounts[0].pubkey] +=
        psyche::RentExemptMinimum(psyche::AuthorizationAccountSize(scope_len, 0));
  }
}

}  // namespace

std::map<Pubkey, uint64_t> StepDebits(const Pubkey& payer, absl::Span<const Instruction> ixs) {
  std::map<Pubkey, uint64_t> out;
  for (const Instruction& ix : ixs) AddCpiRent(ix, &out);
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
