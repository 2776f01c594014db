#include "localnet/coordinator_exec.h"

#include <algorithm>
#include <initializer_list>

#include "localnet/coordinator_checks.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_account_writer.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/coordinator_instruction_data.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/solana/program_ids.h"

namespace localnet {
namespace {

namespace err = coordinator_error;
using psyche::CoordinatorInstance;
using psyche::CoordinatorState;
using psyche::RunState;

// Byte ranges of the v1 account (coordinator.md 3.3-3.10).
struct Region {
  size_t offset;
  size_t size;
};
constexpr Region kVersion{8, 8};
constexpr Region kMetadata{16, 360};
constexpr Region kRunId{376, 32};
constexpr Region kRunState{408, 1};
constexpr Region kModel{416, 552};
constexpr Region kConfig{968, 64};
constexpr Region kProgress{1032, 16};
constexpr Region kColdStartEpoch{94401, 1};
constexpr Region kRunStateStart{94408, 8};
constexpr Region kPendingPause{94416, 1};
constexpr Region kRegisteredClientsLen{119000, 8};
constexpr Region kNextActive{119008, 8};
constexpr Region kFutureRates{119032, 16};
constexpr Region kClientVersion{119050, 96};
constexpr Region kNonce{119152, 8};
constexpr size_t kEpochClientsData = 57496, kEpochClientSize = 72, kEpochClientStateRel = 64;
constexpr size_t kRegisteredClientsData = 94424, kRegisteredClientSize = 96;

Region EpochClientState(size_t k) {
  return {kEpochClientsData + kEpochClientSize * k + kEpochClientStateRel, 1};
}
Region RegisteredClient(size_t k) {
  return {kRegisteredClientsData + kRegisteredClientSize * k, kRegisteredClientSize};
}

struct Named {
  const char* snake;
  const char* camel;
};
// Order = the variant order of psyche::CoordinatorInstructionArgs, plus the client-only ones.
constexpr Named kInstructions[] = {
    {"init_coordinator", "InitCoordinator"}, {"update", "Update"},
    {"update_client_version", "UpdateClientVersion"},
    {"set_future_epoch_rates", "SetFutureEpochRates"}, {"set_paused", "SetPaused"},
    {"free_coordinator", "FreeCoordinator"}, {"join_run", "JoinRun"}, {"tick", "Tick"},
    {"checkpoint", "Checkpoint"}, {"witness", "Witness"}, {"warmup_witness", "WarmupWitness"},
    {"health_check", "HealthCheck"},
};
constexpr size_t kNumInstructions = std::size(kInstructions);

const std::array<psyche::AnchorDiscriminator, kNumInstructions>& Discriminators() {
  static const auto d = [] {
    std::array<psyche::AnchorDiscriminator, kNumInstructions> out;
    for (size_t i = 0; i < kNumInstructions; ++i) {
      out[i] = psyche::AnchorInstructionDiscriminator(kInstructions[i].snake);
    }
    return out;
  }();
  return d;
}

// A panic inside the program (out-of-range slice, division by zero, oversized string).
InstructionError Abort(InvokeContext& ctx, absl::string_view why) {
  ctx.Log(absl::StrCat("panicked: ", why));
  return InstructionError{InstructionErrorKind::kGenericError, 0};
}

// Copies `regions` of the full image of `state` into the account: everything else, including
// witness proofs and stale union bytes the encoder would zero, stays as it was.
InstructionResult WriteRegions(InvokeContext& ctx, TxAccount& account, const CoordinatorState& state,
                               std::initializer_list<Region> regions,
                               const std::vector<Region>& more = {}) {
  auto image = psyche::EncodeCoordinatorAccount(state);
  if (!image.ok()) return Abort(ctx, image.status().message());
  auto copy = [&](Region r) {
    std::copy_n(image->begin() + r.offset, r.size, account.account.data.begin() + r.offset);
  };
  for (Region r : regions) copy(r);
  for (Region r : more) copy(r);
  return Success();
}

struct RunAccounts {
  TxAccount* instance_account = nullptr;
  TxAccount* coordinator_account = nullptr;
  CoordinatorInstance instance;
};

// The CoordinatorInstance at `index`: type checks, decode, then seeds re-derived from the stored
// run id and bump (2006).
InstructionResult LoadInstance(InvokeContext& ctx, size_t index, RunAccounts* out) {
  TxAccount& a = ctx.account(index);
  if (auto e = CheckProgramAccount(ctx, a, psyche::CoordinatorInstanceDiscriminator(),
                                   "coordinator_instance")) {
    return e;
  }
  auto instance = psyche::DecodeCoordinatorInstance(a.account.data);
  if (!instance.ok()) {
    return FailAnchor(ctx, AnchorError::kAccountDidNotDeserialize, "coordinator_instance");
  }
  out->instance_account = &a;
  out->instance = std::move(*instance);
  return Success();
}

InstructionResult CheckInstanceSeeds(InvokeContext& ctx, const RunAccounts& run) {
  const std::string& id = run.instance.run_id;
  size_t n = std::min(id.size(), psyche::kCoordinatorInstanceMaxRunIdBytes);
  const uint8_t bump = run.instance.bump;
  auto address = solana::CreateProgramAddress(
      {ByteView(reinterpret_cast<const uint8_t*>(psyche::kCoordinatorInstanceSeed.data()),
                psyche::kCoordinatorInstanceSeed.size()),
       ByteView(reinterpret_cast<const uint8_t*>(id.data()), n), ByteView(&bump, 1)},
      ctx.program_id());
  if (!address.ok() || *address != run.instance_account->key) {
    return FailAnchor(ctx, AnchorError::kConstraintSeeds, "coordinator_instance");
  }
  return Success();
}

uint64_t ReadU64(const Bytes& data, Region r) {
  return solana::DecodeFixedLE<uint64_t>(data.data() + r.offset);
}

// The owner (or permissionless) account template of 4.3: [authority/user (S), instance,
// coordinator_account (W)], with `first` the index of the instance. Decodes the state.
InstructionResult LoadRun(InvokeContext& ctx, size_t first, const Pubkey* authority,
                          RunAccounts* run, CoordinatorState* state) {
  if (auto e = LoadInstance(ctx, first, run)) return e;
  TxAccount& account = ctx.account(first + 1);
  if (auto e = CheckProgramAccount(ctx, account, psyche::CoordinatorAccountDiscriminator(),
                                   "coordinator_account")) {
    return e;
  }
  if (auto e = CheckInstanceSeeds(ctx, *run)) return e;
  if (authority != nullptr && *authority != run->instance.main_authority) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "coordinator_instance");
  }
  if (auto e = CheckMut(ctx, account, "coordinator_account")) return e;
  const Bytes& data = account.account.data;
  if (account.key != run->instance.coordinator_account || data.size() < 16 ||
      ReadU64(data, kVersion) != psyche::kCoordinatorAccountVersion) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "coordinator_account");
  }
  if (data.size() < psyche::kCoordinatorAccountSize) {
    return Abort(ctx, "coordinator account shorter than the v1 layout");
  }
  auto decoded = psyche::DecodeCoordinatorAccount(
      ByteView(data.data(), psyche::kCoordinatorAccountSize));
  if (!decoded.ok()) {
    return FailAnchor(ctx, AnchorError::kAccountDidNotDeserialize, "coordinator_account");
  }
  run->coordinator_account = &account;
  *state = std::move(*decoded);
  return Success();
}

InstructionResult LoadOwnerRun(InvokeContext& ctx, RunAccounts* run, CoordinatorState* state) {
  if (auto e = RequireAccounts(ctx, 3)) return e;
  TxAccount& authority = ctx.account(0);
  if (auto e = CheckSigner(ctx, authority, "authority")) return e;
  return LoadRun(ctx, 1, &authority.key, run, state);
}

void BumpNonce(InvokeContext& ctx, CoordinatorState& state) {
  ++state.nonce;
  ctx.Log(absl::StrCat("Nonce: ", state.nonce));
}

// ---- init_coordinator (5.4) ----

InstructionResult InitCoordinator(InvokeContext& ctx, const psyche::InitCoordinatorArgs& args) {
  if (auto e = RequireAccounts(ctx, 4)) return e;
  TxAccount& payer = ctx.account(0);
  TxAccount& instance = ctx.account(1);
  TxAccount& account = ctx.account(2);
  if (auto e = CheckSigner(ctx, payer, "payer")) return e;
  if (auto e = CheckSystemProgram(ctx, ctx.account(3), "system_program")) return e;
  // Anchor `init` first: derive the PDA from the argument, create it through the payer.
  if (args.run_id.size() > psyche::kMaxRunIdBytes) {
    return Abort(ctx, "run_id longer than a PDA seed");
  }
  auto pda = psyche::CoordinatorInstanceAddress(args.run_id, ctx.program_id());
  if (!pda.ok()) return Abort(ctx, pda.status().message());
  if (auto e = CheckMut(ctx, payer, "payer")) return e;
  if (auto e = CheckMut(ctx, instance, "coordinator_instance")) return e;
  if (pda->address != instance.key) {
    return FailAnchor(ctx, AnchorError::kConstraintSeeds, "coordinator_instance");
  }
  if (auto e = CpiCreateAccount(ctx, payer, instance, psyche::kCoordinatorInstanceSize,
                                "coordinator_instance")) {
    return e;
  }
  // #[account(zero)] on the pre-created coordinator account.
  if (auto e = CheckMut(ctx, account, "coordinator_account")) return e;
  if (account.account.owner != ctx.program_id()) {
    return FailAnchor(ctx, AnchorError::kConstraintOwner, "coordinator_account");
  }
  Bytes& data = account.account.data;
  if (data.size() >= 8 && !std::all_of(data.begin(), data.begin() + 8,
                                       [](uint8_t b) { return b == 0; })) {
    return FailAnchor(ctx, AnchorError::kAccountDiscriminatorAlreadySet, "coordinator_account");
  }
  if (args.run_id.size() > psyche::kRunIdCapacity) {
    return FailProgram(ctx, err::kRunIdInvalidLength);
  }
  CoordinatorInstance fields;
  fields.bump = pda->bump;
  fields.main_authority = args.main_authority;
  fields.join_authority = args.join_authority;
  fields.coordinator_account = account.key;
  fields.run_id = args.run_id;
  instance.account.data = psyche::EncodeCoordinatorInstance(fields);
  if (data.size() != psyche::kCoordinatorAccountSize) {
    return FailProgram(ctx, err::kCoordinatorAccountIncorrectSize);
  }
  const auto& disc = psyche::CoordinatorAccountDiscriminator();
  std::copy(disc.begin(), disc.end(), data.begin());
  std::fill_n(data.begin() + kVersion.offset, kVersion.size, 0);
  data[kVersion.offset] = 1;
  // Strings are truncated to their fixed capacities; the rest stays zero.
  std::copy_n(args.run_id.begin(), std::min(args.run_id.size(), kRunId.size),
              data.begin() + kRunId.offset);
  std::copy_n(args.client_version.begin(),
              std::min(args.client_version.size(), kClientVersion.size),
              data.begin() + kClientVersion.offset);
  std::fill_n(data.begin() + kNonce.offset, kNonce.size, 0);
  return Success();
}

// ---- update (5.5) ----

InstructionResult Update(InvokeContext& ctx, const psyche::UpdateArgs& args) {
  RunAccounts run;
  CoordinatorState s;
  if (auto e = LoadOwnerRun(ctx, &run, &s)) return e;
  BumpNonce(ctx, s);
  if (s.run_state == RunState::kFinished) return FailProgram(ctx, err::kUpdateConfigFinished);
  if (!psyche::IsHalted(s.run_state) && (args.config || args.model || args.progress)) {
    return FailProgram(ctx, err::kUpdateConfigNotHalted);
  }
  if (args.metadata) s.metadata = *args.metadata;
  if (args.config) {
    if (!CoordinatorConfigIsValid(*args.config)) {
      return FailProgram(ctx, err::kConfigSanityCheckFailed);
    }
    s.config = *args.config;
  }
  if (args.model) {
    if (!ModelIsValid(*args.model)) return FailProgram(ctx, err::kModelSanityCheckFailed);
    s.model = *args.model;
  }
  if (args.config || args.model) {
    switch (CheckColdStart(s.config, s.model)) {
      case ColdStartCheck::kOk:
        break;
      case ColdStartCheck::kFailed:
        return FailProgram(ctx, err::kConfigSanityCheckFailed);
      case ColdStartCheck::kDivisionByZero:
        return Abort(ctx, "attempt to divide by zero");
    }
  }
  if (args.progress) {
    if (args.progress->step == 0) return FailProgram(ctx, err::kModelSanityCheckFailed);  // sic
    s.progress = *args.progress;
  }
  std::vector<Region> changed;
  if (args.metadata) changed.push_back(kMetadata);
  if (args.model) changed.push_back(kModel);
  if (args.config) changed.push_back(kConfig);
  if (args.progress) changed.push_back(kProgress);
  return WriteRegions(ctx, *run.coordinator_account, s, {kNonce}, changed);
}

// ---- set_paused (5.6) ----

InstructionResult Pause(InvokeContext& ctx, RunAccounts& run, CoordinatorState& s) {
  if (psyche::IsHalted(s.run_state)) return FailProgram(ctx, err::kHalted);
  if (s.run_state == RunState::kWaitingForMembers || s.run_state == RunState::kWarmup) {
    std::vector<Region> changed;
    for (size_t k = 0; k < s.epoch_state.clients.size(); ++k) {
      auto& c = s.epoch_state.clients[k];
      if (c.state != psyche::ClientState::kHealthy) continue;
      c.state = psyche::ClientState::kWithdrawn;
      changed.push_back(EpochClientState(k));
    }
    s.run_state = RunState::kPaused;
    s.run_state_start_unix_timestamp = static_cast<uint64_t>(ctx.env().unix_timestamp);
    s.epoch_state.cold_start_epoch = true;
    return WriteRegions(ctx, *run.coordinator_account, s,
                        {kRunState, kRunStateStart, kColdStartEpoch, kNonce}, changed);
  }
  // Active round: deferred until the end of the epoch (a later tick completes it).
  s.pending_pause = true;
  return WriteRegions(ctx, *run.coordinator_account, s, {kPendingPause, kNonce});
}

InstructionResult Resume(InvokeContext& ctx, RunAccounts& run, CoordinatorState& s) {
  if (!CoordinatorConfigIsValid(s.config)) return FailProgram(ctx, err::kConfigSanityCheckFailed);
  if (!ModelIsValid(s.model)) return FailProgram(ctx, err::kModelSanityCheckFailed);
  switch (CheckColdStart(s.config, s.model)) {
    case ColdStartCheck::kOk:
      break;
    case ColdStartCheck::kFailed:
      return FailProgram(ctx, err::kConfigSanityCheckFailed);
    case ColdStartCheck::kDivisionByZero:
      return Abort(ctx, "attempt to divide by zero");
  }
  std::vector<Region> changed;
  if (s.run_state == RunState::kUninitialized) {
    s.run_state = RunState::kPaused;
    s.progress.step = 1;
    changed.push_back({kProgress.offset + 4, 4});  // progress.step only
  }
  if (s.progress.step == 0) return FailProgram(ctx, err::kProgressSanityCheckFailed);
  if (s.run_state != RunState::kPaused) return FailProgram(ctx, err::kCannotResume);
  s.run_state = s.progress.step < s.config.total_steps ? RunState::kWaitingForMembers
                                                       : RunState::kFinished;
  s.run_state_start_unix_timestamp = static_cast<uint64_t>(ctx.env().unix_timestamp);
  ++s.clients_state.next_active;
  // The resume ends with one tick; a tick on a halted (Finished) run fails the transaction.
  if (s.run_state == RunState::kFinished) return FailProgram(ctx, err::kHalted);
  return WriteRegions(ctx, *run.coordinator_account, s,
                      {kRunState, kRunStateStart, kNextActive, kNonce}, changed);
}

InstructionResult SetPaused(InvokeContext& ctx, const psyche::SetPausedArgs& args) {
  RunAccounts run;
  CoordinatorState s;
  if (auto e = LoadOwnerRun(ctx, &run, &s)) return e;
  BumpNonce(ctx, s);
  return args.paused ? Pause(ctx, run, s) : Resume(ctx, run, s);
}

// ---- set_future_epoch_rates (5.8), update_client_version (5.7) ----

InstructionResult SetFutureEpochRates(InvokeContext& ctx,
                                      const psyche::SetFutureEpochRatesArgs& args) {
  RunAccounts run;
  CoordinatorState s;
  if (auto e = LoadOwnerRun(ctx, &run, &s)) return e;
  BumpNonce(ctx, s);
  auto& rates = s.clients_state.future_epoch_rates;
  if (args.epoch_earning_rate_total_shared) {
    rates.earning_rate_total_shared = *args.epoch_earning_rate_total_shared;
  }
  if (args.epoch_slashing_rate_per_client) {
    rates.slashing_rate_per_client = *args.epoch_slashing_rate_per_client;
  }
  return WriteRegions(ctx, *run.coordinator_account, s, {kFutureRates, kNonce});
}

InstructionResult UpdateClientVersion(InvokeContext& ctx,
                                      const psyche::UpdateClientVersionArgs& args) {
  RunAccounts run;
  CoordinatorState s;
  if (auto e = LoadOwnerRun(ctx, &run, &s)) return e;
  if (!psyche::IsHalted(s.run_state)) return FailProgram(ctx, err::kUpdateConfigNotHalted);
  if (args.new_version.size() > psyche::kClientVersionCapacity) {
    return Abort(ctx, "client version longer than 96 bytes");
  }
  s.client_version = args.new_version;
  return WriteRegions(ctx, *run.coordinator_account, s, {kClientVersion});
}

// ---- free_coordinator (5.9) ----

InstructionResult FreeCoordinator(InvokeContext& ctx) {
  if (auto e = RequireAccounts(ctx, 4)) return e;
  TxAccount& authority = ctx.account(0);
  TxAccount& spill = ctx.account(1);
  if (auto e = CheckSigner(ctx, authority, "authority")) return e;
  if (auto e = CheckSystemOwned(ctx, spill, "spill")) return e;
  RunAccounts run;
  if (auto e = LoadInstance(ctx, 2, &run)) return e;
  TxAccount& account = ctx.account(3);
  if (auto e = CheckProgramAccount(ctx, account, psyche::CoordinatorAccountDiscriminator(),
                                   "coordinator_account")) {
    return e;
  }
  if (auto e = CheckMut(ctx, spill, "spill")) return e;
  if (auto e = CheckMut(ctx, *run.instance_account, "coordinator_instance")) return e;
  if (auto e = CheckInstanceSeeds(ctx, run)) return e;
  if (authority.key != run.instance.main_authority) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "coordinator_instance");
  }
  if (auto e = CheckMut(ctx, account, "coordinator_account")) return e;
  if (account.key != run.instance.coordinator_account) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "coordinator_account");
  }
  // The version is not checked here; the run state byte has the same offset in v0 and v1.
  const Bytes& data = account.account.data;
  if (data.size() <= kRunState.offset) return Abort(ctx, "coordinator account too short");
  if (!psyche::IsHalted(static_cast<RunState>(data[kRunState.offset]))) {
    return FailProgram(ctx, err::kCloseCoordinatorNotHalted);
  }
  CloseAccount(*run.instance_account, spill);
  CloseAccount(account, spill);
  return Success();
}

// ---- join_run (authorization check and registration) ----

InstructionResult JoinRun(InvokeContext& ctx, const psyche::JoinRunArgs& args) {
  if (auto e = RequireAccounts(ctx, 4)) return e;
  TxAccount& user = ctx.account(0);
  TxAccount& authorization = ctx.account(1);
  if (auto e = CheckSigner(ctx, user, "user")) return e;
  const Pubkey& authorizer = psyche::program_ids::Authorizer();
  if (authorization.account.owner == solana::program_ids::System() &&
      authorization.account.lamports == 0) {
    return FailAnchor(ctx, AnchorError::kAccountNotInitialized, "authorization");
  }
  if (authorization.account.owner != authorizer) {
    return FailAnchor(ctx, AnchorError::kAccountOwnedByWrongProgram, "authorization");
  }
  auto auth = psyche::DecodeAuthorization(authorization.account.owner,
                                          authorization.account.data, authorizer);
  if (!auth.ok()) return FailAnchor(ctx, AnchorError::kAccountDidNotDeserialize, "authorization");
  RunAccounts run;
  CoordinatorState s;
  if (auto e = LoadRun(ctx, 2, nullptr, &run, &s)) return e;
  if (!auth->IsValidFor(run.instance.join_authority, user.key, psyche::JoinRunScope())) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "authorization");
  }
  BumpNonce(ctx, s);
  if (args.client_id.signer != user.key) return FailProgram(ctx, err::kSignerMismatch);
  auto& clients = s.clients_state.clients;
  auto it = std::find_if(clients.begin(), clients.end(), [&](const psyche::RegisteredClient& c) {
    return c.id.signer == user.key;
  });
  size_t index = static_cast<size_t>(it - clients.begin());
  if (it == clients.end()) {
    if (clients.size() >= s.config.global_batch_size_end) {
      return FailProgram(ctx, err::kMoreClientsThanBatches);
    }
    if (clients.size() >= psyche::kMaxClients) return FailProgram(ctx, err::kClientsFull);
    clients.push_back({args.client_id, 0, 0, 0});
  }
  clients[index].id.p2p_identity = args.client_id.p2p_identity;
  clients[index].active = s.clients_state.next_active;
  return WriteRegions(ctx, *run.coordinator_account, s, {kRegisteredClientsLen, kNonce},
                      {RegisteredClient(index)});
}

// ---- tick: only the parts an administrator observes without clients ----

// A pending pause completes at the end of the epoch (5.6, 5.10). Rounds are
// not emulated: the first tick of an active run with a pause pending ends the
// epoch at once (epoch +1, checkpoint to its P2P form, participants withdrawn,
// Paused, cold start next epoch).
InstructionResult CompletePendingPause(InvokeContext& ctx, RunAccounts& run, CoordinatorState& s) {
  std::vector<Region> changed = {{kProgress.offset, 2}};  // progress.epoch (u16)
  ++s.progress.epoch;
  if (auto* llm = std::get_if<psyche::LLM>(&s.model)) {
    psyche::Checkpoint& cp = llm->checkpoint;
    if (auto* hub = std::get_if<psyche::CheckpointHub>(&cp)) {
      cp = psyche::CheckpointP2P{hub->repo};
      changed.push_back(kModel);
    } else if (auto* dummy = std::get_if<psyche::CheckpointDummy>(&cp)) {
      cp = psyche::CheckpointP2P{dummy->repo};
      changed.push_back(kModel);
    } else if (auto* gcs = std::get_if<psyche::CheckpointGcs>(&cp)) {
      cp = psyche::CheckpointP2PGcs{gcs->repo};
      changed.push_back(kModel);
    }
  }
  for (size_t k = 0; k < s.epoch_state.clients.size(); ++k) {
    auto& c = s.epoch_state.clients[k];
    if (c.state != psyche::ClientState::kHealthy) continue;
    c.state = psyche::ClientState::kWithdrawn;
    changed.push_back(EpochClientState(k));
  }
  s.run_state = RunState::kPaused;
  s.run_state_start_unix_timestamp = static_cast<uint64_t>(ctx.env().unix_timestamp);
  s.pending_pause = false;
  s.epoch_state.cold_start_epoch = true;
  return WriteRegions(ctx, *run.coordinator_account, s,
                      {kRunState, kRunStateStart, kPendingPause, kColdStartEpoch, kNonce},
                      changed);
}

InstructionResult Tick(InvokeContext& ctx) {
  if (auto e = RequireAccounts(ctx, 3)) return e;
  if (auto e = CheckSigner(ctx, ctx.account(0), "user")) return e;
  RunAccounts run;
  CoordinatorState s;
  if (auto e = LoadRun(ctx, 1, nullptr, &run, &s)) return e;
  BumpNonce(ctx, s);
  if (psyche::IsHalted(s.run_state)) return FailProgram(ctx, err::kHalted);
  const bool active = s.run_state == RunState::kRoundTrain ||
                      s.run_state == RunState::kRoundWitness || s.run_state == RunState::kCooldown;
  if (!s.pending_pause || !active) return WriteRegions(ctx, *run.coordinator_account, s, {kNonce});
  return CompletePendingPause(ctx, run, s);
}

}  // namespace

InstructionResult CoordinatorProgram::Process(InvokeContext& ctx) const {
  auto which = MatchDiscriminator(ctx.data(), Discriminators());
  if (!which) return FailAnchor(ctx, AnchorError::kInstructionFallbackNotFound);
  LogInstruction(ctx, kInstructions[*which].camel);
  auto args = psyche::DecodeCoordinatorInstructionData(ctx.data());
  if (!args.ok()) {
    if (absl::IsNotFound(args.status())) {
      // Client-side instructions (witness, health checks, checkpoint) are not emulated.
      ctx.Log("instruction not emulated by the local ledger");
      return InstructionError{InstructionErrorKind::kInvalidInstructionData, 0};
    }
    return FailAnchor(ctx, AnchorError::kInstructionDidNotDeserialize);
  }
  return std::visit(
      [&](const auto& a) -> InstructionResult {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, psyche::InitCoordinatorArgs>) {
          return InitCoordinator(ctx, a);
        } else if constexpr (std::is_same_v<T, psyche::UpdateArgs>) {
          return Update(ctx, a);
        } else if constexpr (std::is_same_v<T, psyche::UpdateClientVersionArgs>) {
          return UpdateClientVersion(ctx, a);
        } else if constexpr (std::is_same_v<T, psyche::SetFutureEpochRatesArgs>) {
          return SetFutureEpochRates(ctx, a);
        } else if constexpr (std::is_same_v<T, psyche::SetPausedArgs>) {
          return SetPaused(ctx, a);
        } else if constexpr (std::is_same_v<T, psyche::FreeCoordinatorArgs>) {
          return FreeCoordinator(ctx);
        } else if constexpr (std::is_same_v<T, psyche::JoinRunArgs>) {
          return JoinRun(ctx, a);
        } else if constexpr (std::is_same_v<T, psyche::TickArgs>) {
          return Tick(ctx);
        } else {
          ctx.Log("instruction not emulated by the local ledger");
          return InstructionError{InstructionErrorKind::kInvalidInstructionData, 0};
        }
      },
      *args);
}

}  // namespace localnet
