// apply end to end on an in-process localnet, the way the CLI runs it:
// packed transactions (the plan's count is what is sent), the phases of a
// deferred pause, the coordinator key kept across an interrupted apply, and
// --target.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "localnet/local_validator.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/coordinator_instructions.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/transaction.h"
#include "reconciler/apply_engine.h"
#include "reconciler/apply_new_accounts.h"
#include "reconciler/journal.h"
#include "reconciler/key_ref.h"
#include "reconciler/localnet_transport_test_util.h"
#include "reconciler/make_plan.h"
#include "reconciler/manifest.h"
#include "reconciler/new_account_keys.h"
#include "reconciler/plan_steps.h"

namespace reconciler {
namespace {

namespace fs = std::filesystem;
using solana::Pubkey;

struct ApplyRun {
  PlanBuild build;
  ApplySummary summary;
  std::vector<ApplyStep> steps;
};

class ApplyPhasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::ManualLocalnet net = testing::StartManualLocalnet("http://local");  // ticks drive the clock
    validator_ = std::move(net.validator);
    transport_ = std::move(net.transport);
    rpc_ = std::move(net.rpc);

    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = absl::StrCat(::testing::TempDir(), "/apply_phases_", info->name(), "_", getpid());
    fs::remove_all(dir_);
    fs::copy(std::string(PSYCHE_SOURCE_DIR) + "/examples/private-run", dir_,
             fs::copy_options::recursive);
    for (const auto& e : fs::directory_iterator(dir_ + "/keys")) {
      fs::permissions(e.path(), fs::perms::owner_read | fs::perms::owner_write);
    }
    state_dir_ = dir_ + "/.state";
    Edit("run.yaml", "paused: true", "paused: false");
  }

  void TearDown() override { fs::remove_all(dir_); }

  void Edit(const std::string& file, const std::string& from, const std::string& to) {
    const std::string path = dir_ + "/" + file;
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_NE(text.find(from), std::string::npos) << file << ": " << from;
    std::ofstream(path) << absl::StrReplaceAll(text, {{from, to}});
  }

  void SetJoiners(int n) {
    std::string yaml =
        "apiVersion: psyche-reconcile/v1\nkind: Authorization\nmetadata:\n  name: joiners\n"
        "spec:\n  grantor:\n    keypair: file:keys/join-authority.json\n"
        "    pubkey: 3dLripuKWTfuGkFoytNWwL4RMsBBiW5p5kQxfyvqr8tk\n  grantees:\n";
    for (int i = 0; i < n; ++i) {
      std::array<uint8_t, 32> b{};
      b[0] = 0x41;
      b[30] = static_cast<uint8_t>(i >> 8);
      b[31] = static_cast<uint8_t>(i);
      absl::StrAppend(&yaml, "    - ", Pubkey(b).ToBase58(), "\n");
    }
    std::ofstream(dir_ + "/authorization.yaml") << yaml;
  }

  localnet::Ledger& ledger() { return validator_->ledger(); }

  absl::StatusOr<PlanBuild> MakeBuild(std::vector<std::string> targets = {}) {
    MakePlanOptions options;
    options.transport =
        [this](const std::string&) -> absl::StatusOr<std::shared_ptr<solana::HttpTransport>> {
      return std::shared_ptr<solana::HttpTransport>(transport_);
    };
    options.planner.targets = std::move(targets);
    ASSIGN_OR_RETURN(MakePlanResult r, MakePlan({dir_}, options));
    return std::move(r.build);
  }

  // What `psyche-reconcile apply --auto-approve` does after showing the plan.
  absl::StatusOr<ApplyRun> Apply(std::vector<std::string> targets = {}) {
    ApplyRun run;
    ApplyOptions apply = apply_options_;
    apply.state_dir = state_dir_;
    apply.sender.now = [this] { return now_; };
    apply.sender.sleep = [this](absl::Duration d) {
      now_ += d;
      ASSERT_TRUE(ledger().Tick(1).ok());
    };
    // As the CLI does: what an interrupted apply left in flight is settled
    // before planning, so the plan sees it.
    RETURN_IF_ERROR(ResolveInterruptedApplies(*rpc_, apply).status());
    ASSIGN_OR_RETURN(run.build, MakeBuild(std::move(targets)));
    const LoadedManifests m = LoadManifests({dir_});
    std::map<Pubkey, solana::Keypair> keypairs;
    std::vector<const KeyRef*> refs = {&m.state.clusters[0].payer, &m.state.runs[0].authority,
                                       &m.state.authorizations[0].grantor};
    for (const KeyRef* ref : refs) {
      ASSIGN_OR_RETURN(solana::Keypair kp, LoadKeypair(*ref));
      const Pubkey pub = kp.pubkey();
      keypairs.insert_or_assign(pub, std::move(kp));
    }
    ASSIGN_OR_RETURN(payer_, ResolvePubkey(m.state.clusters[0].payer));
    FundPayer();
    ASSIGN_OR_RETURN(NewAccountKeys fresh, LoadNewAccountKeys(run.build, state_dir_));
    ASSIGN_OR_RETURN(run.steps, PlanSteps(run.build, fresh.replacements, step_options_));
    KeyProvider keys;
    for (const auto& [pub, kp] : keypairs) keys[pub] = &kp;
    for (const auto& [pub, kp] : fresh.keypairs) keys[pub] = &kp;
    apply.apply_id = ApplyIdFor(run.build);
    apply.observed_slot = PlanObservedSlot(run.build);
    apply.payer = payer_;
    ASSIGN_OR_RETURN(run.summary, RunApply(*rpc_, keys, run.steps, apply));
    ForgetLandedNewAccountKeys(state_dir_, fresh, run.steps, run.summary);
    ForgetNewAccountKeysOfExistingRuns(state_dir_, run.build.plan, m.state);
    return run;
  }

  void FundPayer() {
    localnet::Account a;
    a.lamports = 1'000'000'000'000;
    a.owner = solana::program_ids::System();
    ASSERT_TRUE(ledger().SetAccount(payer_, a).ok());
  }

  Pubkey Instance() {
    return psyche::CoordinatorInstanceAddress("private-demo", psyche::program_ids::Coordinator())
        ->address;
  }
  Pubkey CoordinatorAccount() {
    auto a = ledger().GetAccounts({Instance()})[0];
    EXPECT_TRUE(a.has_value());
    return a ? psyche::DecodeCoordinatorInstance(a->data)->coordinator_account : Pubkey();
  }
  psyche::CoordinatorState Coordinator() {
    auto a = ledger().GetAccounts({CoordinatorAccount()})[0];
    EXPECT_TRUE(a.has_value());
    auto s = psyche::DecodeCoordinatorAccount(a->data);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *s : psyche::CoordinatorState{};
  }
  void SetRunState(psyche::RunState s) {
    const Pubkey key = CoordinatorAccount();
    localnet::Account a = *ledger().GetAccounts({key})[0];
    a.data[408] = static_cast<uint8_t>(s);
    ASSERT_TRUE(ledger().SetAccount(key, a).ok());
  }
  // A training client: the permissionless tick (coordinator.md 4.4).
  void ClientTick() {
    solana::Keypair client = solana::Keypair::Generate();
    localnet::Account a;
    a.lamports = 1'000'000'000;
    a.owner = solana::program_ids::System();
    ASSERT_TRUE(ledger().SetAccount(client.pubkey(), a).ok());
    const solana::Instruction tick = psyche::TickInstruction(
        psyche::program_ids::Coordinator(), client.pubkey(), Instance(), CoordinatorAccount());
    const solana::Keypair* signers[] = {&client};
    auto tx =
        solana::CompileAndSign(client.pubkey(), {tick},
                               ledger().Block(localnet::Commitment::kConfirmed).blockhash, signers);
    ASSERT_TRUE(tx.ok()) << tx.status();
    auto out = ledger().Submit(tx->Serialize(), {});
    ASSERT_TRUE(out.ok()) << out.status();
    ASSERT_FALSE(out->err.has_value());
    ++ticks_;
  }
  size_t CoordinatorAccountsOnChain() {
    return ledger()
        .ProgramAccounts(psyche::program_ids::Coordinator(),
                         [](const localnet::Account& a) {
                           return a.data.size() == psyche::kCoordinatorAccountSize;
                         })
        .size();
  }

  std::unique_ptr<localnet::LocalValidator> validator_;
  std::shared_ptr<testing::LocalValidatorTransport> transport_;
  std::unique_ptr<solana::RpcClient> rpc_;
  std::string dir_, state_dir_;
  Pubkey payer_;
  PlanStepsOptions step_options_;
  ApplyOptions apply_options_;
  absl::Time now_ = absl::FromUnixSeconds(1'700'000'000);
  int ticks_ = 0;
};

TEST_F(ApplyPhasesTest, HundredJoinersSendExactlyThePlannedTransactions) {
  SetJoiners(100);
  auto run = Apply();
  ASSERT_TRUE(run.ok()) << run.status();
  const reconciler::Plan& plan = run->build.plan;
  const size_t n = plan.transactions.size();
  EXPECT_GE(plan.operations.size(), 103u);  // 100 authorizations + create, update, resume
  EXPECT_LT(n, plan.operations.size() / 2);
  EXPECT_TRUE(run->summary.ok()) << FormatSummary(run->summary);
  EXPECT_EQ(run->summary.applied, static_cast<int>(n));
  EXPECT_EQ(transport_->send_posts(), static_cast<int>(n));
  EXPECT_EQ(run->summary.fees_lamports, plan.TotalFeeLamports());
  // The journal holds one confirmed signature per planned transaction.
  auto genesis = rpc_->GetGenesisHash();
  ASSERT_TRUE(genesis.ok());
  auto journal =
      Journal::Open(absl::StrCat(state_dir_, "/", genesis->ToBase58()), ApplyIdFor(run->build));
  ASSERT_TRUE(journal.ok()) << journal.status();
  for (const ApplyStep& step : run->steps) {
    int confirmed = 0;
    for (const JournaledTransaction& t : (*journal)->StepTransactions(step.id)) {
      confirmed += t.state == TxState::kConfirmed;
    }
    EXPECT_EQ(confirmed, 1) << step.id;
  }
  auto again = MakeBuild();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->plan.operations.empty());
}

TEST_F(ApplyPhasesTest, ConfigChangeOnAWaitingRunIsOneAtomicTransaction) {
  ASSERT_TRUE(Apply().ok());
  ASSERT_EQ(Coordinator().run_state, psyche::RunState::kWaitingForMembers);
  Edit("config.toml", "cooldown_time = 30", "cooldown_time = 31");
  const int sent = transport_->send_posts();
  auto run = Apply();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_TRUE(run->summary.ok()) << FormatSummary(run->summary);
  EXPECT_EQ(run->build.plan.transactions.size(), 1u);
  EXPECT_EQ(transport_->send_posts(), sent + 1);
  EXPECT_EQ(Coordinator().config.cooldown_time, 31u);
  EXPECT_EQ(Coordinator().run_state, psyche::RunState::kWaitingForMembers);  // resumed
}

TEST_F(ApplyPhasesTest, DeferredPauseWaitsForAClientTickThenUpdatesAndResumes) {
  ASSERT_TRUE(Apply().ok());
  SetRunState(psyche::RunState::kRoundTrain);
  Edit("config.toml", "cooldown_time = 30", "cooldown_time = 31");
  auto plan = MakeBuild();
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->plan.transactions.size(), 2u);
  bool noted = false;
  for (const ResourceChange& c : plan->plan.changes) {
    for (const std::string& n : c.notes) noted |= n.find("deferred pause") != std::string::npos;
  }
  EXPECT_TRUE(noted);

  step_options_.pause_wait.now = [this] { return now_; };
  step_options_.pause_wait.sleep = [this](absl::Duration d) {
    now_ += d;
    if (Coordinator().pending_pause) ClientTick();
  };
  std::vector<std::string> waiting;
  apply_options_.progress = [&](const ProgressEvent& e) {
    if (e.phase == "waiting") waiting.push_back(e.message);
  };
  auto run = Apply();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_TRUE(run->summary.ok()) << FormatSummary(run->summary);
  EXPECT_EQ(run->summary.applied, 2);
  EXPECT_EQ(ticks_, 1);
  EXPECT_FALSE(waiting.empty());
  const psyche::CoordinatorState st = Coordinator();
  EXPECT_EQ(st.config.cooldown_time, 31u);
  EXPECT_EQ(st.run_state, psyche::RunState::kWaitingForMembers);
  EXPECT_FALSE(st.pending_pause);
  EXPECT_EQ(st.progress.epoch, 1u);
}

TEST_F(ApplyPhasesTest, TimeoutLeavesThePausePendingAndTheNextApplyResumesAtPhaseTwo) {
  ASSERT_TRUE(Apply().ok());
  SetRunState(psyche::RunState::kCooldown);
  Edit("config.toml", "cooldown_time = 30", "cooldown_time = 31");
  step_options_.pause_wait.timeout = absl::Seconds(30);
  step_options_.pause_wait.now = [this] { return now_; };
  step_options_.pause_wait.sleep = [this](absl::Duration d) { now_ += d; };  // nobody ticks
  auto run = Apply();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_FALSE(run->summary.ok());
  EXPECT_EQ(run->summary.applied, 1);  // phase 1 only
  EXPECT_EQ(run->summary.failed, 1);
  const std::string text = FormatSummary(run->summary);
  EXPECT_NE(text.find("LEFT WITH A PENDING PAUSE"), std::string::npos) << text;
  EXPECT_TRUE(Coordinator().pending_pause);
  EXPECT_EQ(Coordinator().config.cooldown_time, 30u);

  // Re-run: the chain shows the pause pending, so phase 1 is not sent again.
  auto plan = MakeBuild();
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->plan.operations.size(), 1u);
  EXPECT_EQ(plan->plan.operations[0].id, "run.private-demo:update");
  step_options_.pause_wait.sleep = [this](absl::Duration d) {
    now_ += d;
    if (Coordinator().pending_pause) ClientTick();
  };
  const int sent = transport_->send_posts();
  auto again = Apply();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->summary.ok()) << FormatSummary(again->summary);
  EXPECT_EQ(transport_->send_posts(), sent + 1);
  EXPECT_EQ(Coordinator().config.cooldown_time, 31u);
  EXPECT_EQ(Coordinator().run_state, psyche::RunState::kWaitingForMembers);
}

TEST_F(ApplyPhasesTest, ManifestPausedTrueIsRespectedAfterTheDeferredPause) {
  ASSERT_TRUE(Apply().ok());
  SetRunState(psyche::RunState::kRoundWitness);
  Edit("config.toml", "cooldown_time = 30", "cooldown_time = 31");
  Edit("run.yaml", "paused: false", "paused: true");
  step_options_.pause_wait.now = [this] { return now_; };
  step_options_.pause_wait.sleep = [this](absl::Duration d) {
    now_ += d;
    if (Coordinator().pending_pause) ClientTick();
  };
  auto run = Apply();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_TRUE(run->summary.ok()) << FormatSummary(run->summary);
  EXPECT_EQ(Coordinator().run_state, psyche::RunState::kPaused);
  EXPECT_EQ(Coordinator().config.cooldown_time, 31u);
}

TEST_F(ApplyPhasesTest, InterruptedCreateKeepsTheSameCoordinatorAccount) {
  int signed_count = 0;
  apply_options_.sender.crash_hook = [&](CrashPoint p) -> absl::Status {
    if (p == CrashPoint::kAfterSend && ++signed_count == 1) {
      return absl::AbortedError("crash after sending the create transaction");
    }
    return absl::OkStatus();
  };
  auto first = Apply({"run.private-demo"});  // create + update + resume: one transaction
  EXPECT_FALSE(first.ok());
  auto saved = LoadOrCreateNewAccountKey(state_dir_, "coordinator-private-demo");
  ASSERT_TRUE(saved.ok()) << saved.status();
  const Pubkey key = saved->pubkey();

  apply_options_.sender.crash_hook = nullptr;
  auto second = Apply({"run.private-demo"});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(second->summary.ok()) << FormatSummary(second->summary);
  EXPECT_EQ(CoordinatorAccount(), key);
  EXPECT_EQ(CoordinatorAccountsOnChain(), 1u);
  // The run exists: the saved key is gone.
  EXPECT_FALSE(fs::exists(NewAccountKeyPath(state_dir_, "coordinator-private-demo")));
}

TEST_F(ApplyPhasesTest, TargetAppliesOnlyThatResourceAndWhatItNeeds) {
  SetJoiners(3);
  auto plan = MakeBuild();
  ASSERT_TRUE(plan.ok()) << plan.status();
  std::string auth;
  for (const ResourceChange& c : plan->plan.changes) {
    if (c.kind == "authorization") auth = c.address;
  }
  ASSERT_FALSE(auth.empty());
  auto run = Apply({auth});
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_TRUE(run->summary.ok()) << FormatSummary(run->summary);
  EXPECT_EQ(run->build.plan.operations.size(), 1u);
  EXPECT_TRUE(ledger().GetAccounts({Instance()})[0] == std::nullopt);  // the run was not created
  auto rest = MakeBuild();
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(rest->plan.operations.size(), plan->plan.operations.size() - 1);
}

TEST_F(ApplyPhasesTest, SimulationFailureStopsWithTheProgramErrorNamedAndNothingSent) {
  ASSERT_TRUE(Apply().ok());
  SetRunState(psyche::RunState::kFinished);  // update is refused: UpdateConfigFinished (6000)
  Edit("config.toml", "cooldown_time = 30", "cooldown_time = 31");
  const int sent = transport_->send_posts();
  auto run = Apply();
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_FALSE(run->summary.ok());
  EXPECT_EQ(run->summary.failed, 1);
  const std::string& error = run->summary.steps[0].error;
  EXPECT_NE(error.find("simulation"), std::string::npos) << error;
  EXPECT_NE(error.find("UpdateConfigFinished (6000, 0x1770)"), std::string::npos) << error;
  EXPECT_EQ(transport_->send_posts(), sent);  // nothing of that step left the process
  EXPECT_EQ(Coordinator().config.cooldown_time, 30u);
}

}  // namespace
}  // namespace reconciler
