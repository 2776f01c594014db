#include "reconciler/planner.h"

#include "gtest/gtest.h"
#include "providers/psyche/coordinator_instruction_data.h"
#include "providers/psyche/treasurer.h"
#include "reconciler/planner_fixtures_for_test.h"

namespace reconciler {
namespace {

using testing::InSync;
using testing::Key;
using testing::OneRun;

absl::StatusOr<PlanBuild> PlanFor(const DesiredResources& d, const ObservedState& o,
                                  PlannerOptions options = {}) {
  auto diff = Diff(d, o);
  if (!diff.ok()) return diff.status();
  return BuildPlan(d, o, std::move(*diff), options);
}

std::vector<std::string> Ids(const Plan& p) {
  std::vector<std::string> out;
  for (const Operation& op : p.operations) out.push_back(op.id);
  return out;
}

std::string CoordinatorIxName(const solana::Instruction& ix) {
  auto args = psyche::DecodeCoordinatorInstructionData(ix.data);
  return args.ok() ? std::string(psyche::CoordinatorInstructionName(*args)) : "?";
}

TEST(PlannerTest, CreatesPlainRunAndAuthorizations) {
  DesiredResources d = OneRun(false, 2);
  ObservedState o;
  o.runs.resize(1);
  auto b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  const Plan& p = b->plan;
  EXPECT_TRUE(ValidatePlan(p).ok()) << ValidatePlan(p);
  const std::string a0 = d.authorizations[0].address, a1 = d.authorizations[1].address;
  EXPECT_EQ(Ids(p), (std::vector<std::string>{a0 + ":create", a1 + ":create", "run.my-run:create",
                                              "run.my-run:update", "run.my-run:resume"}));
  // authorization_create + grantor_update(active), merged in one operation.
  ASSERT_EQ(b->instructions[0].instructions.size(), 2u);
  EXPECT_EQ(b->instructions[0].instructions[1].data.back(), 1);  // active = true
  // System create_account + init_coordinator, with the placeholder account.
  const auto& create = b->instructions[2];
  ASSERT_EQ(create.instructions.size(), 2u);
  EXPECT_EQ(create.instructions[0].program_id, solana::program_ids::System());
  EXPECT_EQ(CoordinatorIxName(create.instructions[1]), "init_coordinator");
  ASSERT_EQ(create.placeholders.size(), 1u);
  EXPECT_EQ(create.placeholders[0], CoordinatorAccountPlaceholder("my-run"));
  EXPECT_EQ(CoordinatorIxName(b->instructions[3].instructions[0]), "update");
  EXPECT_EQ(p.operations[3].depends_on, std::vector<std::string>{"run.my-run:create"});
  EXPECT_EQ(CoordinatorIxName(b->instructions[4].instructions[0]), "set_paused");
  EXPECT_EQ(p.operations[4].depends_on,
            (std::vector<std::string>{"run.my-run:create", "run.my-run:update"}));
  // Every operation lands in exactly one transaction, in order.
  size_t seen = 0;
  uint64_t fees = 0;
  for (const TransactionPlan& t : p.transactions) {
    for (const std::string& id : t.operation_ids) EXPECT_EQ(id, p.operations[seen++].id);
    EXPECT_LE(t.size_bytes, 1232u);
    EXPECT_GE(t.fee_lamports, 5000u);
    fees += t.fee_lamports;
  }
  EXPECT_EQ(seen, p.operations.size());
  EXPECT_EQ(p.TotalFeeLamports(), fees);
  // The create transaction needs two signatures (payer + new account).
  EXPECT_EQ(p.operations[2].fee_lamports, 10'000u);
}

TEST(PlannerTest, PriorityFeeIsAdded) {
  DesiredResources d = OneRun(false, 1);
  ObservedState o;
  o.runs.resize(1);
  PlannerOptions options;
  options.compute_unit_price_micro_lamports = 1'000'000;  // 1 lamport per CU
  auto b = PlanFor(d, o, options);
  ASSERT_TRUE(b.ok()) << b.status();
  // authorization op alone: 1 signature (payer=?) + 2 non-builtin * 200k CU + 3k for the prefix.
  const Operation& op = b->plan.operations[0];
  EXPECT_EQ(op.fee_lamports, 5000u * op.signers.size() + 403'000u);
}

TEST(PlannerTest, NoChangesNoOperations) {
  for (bool treasurer : {false, true}) {
    DesiredResources d = OneRun(treasurer);
    auto b = PlanFor(d, InSync(d));
    ASSERT_TRUE(b.ok()) << b.status();
    EXPECT_TRUE(b->plan.operations.empty());
    EXPECT_TRUE(b->plan.transactions.empty());
    EXPECT_FALSE(b->plan.Summary().has_changes());
  }
}

TEST(PlannerTest, ConfigDriftOnLiveRunPausesFirstWhenAsked) {
  DesiredResources d = OneRun(false);
  d.runs[0].paused = true;
  ObservedState o = InSync(d);
  o.runs[0].coordinator->run_state = psyche::RunState::kRoundTrain;
  o.runs[0].coordinator->config.min_clients += 1;
  auto b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(Ids(b->plan), (std::vector<std::string>{"run.my-run:pause", "run.my-run:update"}));
  EXPECT_EQ(b->plan.operations[1].depends_on, std::vector<std::string>{"run.my-run:pause"});
  ASSERT_FALSE(b->plan.changes[0].notes.empty());
  EXPECT_NE(b->plan.changes[0].notes[0].find("RoundTrain"), std::string::npos);
}

bool PausedArg(const solana::Instruction& ix) { return ix.data.back() == 1; }

TEST(PlannerTest, ConfigDriftOnAnImmediateRunIsPauseUpdateResumeInOneTransaction) {
  for (auto state : {psyche::RunState::kWaitingForMembers, psyche::RunState::kWarmup}) {
    DesiredResources d = OneRun(false);
    ObservedState o = InSync(d);  // paused: false
    o.runs[0].coordinator->run_state = state;
    o.runs[0].coordinator->config.min_clients += 1;
    o.runs[0].coordinator->metadata.name = "old";
    auto b = PlanFor(d, o);
    ASSERT_TRUE(b.ok()) << b.status();
    ASSERT_EQ(Ids(b->plan), std::vector<std::string>{"run.my-run:update"});
    EXPECT_TRUE(b->plan.warnings.empty());
    const auto& ixs = b->instructions[0].instructions;
    ASSERT_EQ(ixs.size(), 3u);
    EXPECT_EQ(CoordinatorIxName(ixs[0]), "set_paused");
    EXPECT_TRUE(PausedArg(ixs[0]));
    EXPECT_EQ(CoordinatorIxName(ixs[1]), "update");
    EXPECT_EQ(CoordinatorIxName(ixs[2]), "set_paused");
    EXPECT_FALSE(PausedArg(ixs[2]));
    EXPECT_EQ(b->plan.transactions.size(), 1u);
    EXPECT_FALSE(b->instructions[0].wait_for_pause.has_value());
    EXPECT_NE(b->plan.operations[0].description.find("atomic"), std::string::npos);
    EXPECT_NE(b->plan.changes[0].notes.back().find("in one transaction"), std::string::npos);
  }
}

TEST(PlannerTest, ManifestPausedTrueOnAnImmediateRunIsNotResumed) {
  DesiredResources d = OneRun(false);
  d.runs[0].paused = true;
  ObservedState o = InSync(d);
  o.runs[0].coordinator->run_state = psyche::RunState::kWaitingForMembers;
  o.runs[0].coordinator->client_version = "old";
  auto b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(Ids(b->plan), std::vector<std::string>{"run.my-run:update"});
  const auto& ixs = b->instructions[0].instructions;
  ASSERT_EQ(ixs.size(), 2u);
  EXPECT_EQ(CoordinatorIxName(ixs[0]), "set_paused");
  EXPECT_EQ(CoordinatorIxName(ixs[1]), "update_client_version");
}

TEST(PlannerTest, TreasurerRunUpdateMergesOnlyWhatSpec37Allows) {
  DesiredResources d = OneRun(true);
  const DesiredRun& run = d.runs[0];
  ObservedState o = InSync(d);
  o.runs[0].coordinator->config.min_clients += 1;
  auto b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(Ids(b->plan), std::vector<std::string>{"run.my-run:update"});
  auto data = [&](const psyche::RunUpdateParams& p) { return *psyche::EncodeRunUpdateData(p); };
  psyche::RunUpdateParams pause, update_and_resume;
  pause.paused = true;
  update_and_resume.config = run.run_config->config;
  update_and_resume.model = run.run_config->model;
  update_and_resume.paused = false;
  // {paused:true} alone, then {config, model, paused:false} in one call.
  ASSERT_EQ(b->instructions[0].instructions.size(), 2u);
  EXPECT_EQ(b->instructions[0].instructions[0].data, data(pause));
  EXPECT_EQ(b->instructions[0].instructions[1].data, data(update_and_resume));

  // With a client version: {.., client_version} never carries paused:false.
  o.runs[0].coordinator->client_version = "old";
  b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  psyche::RunUpdateParams update = update_and_resume, resume;
  update.paused.reset();
  update.client_version = run.client_version;
  resume.paused = false;
  ASSERT_EQ(b->instructions[0].instructions.size(), 3u);
  EXPECT_EQ(b->instructions[0].instructions[0].data, data(pause));
  EXPECT_EQ(b->instructions[0].instructions[1].data, data(update));
  EXPECT_EQ(b->instructions[0].instructions[2].data, data(resume));
}

TEST(PlannerTest, ConfigDriftDuringARoundIsPlannedInTwoPhases) {
  DesiredResources d = OneRun(false);
  ObservedState o = InSync(d);
  o.runs[0].coordinator->run_state = psyche::RunState::kRoundTrain;
  o.runs[0].coordinator->config.min_clients += 1;
  auto b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(Ids(b->plan), (std::vector<std::string>{"run.my-run:pause", "run.my-run:update"}));
  EXPECT_NE(b->plan.operations[0].description.find("deferred pause"), std::string::npos);
  EXPECT_FALSE(b->instructions[0].wait_for_pause.has_value());
  ASSERT_TRUE(b->instructions[1].wait_for_pause.has_value());
  EXPECT_EQ(b->instructions[1].wait_for_pause->coordinator_account, Key(0x33));
  const auto& ixs = b->instructions[1].instructions;
  ASSERT_EQ(ixs.size(), 2u);
  EXPECT_EQ(CoordinatorIxName(ixs[0]), "update");
  EXPECT_FALSE(PausedArg(ixs[1]));
  // Phase 2 never shares a transaction with phase 1.
  ASSERT_EQ(b->plan.transactions.size(), 2u);
  bool noted = false;
  for (const std::string& n : b->plan.changes[0].notes) {
    noted |= n.find("deferred pause: run is RoundTrain") != std::string::npos;
  }
  EXPECT_TRUE(noted);

  // Interrupted after phase 1: the chain shows the pause pending; only phase 2 is left.
  o.runs[0].coordinator->pending_pause = true;
  b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(Ids(b->plan), std::vector<std::string>{"run.my-run:update"});
  EXPECT_TRUE(b->instructions[0].wait_for_pause.has_value());
  // Paused by then: an ordinary update + resume, no wait.
  o.runs[0].coordinator->pending_pause = false;
  o.runs[0].coordinator->run_state = psyche::RunState::kPaused;
  b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(Ids(b->plan), (std::vector<std::string>{"run.my-run:update", "run.my-run:resume"}));
  EXPECT_FALSE(b->instructions[0].wait_for_pause.has_value());
  EXPECT_EQ(b->plan.transactions.size(), 1u);
}

TEST(PlannerTest, TargetsKeepTheirOperationsAndWhatTheyDependOn) {
  DesiredResources d = OneRun(true, 3);
  ObservedState o;
  o.runs.resize(1);
  o.mints[d.runs[0].treasurer->collateral_mint].decimals = 6;
  PlannerOptions options;
  options.targets = {d.authorizations[1].address};
  auto b = PlanFor(d, o, options);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(Ids(b->plan), std::vector<std::string>{d.authorizations[1].address + ":create"});
  ASSERT_EQ(b->plan.changes.size(), 1u);
  EXPECT_EQ(b->plan.transactions.size(), 1u);

  options.targets = {"treasury.my-run"};
  b = PlanFor(d, o, options);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(Ids(b->plan),
            (std::vector<std::string>{"run.my-run:create", "treasury.my-run:top-up"}));
  EXPECT_EQ(b->plan.changes.size(), 2u);  // the treasury and the run it needs
  EXPECT_TRUE(ValidatePlan(b->plan).ok()) << ValidatePlan(b->plan);

  options.targets = {"run.nope"};
  b = PlanFor(d, o, options);
  EXPECT_EQ(b.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(b.status().message().find("run.nope"), absl::string_view::npos);
}

TEST(PlannerTest, HundredJoinersArePackedManyPerTransaction) {
  DesiredResources d = OneRun(false, 100);
  ObservedState o = InSync(d);
  o.authorizations.clear();
  auto b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(b->plan.operations.size(), 100u);
  EXPECT_LE(b->plan.transactions.size(), 34u);
  EXPECT_EQ(b->transactions.size(), b->plan.transactions.size());
  size_t ops = 0;
  for (const TransactionPlan& t : b->plan.transactions) ops += t.operation_ids.size();
  EXPECT_EQ(ops, 100u);
}

TEST(PlannerTest, ClientVersionAndMetadataShareOneUpdate) {
  DesiredResources d = OneRun(false);
  ObservedState o = InSync(d);
  o.runs[0].coordinator->run_state = psyche::RunState::kPaused;
  d.runs[0].paused = true;
  o.runs[0].coordinator->client_version = "old";
  o.runs[0].coordinator->metadata.name = "old";
  auto b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(Ids(b->plan), std::vector<std::string>{"run.my-run:update"});
  const auto& ixs = b->instructions[0].instructions;
  ASSERT_EQ(ixs.size(), 2u);
  EXPECT_EQ(CoordinatorIxName(ixs[0]), "update");
  EXPECT_EQ(CoordinatorIxName(ixs[1]), "update_client_version");
  EXPECT_EQ(b->plan.transactions.size(), 1u);
}

TEST(PlannerTest, TreasurerRunGoesThroughRunUpdateAndTopsUp) {
  DesiredResources d = OneRun(true);
  ObservedState o = InSync(d);
  o.runs[0].coordinator->clients_state.future_epoch_rates.earning_rate_total_shared = 0;
  o.runs[0].vault->amount = 500'000'000;
  auto b = PlanFor(d, o);
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_EQ(Ids(b->plan),
            (std::vector<std::string>{"run.my-run:epoch-rates", "treasury.my-run:top-up"}));
  const auto& rates = b->instructions[0].instructions;
  ASSERT_EQ(rates.size(), 1u);
  EXPECT_EQ(rates[0].program_id, d.programs.treasurer);
  const auto& top_up = b->instructions[1].instructions;
  ASSERT_EQ(top_up.size(), 2u);
  EXPECT_EQ(top_up[0].program_id, solana::program_ids::AssociatedToken());
  EXPECT_EQ(top_up[0].data, solana::Bytes{1});  // CreateIdempotent
  EXPECT_EQ(top_up[1].program_id, solana::program_ids::Token());
  EXPECT_EQ(top_up[1].data[0], 12);  // TransferChecked
  uint64_t amount = 0;
  for (int i = 0; i < 8; ++i) amount |= uint64_t{top_up[1].data[1 + i]} << (8 * i);
  EXPECT_EQ(amount, 500'500'000u);
  EXPECT_EQ(top_up[1].data[9], 6);  // decimals
}

TEST(PlannerTest, ReplaceIsWarnedNotPlanned) {
  DesiredResources d = OneRun(false);
  ObservedState o = InSync(d);
  o.runs[0].instance->main_authority = Key(6);
  auto b = PlanFor(d, o);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->plan.operations.empty());
  ASSERT_EQ(b->plan.warnings.size(), 1u);
  EXPECT_NE(b->plan.warnings[0].find("authority cannot change in place"), std::string::npos);
}

}  // namespace
}  // namespace reconciler
