#include "reconciler/diff.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "providers/psyche/borsh.h"
#include "providers/psyche/coordinator_borsh.h"
#include "providers/solana/coding.h"
#include "reconciler/render_json.h"

namespace reconciler {
namespace {

void Add(FieldMap* m, std::string path, Value v) { m->emplace_back(std::move(path), std::move(v)); }

// The model without its checkpoint, which the run rewrites at every epoch end
// (Hub <-> P2P, coordinator.md 5.10): digest of its Borsh form.
Value ModelDigest(const psyche::Model& model) {
  psyche::Model normalized = model;
  std::get<psyche::LLM>(normalized).checkpoint = psyche::CheckpointEphemeral{};
  psyche::BorshWriter w;
  psyche::WriteModel(w, normalized);
  auto bytes = std::move(w).Finish();
  if (!bytes.ok()) return Value::String("(unencodable)");
  return Value::String(HashHex(solana::Sha256({*bytes})));
}

void AddConfig(FieldMap* m, const psyche::CoordinatorConfig& c) {
  Add(m, "config.warmup_time", Value::Uint(c.warmup_time));
  Add(m, "config.cooldown_time", Value::Uint(c.cooldown_time));
  Add(m, "config.max_round_train_time", Value::Uint(c.max_round_train_time));
  Add(m, "config.round_witness_time", Value::Uint(c.round_witness_time));
  Add(m, "config.global_batch_size_warmup_tokens", Value::Uint(c.global_batch_size_warmup_tokens));
  Add(m, "config.epoch_time", Value::Uint(c.epoch_time));
  Add(m, "config.total_steps", Value::Uint(c.total_steps));
  Add(m, "config.init_min_clients", Value::Uint(c.init_min_clients));
  Add(m, "config.min_clients", Value::Uint(c.min_clients));
  Add(m, "config.witness_nodes", Value::Uint(c.witness_nodes));
  Add(m, "config.global_batch_size_start", Value::Uint(c.global_batch_size_start));
  Add(m, "config.global_batch_size_end", Value::Uint(c.global_batch_size_end));
  Add(m, "config.verification_percent", Value::Uint(c.verification_percent));
  Add(m, "config.waiting_for_members_extra_time", Value::Uint(c.waiting_for_members_extra_time));
}

void AddModel(FieldMap* m, const psyche::Model& model) {
  const psyche::LLM& llm = std::get<psyche::LLM>(model);
  Add(m, "model.max_seq_len", Value::Uint(llm.max_seq_len));
  Add(m, "model.cold_start_warmup_steps", Value::Uint(llm.cold_start_warmup_steps));
  Add(m, "model.digest", ModelDigest(model));
}

void AddMetadata(FieldMap* m, const psyche::RunMetadata& md) {
  Add(m, "metadata.name", Value::String(md.name));
  Add(m, "metadata.description", Value::String(md.description));
  Add(m, "metadata.num_parameters", Value::Uint(md.num_parameters));
  Add(m, "metadata.vocab_size", Value::Uint(md.vocab_size));
}

absl::StatusOr<std::optional<uint64_t>> Resolve(const std::optional<Amount>& a,
                                                std::optional<uint8_t> decimals,
                                                const std::string& where) {
  if (!a) return std::optional<uint64_t>();
  if (a->base_units) return a->base_units;
  if (!decimals) {
    return absl::FailedPreconditionError(
        absl::StrCat(where, ": \"", a->ToString(),
                     "\" needs the collateral mint's decimals, but the mint was not found"));
  }
  auto v = ResolveAmount(*a, *decimals);
  if (!v.ok()) return absl::InvalidArgumentError(absl::StrCat(where, ": ", v.status().message()));
  return std::optional<uint64_t>(*v);
}

ResourceChange MakeChange(std::string address, std::string kind, const FieldMap& observed,
                          const FieldMap& desired, const DiffOptions& options,
                          ResourcePresence presence) {
  ResourceChange c;
  c.address = std::move(address);
  c.kind = std::move(kind);
  c.fields = DiffFields(observed, desired, options);
  c.action = DecideAction(presence, c.fields);
  return c;
}

const DiffOptions& NoOptions() {
  static const DiffOptions o;
  return o;
}

ResourceChange DiffRun(const DesiredRun& run, const ObservedRun& obs, const RunAmounts& amounts) {
  const bool exists = obs.instance.has_value();
  ResourceChange c =
      MakeChange(run.address, "run", exists ? ObservedRunFields(run, obs) : FieldMap{},
                 DesiredRunFields(run, amounts), RunDiffOptions(), {exists, true, true});
  if (!exists) {
    for (FieldChange& f : c.fields) f.requires_replace = false;  // nothing to replace yet
    FieldChange account;
    account.path = "coordinator_account";
    account.computed = true;
    c.fields.insert(c.fields.begin(), account);
    return c;
  }
  const psyche::CoordinatorState& st = *obs.coordinator;
  bool needs_halt = false;
  for (const FieldChange& f : c.fields) {
    if (f.ignored) continue;
    if (f.path.starts_with("config.") || f.path.starts_with("model.") ||
        f.path == "client_version") {
      needs_halt = true;
    }
  }
  if (needs_halt && !psyche::IsHalted(st.run_state)) {
    c.notes.push_back(absl::StrCat(
        "run is ", std::string(psyche::kRunStateNames[static_cast<size_t>(st.run_state)]),
        ": config, model and client version change only while it is halted (paused)"));
  }
  if (st.run_state == psyche::RunState::kFinished) {
    c.notes.push_back("run is Finished: only client version and epoch rates can still change");
  }
  return c;
}

std::optional<ResourceChange> DiffTreasury(const DesiredRun& run, const ObservedRun& obs,
                                           const RunAmounts& amounts) {
  if (!run.treasurer || !amounts.treasury_balance) return std::nullopt;
  ResourceChange c;
  c.address = absl::StrCat("treasury.", run.name);
  c.kind = "treasury";
  TreasuryTopUp top_up;
  top_up.mint = run.treasurer->collateral_mint;
  top_up.target = *amounts.treasury_balance;
  top_up.observed = obs.vault ? obs.vault->amount : 0;
  c.top_up = top_up;
  if (top_up.amount() > 0) {
    FieldChange f;
    f.path = "balance";
    f.before = obs.vault ? Value::Uint(top_up.observed) : Value::Null();
    f.after = Value::Uint(top_up.target);
    c.fields.push_back(f);
    c.action = obs.vault ? Action::kUpdate : Action::kCreate;
  } else if (top_up.observed > top_up.target) {
    c.notes.push_back(absl::StrCat("balance ", top_up.observed, " is above the target ",
                                   top_up.target, "; nothing is withdrawn"));
  }
  return c;
}

FieldMap AuthorizationFields(const psyche::Authorization& a) {
  FieldMap m;
  Add(&m, "grantor", Value::Key(a.grantor));
  Add(&m, "grantee", Value::Key(a.grantee));
  Add(&m, "scope", Value::String(std::string(a.scope.begin(), a.scope.end())));
  Add(&m, "active", Value::Bool(a.active));
  return m;
}

FieldMap DesiredAuthorizationFields(const DesiredAuthorization& a) {
  FieldMap m;
  Add(&m, "grantor", Value::Key(a.grantor));
  Add(&m, "grantee", Value::Key(a.grantee));
  Add(&m, "scope", Value::String(a.scope));
  Add(&m, "active", Value::Bool(a.active));
  return m;
}

}  // namespace

const DiffOptions& RunDiffOptions() {
  static const DiffOptions o{
      .ignore = {"progress.*", "run_state", "clients", "nonce", "model.checkpoint"},
      .sensitive = {},
      .replace_on = {"run_id", "authority", "treasurer.index", "treasurer.collateral_mint"}};
  return o;
}

absl::StatusOr<RunAmounts> ResolveRunAmounts(const DesiredRun& run, const ObservedState& observed) {
  RunAmounts out;
  if (run.treasurer) {
    auto it = observed.mints.find(run.treasurer->collateral_mint);
    if (it != observed.mints.end()) out.decimals = it->second.decimals;
  }
  ASSIGN_OR_RETURN(out.earning_rate_total_shared,
                   Resolve(run.earning_rate_total_shared, out.decimals,
                           run.address + ": epochRates.earningRateTotalShared"));
  ASSIGN_OR_RETURN(out.slashing_rate_per_client,
                   Resolve(run.slashing_rate_per_client, out.decimals,
                           run.address + ": epochRates.slashingRatePerClient"));
  ASSIGN_OR_RETURN(out.treasury_balance,
                   Resolve(run.treasury_balance, out.decimals, run.address + ": treasury.balance"));
  return out;
}

FieldMap DesiredRunFields(const DesiredRun& run, const RunAmounts& amounts) {
  FieldMap m;
  Add(&m, "run_id", Value::String(run.run_id));
  Add(&m, "authority", Value::Key(run.authority));
  Add(&m, "join_authority", Value::Key(run.join_authority));
  if (run.treasurer) {
    Add(&m, "treasurer.index", Value::Uint(run.treasurer->index));
    Add(&m, "treasurer.collateral_mint", Value::Key(run.treasurer->collateral_mint));
  }
  Add(&m, "client_version", Value::String(run.client_version));
  if (run.metadata) AddMetadata(&m, *run.metadata);
  if (run.run_config) {
    AddConfig(&m, run.run_config->config);
    AddModel(&m, run.run_config->model);
  }
  if (run.paused) Add(&m, "paused", Value::Bool(*run.paused));
  if (amounts.earning_rate_total_shared) {
    Add(&m, "epoch_rates.earning_rate_total_shared",
        Value::Uint(*amounts.earning_rate_total_shared));
  }
  if (amounts.slashing_rate_per_client) {
    Add(&m, "epoch_rates.slashing_rate_per_client", Value::Uint(*amounts.slashing_rate_per_client));
  }
  return m;
}

FieldMap ObservedRunFields(const DesiredRun& run, const ObservedRun& obs) {
  FieldMap m;
  if (!obs.instance || !obs.coordinator) return m;
  const psyche::CoordinatorInstance& inst = *obs.instance;
  const psyche::CoordinatorState& st = *obs.coordinator;
  Add(&m, "run_id", Value::String(inst.run_id));
  // A treasurer run's instance is administered by the treasurer's Run PDA;
  // the wallet is the Run's main authority (coordinator.md 5.12).
  if (run.treasurer && obs.treasurer_run) {
    Add(&m, "authority", Value::Key(obs.treasurer_run->main_authority));
    Add(&m, "treasurer.index", Value::Uint(obs.treasurer_run->index));
    Add(&m, "treasurer.collateral_mint", Value::Key(obs.treasurer_run->collateral_mint));
  } else {
    Add(&m, "authority", Value::Key(inst.main_authority));
  }
  Add(&m, "join_authority", Value::Key(inst.join_authority));
  Add(&m, "client_version", Value::String(st.client_version.value_or("")));
  if (run.metadata) AddMetadata(&m, st.metadata);
  if (run.run_config) {
    AddConfig(&m, st.config);
    AddModel(&m, st.model);
    Add(&m, "model.checkpoint",
        Value::String(std::string(psyche::VariantName(std::get<psyche::LLM>(st.model).checkpoint,
                                                      psyche::kCheckpointNames))));
  }
  if (run.paused) {
    const bool paused = psyche::IsHalted(st.run_state) || st.pending_pause;
    Add(&m, "paused", Value::Bool(paused));
  }
  if (run.earning_rate_total_shared) {
    Add(&m, "epoch_rates.earning_rate_total_shared",
        Value::Uint(st.clients_state.future_epoch_rates.earning_rate_total_shared));
  }
  if (run.slashing_rate_per_client) {
    Add(&m, "epoch_rates.slashing_rate_per_client",
        Value::Uint(st.clients_state.future_epoch_rates.slashing_rate_per_client));
  }
  Add(&m, "run_state",
      Value::String(std::string(psyche::kRunStateNames[static_cast<size_t>(st.run_state)])));
  Add(&m, "progress.epoch", Value::Uint(st.progress.epoch));
  Add(&m, "progress.step", Value::Uint(st.progress.step));
  Add(&m, "clients", Value::Uint(st.clients_state.clients.size()));
  Add(&m, "nonce", Value::Uint(st.nonce));
  return m;
}

absl::StatusOr<DiffResult> Diff(const DesiredResources& desired, const ObservedState& observed) {
  DiffResult out;
  if (observed.runs.size() != desired.runs.size()) {
    return absl::InternalError("observed state does not match the desired runs");
  }
  std::vector<ResourceChange> treasuries;
  for (size_t i = 0; i < desired.runs.size(); ++i) {
    const DesiredRun& run = desired.runs[i];
    const ObservedRun& obs = observed.runs[i];
    ASSIGN_OR_RETURN(RunAmounts amounts, ResolveRunAmounts(run, observed));
    out.changes.push_back(DiffRun(run, obs, amounts));
    if (auto t = DiffTreasury(run, obs, amounts)) treasuries.push_back(std::move(*t));
    if (run.treasurer && obs.instance && !obs.treasurer_run) {
      out.warnings.push_back(absl::StrCat(run.address,
                                          ": the run exists but was not created through the "
                                          "treasurer; its Run account is missing"));
    }
  }
  for (ResourceChange& t : treasuries) out.changes.push_back(std::move(t));

  for (const DesiredAuthorization& a : desired.authorizations) {
    auto it = observed.authorizations.find(a.pda);
    const bool exists = it != observed.authorizations.end();
    out.changes.push_back(MakeChange(
        a.address, "authorization", exists ? AuthorizationFields(it->second) : FieldMap{},
        DesiredAuthorizationFields(a), NoOptions(), {exists, true, true}));
  }
  for (const auto& [pda, address] : UnmanagedAuthorizations(desired, observed)) {
    const psyche::Authorization& auth = observed.authorizations.at(pda);
    ResourceChange c;
    c.address = address;
    c.kind = "authorization";
    c.action = Action::kRead;
    c.notes.push_back(
        absl::StrCat("on chain at ", pda.ToBase58(), " (grantor ", auth.grantor.ToBase58(), ", ",
                     auth.active ? "active" : "inactive", ") but in no manifest; not managed"));
    out.changes.push_back(std::move(c));
  }
  for (const UnmanagedRun& run : observed.unmanaged_runs) {
    ResourceChange c;
    c.address = UnmanagedRunAddress(run.instance.run_id);
    c.kind = "run";
    c.action = Action::kRead;
    c.notes.push_back(absl::StrCat(
        "on chain at ", run.instance_address.ToBase58(), " (authority ",
        run.instance.main_authority.ToBase58(), ", ",
        std::string(psyche::kRunStateNames[static_cast<size_t>(run.coordinator.run_state)]),
        ") but in no manifest; not managed"));
    out.changes.push_back(std::move(c));
  }
  return out;
}

std::string UnmanagedRunAddress(const std::string& run_id) {
  return absl::StrCat("run.unmanaged[", run_id, "]");
}

std::vector<std::pair<solana::Pubkey, std::string>> UnmanagedAuthorizations(
    const DesiredResources& desired, const ObservedState& observed) {
  std::set<solana::Pubkey> managed;
  for (const DesiredAuthorization& a : desired.authorizations) managed.insert(a.pda);
  std::set<std::string> used;
  std::vector<std::pair<solana::Pubkey, std::string>> out;
  for (const auto& [pda, auth] : observed.authorizations) {
    if (managed.count(pda)) continue;
    std::string address = absl::StrCat("authorization.unmanaged[", auth.grantee.ToBase58(), "]");
    // The same grantee under two managed grantors or scopes: the PDA tells them apart.
    if (!used.insert(address).second) {
      address = absl::StrCat("authorization.unmanaged[", pda.ToBase58(), "]");
    }
    out.emplace_back(pda, std::move(address));
  }
  return out;
}

}  // namespace reconciler
