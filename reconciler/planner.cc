#include "reconciler/planner.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_instructions.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/treasurer.h"
#include "providers/solana/coding.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/pda.h"
#include "providers/solana/system_program.h"

namespace reconciler {
namespace {

bool Changed(const ResourceChange& c, absl::string_view prefix) {
  for (const FieldChange& f : c.fields) {
    if (!f.ignored && !f.computed && absl::string_view(f.path).substr(0, prefix.size()) == prefix) {
      return true;
    }
  }
  return false;
}

std::vector<solana::Pubkey> SignersOf(const solana::Pubkey& payer,
                                      const std::vector<solana::Instruction>& ixs) {
  std::vector<solana::Pubkey> out = {payer};
  for (const auto& ix : ixs) {
    for (const auto& m : ix.accounts) {
      if (m.is_signer && std::find(out.begin(), out.end(), m.pubkey) == out.end()) {
        out.push_back(m.pubkey);
      }
    }
  }
  return out;
}

class Builder {
 public:
  Builder(const DesiredResources& d, const PlannerOptions& o) : d_(d) {
    if (o.compute_unit_price_micro_lamports > 0) {
      prefix_.push_back(
          solana::compute_budget::SetComputeUnitPrice(o.compute_unit_price_micro_lamports));
    }
  }

  // Adds an operation; returns its id.
  absl::StatusOr<std::string> Add(std::string id, const std::string& address,
                                  std::string description, std::vector<std::string> depends_on,
                                  std::vector<solana::Instruction> ixs,
                                  std::vector<solana::Pubkey> placeholders = {}) {
    Operation op;
    op.id = std::move(id);
    op.address = address;
    op.description = std::move(description);
    op.depends_on = std::move(depends_on);
    op.instruction_count = static_cast<uint32_t>(ixs.size());
    op.signers = SignersOf(d_.payer, ixs);
    std::vector<solana::Instruction> alone = prefix_;
    alone.insert(alone.end(), ixs.begin(), ixs.end());
    ASSIGN_OR_RETURN(op.fee_lamports,
                     solana::compute_budget::TransactionFee(op.signers.size(), alone));
    build_.plan.operations.push_back(op);
    OperationInstructions oi;
    oi.instructions = std::move(ixs);
    oi.placeholders = std::move(placeholders);
    build_.instructions.push_back(std::move(oi));
    return op.id;
  }

  OperationInstructions& Last() { return build_.instructions.back(); }

  // Keeps the operations on `targets` and, transitively, what they depend
  // on; returns the addresses of the operations kept.
  std::set<std::string> Restrict(const std::set<std::string>& targets) {
    std::vector<Operation>& ops = build_.plan.operations;
    std::set<std::string> keep_ids;
    for (size_t i = ops.size(); i-- > 0;) {  // dependencies come earlier
      if (targets.contains(ops[i].address) || keep_ids.contains(ops[i].id)) {
        keep_ids.insert(ops[i].id);
        keep_ids.insert(ops[i].depends_on.begin(), ops[i].depends_on.end());
      }
    }
    std::set<std::string> addresses;
    std::vector<Operation> kept_ops;
    std::vector<OperationInstructions> kept_ixs;
    for (size_t i = 0; i < ops.size(); ++i) {
      if (!keep_ids.contains(ops[i].id)) continue;
      addresses.insert(ops[i].address);
      kept_ops.push_back(std::move(ops[i]));
      kept_ixs.push_back(std::move(build_.instructions[i]));
    }
    ops = std::move(kept_ops);
    build_.instructions = std::move(kept_ixs);
    return addresses;
  }

  // Packs consecutive operations into transactions. A top-up sits alone (its
  // amount is recomputed at signing) and an operation that waits for a
  // deferred pause starts a new transaction, so apply sends exactly these.
  absl::Status Pack() {
    std::vector<solana::InstructionGroup> groups;
    std::set<solana::Pubkey> signer_set;
    for (size_t i = 0; i < build_.plan.operations.size(); ++i) {
      const auto& ixs = build_.instructions[i].instructions;
      groups.push_back({build_.plan.operations[i].id, ixs,
                        solana::compute_budget::DefaultComputeUnitLimit(ixs)});
      for (const auto& k : build_.plan.operations[i].signers) signer_set.insert(k);
    }
    std::vector<solana::Pubkey> signers(signer_set.begin(), signer_set.end());
    solana::PackOptions pack;
    pack.prefix = prefix_;
    size_t begin = 0;
    while (begin < groups.size()) {
      size_t end = begin + 1;
      if (!build_.instructions[begin].top_up) {
        while (end < groups.size() && !build_.instructions[end].top_up &&
               !build_.instructions[end].wait_for_pause) {
          ++end;
        }
      }
      ASSIGN_OR_RETURN(
          std::vector<solana::PackedTransaction> segment,
          solana::PackInstructionGroups(
              d_.payer, signers, absl::MakeConstSpan(groups).subspan(begin, end - begin), pack));
      for (solana::PackedTransaction& tx : segment) {
        for (size_t& g : tx.group_indexes) g += begin;
        build_.transactions.push_back(std::move(tx));
      }
      begin = end;
    }
    for (const solana::PackedTransaction& tx : build_.transactions) {
      TransactionPlan t;
      for (size_t g : tx.group_indexes) t.operation_ids.push_back(build_.plan.operations[g].id);
      t.size_bytes = static_cast<uint32_t>(tx.serialized_size);
      ASSIGN_OR_RETURN(t.fee_lamports,
                       solana::compute_budget::TransactionFee(tx.num_signatures, tx.instructions));
      build_.plan.transactions.push_back(std::move(t));
    }
    return absl::OkStatus();
  }

  PlanBuild& build() { return build_; }

 private:
  const DesiredResources& d_;
  std::vector<solana::Instruction> prefix_;
  PlanBuild build_;
};

enum class LiveState {
  kHalted,     // Uninitialized, Paused, Finished
  kImmediate,  // WaitingForMembers, Warmup: set_paused(true) halts at once
  kActive,     // RoundTrain, RoundWitness, Cooldown: the pause is deferred
  kPending,    // a deferred pause is already pending
};

LiveState LiveStateOf(const psyche::CoordinatorState& st) {
  if (psyche::IsHalted(st.run_state)) return LiveState::kHalted;
  if (st.pending_pause) return LiveState::kPending;
  if (st.run_state == psyche::RunState::kWaitingForMembers ||
      st.run_state == psyche::RunState::kWarmup) {
    return LiveState::kImmediate;
  }
  return LiveState::kActive;
}

// What an update changes; config and model always travel together
// (coordinator.md 5.5 step 6).
struct UpdateParts {
  std::optional<psyche::RunMetadata> metadata;
  bool config = false;
  bool client_version = false;

  bool empty() const { return !metadata && !config && !client_version; }
  std::string Describe() const {
    std::vector<std::string> what;
    if (metadata) what.push_back("metadata");
    if (config) what.push_back("config, model");
    if (client_version) what.push_back("client_version");
    return absl::StrJoin(what, ", ");
  }
};

// [pause?] [update parts] [resume?] as coordinator instructions, or for a
// treasurer run as run_update calls merged where spec 3.7 allows: the pause
// is its own call (its update CPI would run first, while the run is live);
// {parts, paused:false} is one call unless client_version is among the
// parts (its CPI runs after set_paused, on a run no longer halted).
absl::StatusOr<std::vector<solana::Instruction>> SequenceInstructions(
    const DesiredRun& run, const psyche::CoordinatorOwnerAccounts& owner,
    const psyche::TreasurerPrograms& tp, const solana::Pubkey& account, bool pause,
    const UpdateParts& parts, bool resume) {
  std::vector<solana::Instruction> out;
  if (run.treasurer) {
    auto call = [&](const psyche::RunUpdateParams& p) -> absl::Status {
      ASSIGN_OR_RETURN(solana::Instruction ix,
                       psyche::TreasurerRunUpdate(run.authority, run.treasurer->run, run.instance,
                                                  account, p, tp));
      out.push_back(std::move(ix));
      return absl::OkStatus();
    };
    if (pause) {
      psyche::RunUpdateParams p;
      p.paused = true;
      RETURN_IF_ERROR(call(p));
    }
    bool resumed = false;
    if (!parts.empty()) {
      psyche::RunUpdateParams p;
      p.metadata = parts.metadata;
      if (parts.config) {
        p.config = run.run_config->config;
        p.model = run.run_config->model;
      }
      if (parts.client_version) p.client_version = run.client_version;
      if (resume && !parts.client_version) {
        p.paused = false;
        resumed = true;
      }
      RETURN_IF_ERROR(call(p));
    }
    if (resume && !resumed) {
      psyche::RunUpdateParams p;
      p.paused = false;
      RETURN_IF_ERROR(call(p));
    }
    return out;
  }
  if (pause) out.push_back(psyche::SetPausedInstruction(owner, true));
  if (parts.metadata || parts.config) {
    psyche::UpdateArgs args;
    args.metadata = parts.metadata;
    if (parts.config) {
      args.config = run.run_config->config;
      args.model = run.run_config->model;
    }
    ASSIGN_OR_RETURN(solana::Instruction ix, psyche::UpdateInstruction(owner, args));
    out.push_back(std::move(ix));
  }
  if (parts.client_version) {
    ASSIGN_OR_RETURN(solana::Instruction ix,
                     psyche::UpdateClientVersionInstruction(owner, run.client_version));
    out.push_back(std::move(ix));
  }
  if (resume) out.push_back(psyche::SetPausedInstruction(owner, false));
  return out;
}

struct RunContext {
  const DesiredRun& run;
  const ObservedRun& observed;
  const ResourceChange& change;
  const RunAmounts& amounts;
  std::vector<std::string>* notes;  // the run's ResourceChange notes
};

absl::Status PlanRun(const DesiredResources& d, const PlannerOptions& options, const RunContext& r,
                     Builder& b, std::vector<std::string>* warnings) {
  const DesiredRun& run = r.run;
  const ResourceChange& c = r.change;
  if (c.action == Action::kReplace) {
    std::vector<std::string> paths;
    for (const FieldChange& f : c.fields) {
      if (f.requires_replace && !f.ignored) paths.push_back(f.path);
    }
    warnings->push_back(absl::StrCat(run.address, ": ", absl::StrJoin(paths, ", "),
                                     " cannot change in place; no operation planned (close the run "
                                     "and create it again)"));
    return absl::OkStatus();
  }
  if (c.action != Action::kCreate && c.action != Action::kUpdate) return absl::OkStatus();
  const bool create = c.action == Action::kCreate;
  const solana::Pubkey account =
      create ? CoordinatorAccountPlaceholder(run.run_id) : r.observed.instance->coordinator_account;
  psyche::CoordinatorOwnerAccounts owner{d.programs.coordinator, run.authority, run.instance,
                                         account};
  psyche::TreasurerPrograms tp{d.programs.treasurer, d.programs.coordinator};

  // Sends run_update for treasurer runs, else the direct coordinator instruction.
  auto via = [&](psyche::RunUpdateParams params, std::vector<solana::Instruction> direct)
      -> absl::StatusOr<std::vector<solana::Instruction>> {
    if (!run.treasurer) return direct;
    ASSIGN_OR_RETURN(solana::Instruction ix,
                     psyche::TreasurerRunUpdate(run.authority, run.treasurer->run, run.instance,
                                                account, params, tp));
    return std::vector<solana::Instruction>{ix};
  };

  std::vector<std::string> after_create;
  if (create) {
    std::vector<solana::Instruction> ixs = {solana::system_program::CreateAccount(
        d.payer, account, options.coordinator_account_lamports, psyche::kCoordinatorAccountSize,
        d.programs.coordinator)};
    if (run.treasurer) {
      psyche::RunCreateParams p{run.treasurer->index, run.run_id, run.client_version, run.authority,
                                run.join_authority};
      ASSIGN_OR_RETURN(
          solana::Instruction ix,
          psyche::TreasurerRunCreate(d.payer, p, run.treasurer->collateral_mint, account, tp));
      ixs.push_back(ix);
    } else {
      psyche::InitCoordinatorArgs args{run.authority, run.join_authority, run.run_id,
                                       run.client_version};
      ASSIGN_OR_RETURN(solana::Instruction ix, psyche::InitCoordinatorInstruction(
                                                   d.programs.coordinator, d.payer, account, args));
      ixs.push_back(ix);
    }
    ASSIGN_OR_RETURN(std::string id,
                     b.Add(run.address + ":create", run.address,
                           run.treasurer ? "create coordinator account + treasurer run_create"
                                         : "create coordinator account + init_coordinator",
                           {}, std::move(ixs), {account}));
    b.Last().placeholder_labels = {"coordinator-" + run.run_id};
    after_create.push_back(id);
  }

  // A new run starts Uninitialized (halted); set_paused(false) is its way out.
  bool observed_halted = true;
  LiveState live = LiveState::kHalted;
  std::string state_name = "Uninitialized";
  if (!create) {
    const psyche::CoordinatorState& st = *r.observed.coordinator;
    live = LiveStateOf(st);
    state_name = std::string(psyche::kRunStateNames[static_cast<size_t>(st.run_state)]);
    observed_halted = psyche::IsHalted(st.run_state) || st.pending_pause;
    if (run.paused && !*run.paused && st.run_state == psyche::RunState::kFinished) {
      warnings->push_back(run.address + ": run is Finished; it cannot be resumed");
      observed_halted = false;
    }
    if (run.paused && !*run.paused && st.pending_pause) {
      observed_halted = false;  // resumed after the pause completes, if an update waits for it
    }
  }
  const bool want_paused = run.paused && *run.paused;
  const bool config_changed = Changed(c, "config.") || Changed(c, "model.");
  const bool metadata_changed = Changed(c, "metadata.");
  const bool version_changed = !create && Changed(c, "client_version");
  const bool needs_halt = config_changed || version_changed;  // coordinator.md 5.5, 5.7

  UpdateParts parts;
  if (metadata_changed) parts.metadata = run.metadata;
  if (config_changed) parts.config = true;
  if (version_changed) parts.client_version = true;
  const std::string what = parts.Describe();

  std::vector<std::string> before_resume = after_create;
  // set_future_epoch_rates has no run-state restriction (5.8).
  auto add_rates = [&]() -> absl::Status {
    if (!Changed(c, "epoch_rates.")) return absl::OkStatus();
    psyche::SetFutureEpochRatesArgs rates{r.amounts.earning_rate_total_shared,
                                          r.amounts.slashing_rate_per_client};
    psyche::RunUpdateParams params;
    params.epoch_earning_rate_total_shared = rates.epoch_earning_rate_total_shared;
    params.epoch_slashing_rate_per_client = rates.epoch_slashing_rate_per_client;
    ASSIGN_OR_RETURN(auto ixs, via(params, {psyche::SetFutureEpochRatesInstruction(owner, rates)}));
    ASSIGN_OR_RETURN(std::string id, b.Add(run.address + ":epoch-rates", run.address,
                                           "set_future_epoch_rates", after_create, std::move(ixs)));
    before_resume.push_back(id);
    return absl::OkStatus();
  };
  if (needs_halt && live == LiveState::kImmediate) {
    // Pause is immediate here: pause, update, resume in one atomic operation
    // so the run is never left paused (unless the manifests ask for it).
    const bool resume = !want_paused;
    ASSIGN_OR_RETURN(auto ixs, SequenceInstructions(run, owner, tp, account, true, parts, resume));
    const std::string desc = absl::StrCat("set_paused(true) + update ", what,
                                          resume ? " + set_paused(false)" : "", ", atomic");
    r.notes->push_back(absl::StrCat("planned as pause + update", resume ? " + resume" : "",
                                    " in one transaction (the pause is immediate while ",
                                    state_name, ")"));
    ASSIGN_OR_RETURN(std::string id,
                     b.Add(run.address + ":update", run.address, desc, {}, std::move(ixs)));
    before_resume.push_back(id);
    RETURN_IF_ERROR(add_rates());
  } else if (needs_halt && (live == LiveState::kActive || live == LiveState::kPending)) {
    // Deferred pause (5.6): phase 1 marks it pending, the run pauses at the
    // end of its epoch (ticked by clients), phase 2 updates and resumes.
    std::vector<std::string> deps;
    if (live == LiveState::kActive) {
      ASSIGN_OR_RETURN(auto ixs, SequenceInstructions(run, owner, tp, account, true, {}, false));
      ASSIGN_OR_RETURN(std::string id,
                       b.Add(run.address + ":pause", run.address,
                             absl::StrCat("set_paused(true): deferred pause, run is ", state_name,
                                          "; it pauses at the end of its epoch"),
                             {}, std::move(ixs)));
      deps.push_back(id);
    }
    const bool resume = !want_paused;
    ASSIGN_OR_RETURN(auto ixs, SequenceInstructions(run, owner, tp, account, false, parts, resume));
    const std::string desc =
        absl::StrCat("wait for run_state Paused, then update ", what,
                     resume ? " + set_paused(false)" : "", " in one transaction");
    r.notes->push_back(absl::StrCat(
        "deferred pause: run is ", state_name,
        live == LiveState::kPending ? " with a pause pending" : "",
        "; apply ", live == LiveState::kActive ? "sets the pause, " : "",
        "waits (--pause-timeout) for run_state Paused, then sends update ", what,
        resume ? " + resume" : ""));
    ASSIGN_OR_RETURN(std::string id,
                     b.Add(run.address + ":update", run.address, desc, deps, std::move(ixs)));
    b.Last().wait_for_pause = PauseWait{run.address, d.programs.coordinator, account};
    before_resume.push_back(id);
    RETURN_IF_ERROR(add_rates());
  } else {
    if (!create && run.paused && *run.paused && Changed(c, "paused")) {
      ASSIGN_OR_RETURN(auto ixs, SequenceInstructions(run, owner, tp, account, true, {}, false));
      std::string desc = "set_paused(true)";
      if (live == LiveState::kActive) {
        absl::StrAppend(&desc, ": deferred pause, run is ", state_name,
                        "; it pauses at the end of its epoch");
        r.notes->push_back(absl::StrCat("deferred pause: run is ", state_name,
                                        "; it pauses at the end of its epoch"));
      }
      ASSIGN_OR_RETURN(std::string id,
                       b.Add(run.address + ":pause", run.address, desc, {}, std::move(ixs)));
      before_resume = {id};
    }
    if (needs_halt || metadata_changed) {
      ASSIGN_OR_RETURN(auto ixs,
                       SequenceInstructions(run, owner, tp, account, false, parts, false));
      ASSIGN_OR_RETURN(std::string id, b.Add(run.address + ":update", run.address,
                                             absl::StrCat("update ", what), before_resume,
                                             std::move(ixs)));
      before_resume.push_back(id);
    }
    RETURN_IF_ERROR(add_rates());
    if (run.paused && !*run.paused && observed_halted) {
      ASSIGN_OR_RETURN(auto ixs, SequenceInstructions(run, owner, tp, account, false, {}, true));
      ASSIGN_OR_RETURN(std::string id,
                       b.Add(run.address + ":resume", run.address, "set_paused(false)",
                             before_resume, std::move(ixs)));
      (void)id;
    }
  }
  if (run.paused && !*run.paused && live == LiveState::kPending && !needs_halt) {
    warnings->push_back(run.address +
                        ": a pause is pending and cannot be cancelled; resume "
                        "after it completes");
  }

  return absl::OkStatus();
}

absl::Status PlanTopUp(const DesiredResources& d, const DesiredRun& run, const ResourceChange& c,
                       const RunAmounts& amounts, bool run_created, Builder& b,
                       std::vector<std::string>* warnings) {
  if (!c.top_up || c.top_up->amount() == 0) return absl::OkStatus();
  if (!amounts.decimals) {
    warnings->push_back(absl::StrCat(c.address, ": collateral mint not found; no top-up planned"));
    return absl::OkStatus();
  }
  TopUpIntent t{d.payer, run.treasurer->run, run.treasurer->collateral_mint, run.treasurer->vault,
                c.top_up->target, *amounts.decimals};
  std::vector<std::string> deps;
  if (run_created) deps.push_back(run.address + ":create");
  RETURN_IF_ERROR(b.Add(c.address + ":top-up", c.address,
                        absl::StrCat("transfer ", c.top_up->amount(), " to the treasury"),
                        deps, TopUpInstructions(t, c.top_up->amount()))
                      .status());
  b.Last().top_up = t;
  return absl::OkStatus();
}

absl::Status PlanAuthorization(const DesiredResources& d, const DesiredAuthorization& a,
                               const ResourceChange& c, Builder& b) {
  std::vector<solana::Instruction> ixs;
  std::string what;
  solana::ByteView scope(reinterpret_cast<const uint8_t*>(a.scope.data()), a.scope.size());
  if (c.action == Action::kCreate) {
    ASSIGN_OR_RETURN(
        solana::Instruction ix,
        psyche::AuthorizationCreate(d.payer, a.grantor, a.grantee, scope, d.programs.authorizer));
    ixs.push_back(ix);
    what = "authorization_create";
    // A new authorization starts inactive (authorizer-treasurer-token.md 2.4.1).
    if (!a.active)
      return b.Add(c.address + ":create", c.address, what, {}, std::move(ixs)).status();
    what += " + authorization_grantor_update(active)";
  } else if (c.action == Action::kUpdate) {
    what = absl::StrCat("authorization_grantor_update(", a.active ? "active" : "inactive", ")");
  } else {
    return absl::OkStatus();
  }
  ixs.push_back(
      psyche::AuthorizationGrantorUpdate(a.grantor, a.pda, a.active, d.programs.authorizer));
  return b
      .Add(c.address + (c.action == Action::kCreate ? ":create" : ":update"), c.address, what, {},
           std::move(ixs))
      .status();
}

// One operation per pruned resource, after everything else.
absl::Status PlanPruneTarget(const DesiredResources& d, const PruneTarget& t, Builder& b) {
  const solana::Pubkey& spill = d.prune_rent_recipient;
  std::vector<solana::Instruction> ixs;
  switch (t.kind) {
    case PruneTarget::Kind::kDeactivateAuthorization:
      ixs.push_back(
          psyche::AuthorizationGrantorUpdate(t.signer, t.account, false, d.programs.authorizer));
      return b
          .Add(t.address + ":deactivate", t.address, "authorization_grantor_update(inactive)", {},
               std::move(ixs))
          .status();
    case PruneTarget::Kind::kCloseAuthorization:
      // Close needs an inactive account (authorizer-treasurer-token.md 2.4.4).
      if (t.deactivate_first) {
        ixs.push_back(
            psyche::AuthorizationGrantorUpdate(t.signer, t.account, false, d.programs.authorizer));
      }
      ixs.push_back(psyche::AuthorizationClose(t.signer, spill, t.account, d.programs.authorizer));
      return b
          .Add(t.address + ":close", t.address,
               t.deactivate_first ? "authorization_grantor_update(inactive) + authorization_close"
                                  : "authorization_close",
               {}, std::move(ixs))
          .status();
    case PruneTarget::Kind::kFreeRun: {
      psyche::CoordinatorOwnerAccounts owner{d.programs.coordinator, t.signer, t.account,
                                             t.coordinator_account};
      ixs.push_back(psyche::FreeCoordinatorInstruction(owner, spill));
      return b.Add(t.address + ":free", t.address, "free_coordinator", {}, std::move(ixs))
          .status();
    }
  }
  return absl::InternalError("unknown prune target");
}

}  // namespace

std::vector<solana::Instruction> TopUpInstructions(const TopUpIntent& t, uint64_t amount) {
  return {psyche::AtaCreateIdempotent(t.payer, t.run, t.mint),
          psyche::TokenTransferChecked(solana::AssociatedTokenAddress(t.payer, t.mint), t.mint,
                                       t.vault, t.payer, amount, t.decimals)};
}

solana::Pubkey CoordinatorAccountPlaceholder(const std::string& run_id) {
  static constexpr absl::string_view kTag = "psyche-reconcile new coordinator account ";
  return solana::Sha256(
      {solana::ByteView(reinterpret_cast<const uint8_t*>(kTag.data()), kTag.size()),
       solana::ByteView(reinterpret_cast<const uint8_t*>(run_id.data()), run_id.size())});
}

absl::StatusOr<PlanBuild> BuildPlan(const DesiredResources& desired, const ObservedState& observed,
                                    DiffResult diff, const PlannerOptions& options) {
  Builder b(desired, options);
  std::map<std::string, ResourceChange*> by_address;
  for (ResourceChange& c : diff.changes) by_address[c.address] = &c;
  std::vector<std::string> warnings = std::move(diff.warnings);
  ASSIGN_OR_RETURN(std::vector<PruneTarget> prunes,
                   PlanPrune(options.prune, desired, observed, &diff.changes, &warnings));

  for (const DesiredAuthorization& a : desired.authorizations) {
    RETURN_IF_ERROR(PlanAuthorization(desired, a, *by_address.at(a.address), b));
  }
  for (size_t i = 0; i < desired.runs.size(); ++i) {
    const DesiredRun& run = desired.runs[i];
    ASSIGN_OR_RETURN(RunAmounts amounts, ResolveRunAmounts(run, observed));
    ResourceChange& c = *by_address.at(run.address);
    RETURN_IF_ERROR(
        PlanRun(desired, options, {run, observed.runs[i], c, amounts, &c.notes}, b, &warnings));
    auto t = by_address.find(absl::StrCat("treasury.", run.name));
    if (t != by_address.end()) {
      RETURN_IF_ERROR(
          PlanTopUp(desired, run, *t->second, amounts, c.action == Action::kCreate, b, &warnings));
    }
  }
  for (const PruneTarget& t : prunes) RETURN_IF_ERROR(PlanPruneTarget(desired, t, b));
  if (!options.targets.empty()) {
    std::set<std::string> targets(options.targets.begin(), options.targets.end());
    for (const std::string& t : targets) {
      if (!by_address.contains(t)) {
        std::vector<std::string> known;
        for (const auto& [address, change] : by_address) known.push_back(address);
        return absl::InvalidArgumentError(absl::StrCat("--target ", t,
                                                       ": no such resource; known addresses: ",
                                                       absl::StrJoin(known, ", ")));
      }
    }
    std::set<std::string> keep = b.Restrict(targets);
    keep.insert(targets.begin(), targets.end());
    std::erase_if(diff.changes,
                  [&](const ResourceChange& c) { return !keep.contains(c.address); });
  }
  RETURN_IF_ERROR(b.Pack());
  PlanBuild out = std::move(b.build());
  out.plan.cluster = desired.cluster;
  out.plan.changes = std::move(diff.changes);
  out.plan.preconditions = observed.preconditions;
  out.plan.warnings = std::move(warnings);
  return out;
}

}  // namespace reconciler
