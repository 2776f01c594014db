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
    build_.instructions.push_back({std::move(ixs), std::move(placeholders)});
    return op.id;
  }

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
    ASSIGN_OR_RETURN(build_.transactions,
                     solana::PackInstructionGroups(d_.payer, signers, groups, pack));
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

struct RunContext {
  const DesiredRun& run;
  const ObservedRun& observed;
  const ResourceChange& change;
  const RunAmounts& amounts;
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
    after_create.push_back(id);
  }

  // A new run starts Uninitialized (halted); set_paused(false) is its way out.
  bool observed_halted = true;
  if (!create) {
    const psyche::CoordinatorState& st = *r.observed.coordinator;
    observed_halted = psyche::IsHalted(st.run_state) || st.pending_pause;
    if (run.paused && !*run.paused && st.run_state == psyche::RunState::kFinished) {
      warnings->push_back(run.address + ": run is Finished; it cannot be resumed");
      observed_halted = false;
    }
    if (run.paused && !*run.paused && st.pending_pause) {
      warnings->push_back(run.address +
                          ": a pause is pending and cannot be cancelled; resume "
                          "after it completes");
      observed_halted = false;
    }
  }
  std::vector<std::string> before_update = after_create;
  if (!create && run.paused && *run.paused && Changed(c, "paused")) {
    psyche::RunUpdateParams params;
    params.paused = true;
    ASSIGN_OR_RETURN(auto ixs, via(params, {psyche::SetPausedInstruction(owner, true)}));
    ASSIGN_OR_RETURN(std::string id, b.Add(run.address + ":pause", run.address, "set_paused(true)",
                                           before_update, std::move(ixs)));
    before_update = {id};
  }

  std::vector<std::string> before_resume = before_update;
  bool config_changed = Changed(c, "config.") || Changed(c, "model.");
  const bool metadata_changed = Changed(c, "metadata.");
  bool version_changed = !create && Changed(c, "client_version");
  // These need a halted run (coordinator.md 5.5, 5.7): planned after a pause
  // the manifests ask for, otherwise left out with a warning.
  const bool will_halt = create || observed_halted || (run.paused && *run.paused);
  if ((config_changed || version_changed) && !will_halt) {
    warnings->push_back(absl::StrCat(run.address,
                                     ": config, model and client version changes need a halted "
                                     "run; set paused: true, apply, then resume. Not planned."));
    config_changed = version_changed = false;
  }
  if (config_changed || metadata_changed || version_changed) {
    psyche::RunUpdateParams params;
    psyche::UpdateArgs args;
    if (metadata_changed) params.metadata = args.metadata = run.metadata;
    if (config_changed) {  // config and model always together (coordinator.md 5.5 step 6)
      params.config = args.config = run.run_config->config;
      params.model = args.model = run.run_config->model;
    }
    if (version_changed) params.client_version = run.client_version;
    std::vector<solana::Instruction> direct;
    if (metadata_changed || config_changed) {
      ASSIGN_OR_RETURN(solana::Instruction ix, psyche::UpdateInstruction(owner, args));
      direct.push_back(ix);
    }
    if (version_changed) {
      ASSIGN_OR_RETURN(solana::Instruction ix,
                       psyche::UpdateClientVersionInstruction(owner, run.client_version));
      direct.push_back(ix);
    }
    std::vector<std::string> what;
    if (metadata_changed) what.push_back("metadata");
    if (config_changed) what.push_back("config, model");
    if (version_changed) what.push_back("client_version");
    ASSIGN_OR_RETURN(auto ixs, via(params, std::move(direct)));
    ASSIGN_OR_RETURN(std::string id, b.Add(run.address + ":update", run.address,
                                           absl::StrCat("update ", absl::StrJoin(what, ", ")),
                                           before_update, std::move(ixs)));
    before_resume.push_back(id);
  }

  if (Changed(c, "epoch_rates.")) {
    psyche::SetFutureEpochRatesArgs rates{r.amounts.earning_rate_total_shared,
                                          r.amounts.slashing_rate_per_client};
    psyche::RunUpdateParams params;
    params.epoch_earning_rate_total_shared = rates.epoch_earning_rate_total_shared;
    params.epoch_slashing_rate_per_client = rates.epoch_slashing_rate_per_client;
    ASSIGN_OR_RETURN(auto ixs, via(params, {psyche::SetFutureEpochRatesInstruction(owner, rates)}));
    ASSIGN_OR_RETURN(std::string id, b.Add(run.address + ":epoch-rates", run.address,
                                           "set_future_epoch_rates", after_create, std::move(ixs)));
    before_resume.push_back(id);
  }

  if (run.paused && !*run.paused && observed_halted) {
    psyche::RunUpdateParams params;
    params.paused = false;
    ASSIGN_OR_RETURN(auto ixs, via(params, {psyche::SetPausedInstruction(owner, false)}));
    ASSIGN_OR_RETURN(std::string id, b.Add(run.address + ":resume", run.address,
                                           "set_paused(false)", before_resume, std::move(ixs)));
    (void)id;
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
  const solana::Pubkey& mint = run.treasurer->collateral_mint;
  std::vector<solana::Instruction> ixs = {
      psyche::AtaCreateIdempotent(d.payer, run.treasurer->run, mint),
      psyche::TokenTransferChecked(solana::AssociatedTokenAddress(d.payer, mint), mint,
                                   run.treasurer->vault, d.payer, c.top_up->amount(),
                                   *amounts.decimals)};
  std::vector<std::string> deps;
  if (run_created) deps.push_back(run.address + ":create");
  return b
      .Add(c.address + ":top-up", c.address,
           absl::StrCat("transfer ", c.top_up->amount(), " to the treasury"), deps, std::move(ixs))
      .status();
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

solana::Pubkey CoordinatorAccountPlaceholder(const std::string& run_id) {
  static constexpr absl::string_view kTag = "psyche-reconcile new coordinator account ";
  return solana::Sha256(
      {solana::ByteView(reinterpret_cast<const uint8_t*>(kTag.data()), kTag.size()),
       solana::ByteView(reinterpret_cast<const uint8_t*>(run_id.data()), run_id.size())});
}

absl::StatusOr<PlanBuild> BuildPlan(const DesiredResources& desired, const ObservedState& observed,
                                    DiffResult diff, const PlannerOptions& options) {
  Builder b(desired, options);
  std::map<std::string, const ResourceChange*> by_address;
  for (const ResourceChange& c : diff.changes) by_address[c.address] = &c;
  std::vector<std::string> warnings = std::move(diff.warnings);
  ASSIGN_OR_RETURN(std::vector<PruneTarget> prunes,
                   PlanPrune(options.prune, desired, observed, &diff.changes, &warnings));

  for (const DesiredAuthorization& a : desired.authorizations) {
    RETURN_IF_ERROR(PlanAuthorization(desired, a, *by_address.at(a.address), b));
  }
  for (size_t i = 0; i < desired.runs.size(); ++i) {
    const DesiredRun& run = desired.runs[i];
    ASSIGN_OR_RETURN(RunAmounts amounts, ResolveRunAmounts(run, observed));
    const ResourceChange& c = *by_address.at(run.address);
    RETURN_IF_ERROR(PlanRun(desired, options, {run, observed.runs[i], c, amounts}, b, &warnings));
    auto t = by_address.find(absl::StrCat("treasury.", run.name));
    if (t != by_address.end()) {
      RETURN_IF_ERROR(
          PlanTopUp(desired, run, *t->second, amounts, c.action == Action::kCreate, b, &warnings));
    }
  }
  for (const PruneTarget& t : prunes) RETURN_IF_ERROR(PlanPruneTarget(desired, t, b));
  RETURN_IF_ERROR(b.Pack());
  PlanBuild out = std::move(b.build());
  out.plan.cluster = desired.cluster;
  out.plan.changes = std::move(diff.changes);
  out.plan.preconditions = observed.preconditions;
  out.plan.warnings = std::move(warnings);
  return out;
}

}  // namespace reconciler
