#include "localnet/coordinator_exec.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "localnet/psyche_ledger_for_test.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/coordinator_instructions.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/psyche/spec_vectors_for_test.h"
#include "providers/solana/system_program.h"

namespace localnet {
namespace {

using psyche::CoordinatorState;
using psyche::RunState;
using testing::PsycheTestKeypair;

const Pubkey& CoordinatorId() { return psyche::program_ids::Coordinator(); }

// Config and model of coordinator.md 8.3 (solana-test__config.toml), both valid.
psyche::UpdateArgs SpecConfigAndModel() {
  std::string raw = absl::HexStringToBytes(psyche::spec_vectors::kUpdateDataSolanaTestConfigHex);
  auto args = psyche::DecodeCoordinatorInstructionData(
      ByteView(reinterpret_cast<const uint8_t*>(raw.data()), raw.size()));
  EXPECT_TRUE(args.ok()) << args.status();
  return std::get<psyche::UpdateArgs>(*args);
}

class CoordinatorExecTest : public testing::PsycheLedgerTest {
 protected:
  void SetUp() override {
    PsycheLedgerTest::SetUp();
    Fund(authority.pubkey(), 100'000'000'000);
    Fund(stranger.pubkey(), 1'000'000'000);
    auto pda = psyche::CoordinatorInstanceAddress(kRunId, CoordinatorId());
    ASSERT_TRUE(pda.ok());
    instance = pda->address;
    owner = {CoordinatorId(), authority.pubkey(), instance, account.pubkey()};
  }

  TxOutcome CreateRun(const std::string& run_id, const solana::Keypair& acct,
                      uint64_t space = psyche::kCoordinatorAccountSize,
                      const Pubkey& acct_owner = CoordinatorId()) {
    psyche::InitCoordinatorArgs args{authority.pubkey(), authority.pubkey(), run_id, "v1.2.3"};
    auto init = psyche::InitCoordinatorInstruction(CoordinatorId(), authority.pubkey(),
                                                   acct.pubkey(), args);
    EXPECT_TRUE(init.ok()) << init.status();
    auto create = solana::system_program::CreateAccount(
        authority.pubkey(), acct.pubkey(), RentExemptMinimum(space), space, acct_owner);
    return Send({create, *init}, {&authority, &acct});
  }
  void CreateDefaultRun() {
    TxOutcome o = CreateRun(kRunId, account);
    ASSERT_FALSE(o.err.has_value()) << Logs(o);
  }
  CoordinatorState State() {
    auto a = Get(account.pubkey());
    EXPECT_TRUE(a.has_value());
    if (!a) return {};
    auto s = psyche::DecodeCoordinatorAccount(a->data, a->owner, CoordinatorId());
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *s : CoordinatorState{};
  }
  // Writes one byte of the coordinator account directly (states only ticks can reach).
  void PokeByte(size_t offset, uint8_t value) {
    Account a = *Get(account.pubkey());
    a.data[offset] = value;
    ASSERT_TRUE(ledger->SetAccount(account.pubkey(), a).ok());
  }
  void PokeRunState(RunState s) { PokeByte(408, static_cast<uint8_t>(s)); }

  TxOutcome SendUpdate(const psyche::UpdateArgs& args, const solana::Keypair* signer = nullptr) {
    if (signer == nullptr) signer = &authority;
    psyche::CoordinatorOwnerAccounts acc = owner;
    acc.authority = signer->pubkey();
    auto ix = psyche::UpdateInstruction(acc, args);
    EXPECT_TRUE(ix.ok()) << ix.status();
    return Send({*ix}, {signer});
  }
  TxOutcome SetPaused(bool paused) {
    return Send({psyche::SetPausedInstruction(owner, paused)}, {&authority});
  }
  void Configure() {
    TxOutcome o = SendUpdate(SpecConfigAndModel());
    ASSERT_FALSE(o.err.has_value()) << Logs(o);
  }

  const std::string kRunId = "test";
  solana::Keypair authority = PsycheTestKeypair(1);
  solana::Keypair account = PsycheTestKeypair(33);
  solana::Keypair stranger = PsycheTestKeypair(65);
  Pubkey instance;
  psyche::CoordinatorOwnerAccounts owner;
};

TEST_F(CoordinatorExecTest, InitCreatesInstanceAndInitializesAccount) {
  uint64_t before = Balance(authority.pubkey());
  TxOutcome o = CreateRun(kRunId, account);
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: InitCoordinator"));
  // Instance address of coordinator.md 1.3 for run id "test".
  EXPECT_EQ(instance.ToBase58(), "9L4yCH7TsMn9JfoXYEupuQwtcNPTTtHcyNL6uqDfjwGB");
  auto inst = Get(instance);
  ASSERT_TRUE(inst.has_value());
  EXPECT_EQ(inst->lamports, 2'094'960u);
  EXPECT_EQ(inst->data.size(), 173u);
  EXPECT_EQ(Balance(authority.pubkey()), before - 2'094'960 - 830'244'480 - o.fee);
  auto decoded = psyche::DecodeCoordinatorInstance(inst->data, inst->owner, CoordinatorId());
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->bump, 255);
  EXPECT_EQ(decoded->main_authority, authority.pubkey());
  EXPECT_EQ(decoded->coordinator_account, account.pubkey());
  EXPECT_EQ(decoded->run_id, "test");
  CoordinatorState s = State();
  EXPECT_EQ(s.run_state, RunState::kUninitialized);
  EXPECT_EQ(s.run_id, "test");
  EXPECT_EQ(s.client_version, "v1.2.3");
  EXPECT_EQ(s.nonce, 0u);
  EXPECT_EQ(s.progress.step, 0u);
}

TEST_F(CoordinatorExecTest, InitOfExistingRunIdIsSystemAccountInUse) {
  CreateDefaultRun();
  solana::Keypair other = PsycheTestKeypair(97);
  TxOutcome o = CreateRun(kRunId, other);
  EXPECT_EQ(CustomError(o), 0u) << Logs(o);
}

TEST_F(CoordinatorExecTest, InitRejectsWrongSizeOwnerAndInitializedAccount) {
  solana::Keypair small = PsycheTestKeypair(97);
  TxOutcome o = CreateRun("small", small, psyche::kCoordinatorAccountSizeV0);
  EXPECT_EQ(CustomError(o), 6002u) << Logs(o);
  EXPECT_TRUE(HasLog(o, "Error Code: CoordinatorAccountIncorrectSize. Error Number: 6002."));

  solana::Keypair foreign = PsycheTestKeypair(129);
  o = CreateRun("foreign", foreign, psyche::kCoordinatorAccountSize, stranger.pubkey());
  EXPECT_EQ(CustomError(o), 2004u) << Logs(o);

  CreateDefaultRun();
  // The same (now initialized) account for a second run id.
  psyche::InitCoordinatorArgs args{authority.pubkey(), authority.pubkey(), "again", "v"};
  auto init =
      psyche::InitCoordinatorInstruction(CoordinatorId(), authority.pubkey(), account.pubkey(), args);
  ASSERT_TRUE(init.ok());
  o = Send({*init}, {&authority});
  EXPECT_EQ(CustomError(o), 3000u) << Logs(o);
}

TEST_F(CoordinatorExecTest, UpdateConfigAndModelChangesOnlyThoseBytes) {
  CreateDefaultRun();
  Account before = *Get(account.pubkey());
  TxOutcome o = SendUpdate(SpecConfigAndModel());
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: Update"));
  EXPECT_TRUE(HasLog(o, "Program log: Nonce: 1"));
  Account after = *Get(account.pubkey());
  for (size_t i = 0; i < after.data.size(); ++i) {
    bool in_model_or_config = i >= 416 && i < 1032;
    bool in_nonce = i >= 119152;
    if (!in_model_or_config && !in_nonce) {
      ASSERT_EQ(before.data[i], after.data[i]) << i;
    }
  }
  CoordinatorState s = State();
  psyche::UpdateArgs want = SpecConfigAndModel();
  EXPECT_EQ(s.config, *want.config);
  EXPECT_EQ(s.model, *want.model);
  EXPECT_EQ(s.nonce, 1u);
  EXPECT_EQ(s.run_state, RunState::kUninitialized);
}

TEST_F(CoordinatorExecTest, WrongAuthorityIsConstraintRaw) {
  CreateDefaultRun();
  TxOutcome o = SendUpdate(SpecConfigAndModel(), &stranger);
  EXPECT_EQ(CustomError(o), 2003u) << Logs(o);
  EXPECT_TRUE(HasLog(o, "Error Code: ConstraintRaw. Error Number: 2003."));
  EXPECT_EQ(State().nonce, 0u);
}

TEST_F(CoordinatorExecTest, InvalidConfigModelAndProgressAreRefused) {
  CreateDefaultRun();
  psyche::UpdateArgs args = SpecConfigAndModel();
  args.config->epoch_time = 0;
  EXPECT_EQ(CustomError(SendUpdate(args)), 6004u);
  args = SpecConfigAndModel();
  args.config->witness_nodes = 33;
  EXPECT_EQ(CustomError(SendUpdate(args)), 6004u);
  args = SpecConfigAndModel();
  std::get<psyche::LLM>(*args.model).optimizer = psyche::OptimizerDummy{};
  EXPECT_EQ(CustomError(SendUpdate(args)), 6005u);
  args = SpecConfigAndModel();
  std::get<psyche::LLM>(*args.model).checkpoint = psyche::CheckpointEphemeral{};
  EXPECT_EQ(CustomError(SendUpdate(args)), 6005u);
  args = SpecConfigAndModel();
  std::get<psyche::LLM>(*args.model).cold_start_warmup_steps = 1'000;  // > (epoch-warmup)/train
  EXPECT_EQ(CustomError(SendUpdate(args)), 6004u);
  psyche::UpdateArgs progress;
  progress.progress = psyche::CoordinatorProgress{0, 0, 0};
  EXPECT_EQ(CustomError(SendUpdate(progress)), 6005u);  // sic: the model error
  EXPECT_EQ(State().nonce, 0u);
}

TEST_F(CoordinatorExecTest, FirstUnpauseNeedsValidConfigThenResetsStep) {
  CreateDefaultRun();
  TxOutcome o = SetPaused(false);
  EXPECT_EQ(CustomError(o), 6004u) << Logs(o);  // config still all zero
  Configure();
  psyche::UpdateArgs progress;
  progress.progress = psyche::CoordinatorProgress{0, 500, 0};
  ASSERT_FALSE(SendUpdate(progress).err.has_value());
  EXPECT_EQ(State().progress.step, 500u);
  o = SetPaused(false);
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  CoordinatorState s = State();
  EXPECT_EQ(s.run_state, RunState::kWaitingForMembers);
  EXPECT_EQ(s.progress.step, 1u);  // the first unpause overwrites the step
  EXPECT_EQ(s.clients_state.next_active, 1u);
  EXPECT_GT(s.run_state_start_unix_timestamp, 0u);
  EXPECT_EQ(s.nonce, 3u);
}

TEST_F(CoordinatorExecTest, LiveRunAcceptsOnlyMetadataThenPausesImmediately) {
  CreateDefaultRun();
  Configure();
  ASSERT_FALSE(SetPaused(false).err.has_value());
  TxOutcome o = SendUpdate(SpecConfigAndModel());
  EXPECT_EQ(CustomError(o), 6001u) << Logs(o);
  psyche::UpdateArgs meta;
  meta.metadata = psyche::RunMetadata{"name", "description", 20'000'000, 32'000};
  o = SendUpdate(meta);
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_EQ(State().metadata, *meta.metadata);
  o = Send({psyche::UpdateClientVersionInstruction(owner, "v2").value()}, {&authority});
  EXPECT_EQ(CustomError(o), 6001u) << Logs(o);
  // Unpausing a live run cannot resume it.
  EXPECT_EQ(CustomError(SetPaused(false)), 6018u);

  o = SetPaused(true);  // WaitingForMembers: immediate
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  CoordinatorState s = State();
  EXPECT_EQ(s.run_state, RunState::kPaused);
  EXPECT_TRUE(s.epoch_state.cold_start_epoch);
  EXPECT_FALSE(s.pending_pause);
  EXPECT_EQ(CustomError(SetPaused(true)), 6015u);  // already halted
  // Halted again: config changes work, and a resume keeps the step now.
  ASSERT_FALSE(SendUpdate(SpecConfigAndModel()).err.has_value());
  ASSERT_FALSE(SetPaused(false).err.has_value());
  EXPECT_EQ(State().run_state, RunState::kWaitingForMembers);
  EXPECT_EQ(State().clients_state.next_active, 2u);
}

TEST_F(CoordinatorExecTest, PauseDuringRoundIsDeferredAndCannotBeCancelled) {
  CreateDefaultRun();
  Configure();
  ASSERT_FALSE(SetPaused(false).err.has_value());
  PokeRunState(RunState::kRoundTrain);
  TxOutcome o = SetPaused(true);
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  CoordinatorState s = State();
  EXPECT_EQ(s.run_state, RunState::kRoundTrain);
  EXPECT_TRUE(s.pending_pause);
  EXPECT_EQ(CustomError(SetPaused(false)), 6018u);
}

TEST_F(CoordinatorExecTest, TickCompletesAPendingPauseAndOtherwiseOnlyBumpsTheNonce) {
  CreateDefaultRun();
  Configure();
  ASSERT_FALSE(SetPaused(false).err.has_value());
  PokeRunState(RunState::kRoundTrain);
  const CoordinatorState before = State();
  const auto tick = psyche::TickInstruction(CoordinatorId(), stranger.pubkey(), instance,
                                            account.pubkey());
  TxOutcome o = Send({tick}, {&stranger});  // no pause pending: the run goes on
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_EQ(State().run_state, RunState::kRoundTrain);
  EXPECT_EQ(State().nonce, before.nonce + 1);

  ASSERT_FALSE(SetPaused(true).err.has_value());
  EXPECT_TRUE(State().pending_pause);
  o = Send({tick}, {&stranger});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  CoordinatorState s = State();
  EXPECT_EQ(s.run_state, RunState::kPaused);
  EXPECT_FALSE(s.pending_pause);
  EXPECT_TRUE(s.epoch_state.cold_start_epoch);
  EXPECT_EQ(s.progress.epoch, before.progress.epoch + 1);
  EXPECT_EQ(s.config, before.config);
  // Halted now: a config update works and the next tick is refused.
  EXPECT_FALSE(SendUpdate(SpecConfigAndModel()).err.has_value());
  EXPECT_EQ(CustomError(Send({tick}, {&stranger})), 6015u);
}

TEST_F(CoordinatorExecTest, StepAtTotalStepsCannotResume) {
  CreateDefaultRun();
  Configure();
  ASSERT_FALSE(SetPaused(false).err.has_value());
  ASSERT_FALSE(SetPaused(true).err.has_value());
  psyche::UpdateArgs progress;
  progress.progress = psyche::CoordinatorProgress{0, State().config.total_steps, 0};
  ASSERT_FALSE(SendUpdate(progress).err.has_value());
  TxOutcome o = SetPaused(false);
  EXPECT_EQ(CustomError(o), 6015u) << Logs(o);  // the resume's tick finds it Finished
  EXPECT_EQ(State().run_state, RunState::kPaused);
}

TEST_F(CoordinatorExecTest, FinishedRunRefusesAdministrationExceptThreeInstructions) {
  CreateDefaultRun();
  Configure();
  ASSERT_FALSE(SetPaused(false).err.has_value());  // step 1
  PokeRunState(RunState::kFinished);
  psyche::UpdateArgs meta;
  meta.metadata = psyche::RunMetadata{"n", "d", 1, 2};
  EXPECT_EQ(CustomError(SendUpdate(meta)), 6000u);
  EXPECT_EQ(CustomError(SetPaused(false)), 6018u);
  EXPECT_EQ(CustomError(SetPaused(true)), 6015u);

  uint64_t nonce = State().nonce;
  TxOutcome o = Send({psyche::UpdateClientVersionInstruction(owner, "sha256:abc").value()},
                     {&authority});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_EQ(State().client_version, "sha256:abc");
  EXPECT_EQ(State().nonce, nonce);  // update_client_version leaves the nonce

  psyche::SetFutureEpochRatesArgs rates{1'000'000, std::nullopt};
  o = Send({psyche::SetFutureEpochRatesInstruction(owner, rates)}, {&authority});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  Account raw = *Get(account.pubkey());
  EXPECT_EQ(solana::DecodeFixedLE<uint64_t>(raw.data.data() + 119032), 1'000'000u);
  EXPECT_EQ(solana::DecodeFixedLE<uint64_t>(raw.data.data() + 119040), 0u);
  EXPECT_EQ(State().nonce, nonce + 1);

  uint64_t before = Balance(authority.pubkey());
  o = Send({psyche::FreeCoordinatorInstruction(owner, authority.pubkey())}, {&authority});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_FALSE(Get(instance).has_value());
  EXPECT_FALSE(Get(account.pubkey()).has_value());
  EXPECT_EQ(Balance(authority.pubkey()), before + 832'339'440 - o.fee);  // spec 5.9
}

TEST_F(CoordinatorExecTest, FreeingALiveRunIsRefused) {
  CreateDefaultRun();
  Configure();
  ASSERT_FALSE(SetPaused(false).err.has_value());
  TxOutcome o = Send({psyche::FreeCoordinatorInstruction(owner, authority.pubkey())}, {&authority});
  EXPECT_EQ(CustomError(o), 6009u) << Logs(o);
  EXPECT_TRUE(Get(instance).has_value());
}

TEST_F(CoordinatorExecTest, JoinRunNeedsAnActiveAuthorizationFromTheJoinAuthority) {
  CreateDefaultRun();
  Configure();
  ASSERT_FALSE(SetPaused(false).err.has_value());  // WaitingForMembers
  solana::Keypair client = PsycheTestKeypair(161);
  Fund(client.pubkey(), 1'000'000'000);
  auto pda = psyche::AuthorizationAddress(authority.pubkey(), Pubkey(), psyche::JoinRunScope());
  ASSERT_TRUE(pda.ok());
  auto create = psyche::AuthorizationCreate(authority.pubkey(), authority.pubkey(), Pubkey(),
                                            psyche::JoinRunScope());
  ASSERT_FALSE(Send({*create}, {&authority}).err.has_value());
  psyche::NodeIdentity id{client.pubkey(), stranger.pubkey()};
  auto join = psyche::JoinRunInstruction(CoordinatorId(), pda->address, instance,
                                         account.pubkey(), id);
  TxOutcome o = Send({join}, {&client});
  EXPECT_EQ(CustomError(o), 2003u) << Logs(o);  // not active yet

  ASSERT_FALSE(
      Send({psyche::AuthorizationGrantorUpdate(authority.pubkey(), pda->address, true)},
           {&authority})
          .err.has_value());
  o = Send({join}, {&client});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  CoordinatorState s = State();
  ASSERT_EQ(s.clients_state.clients.size(), 1u);
  EXPECT_EQ(s.clients_state.clients[0].id, id);

  // client_id.signer must be the signing user.
  psyche::NodeIdentity other{stranger.pubkey(), stranger.pubkey()};
  auto bad = psyche::JoinRunInstruction(CoordinatorId(), pda->address, instance,
                                        account.pubkey(), other);
  bad.accounts[0].pubkey = client.pubkey();
  o = Send({bad}, {&client});
  EXPECT_EQ(CustomError(o), 6008u) << Logs(o);
}

TEST_F(CoordinatorExecTest, UnknownDiscriminatorAndWrongOwner) {
  CreateDefaultRun();
  solana::Instruction ix = psyche::SetPausedInstruction(owner, true);
  ix.data = {9, 9, 9, 9, 9, 9, 9, 9, 0};
  TxOutcome o = Send({ix}, {&authority});
  EXPECT_EQ(CustomError(o), 101u) << Logs(o);

  psyche::CoordinatorOwnerAccounts wrong = owner;
  wrong.coordinator_instance = stranger.pubkey();  // a funded System-owned account
  o = Send({psyche::SetPausedInstruction(wrong, true)}, {&authority});
  EXPECT_EQ(CustomError(o), 3007u) << Logs(o);
  EXPECT_TRUE(HasLog(o, "AnchorError caused by account: coordinator_instance. Error Code: "
                        "AccountOwnedByWrongProgram. Error Number: 3007."));

  wrong = owner;
  wrong.coordinator_instance = PsycheTestKeypair(200).pubkey();  // does not exist
  o = Send({psyche::SetPausedInstruction(wrong, true)}, {&authority});
  EXPECT_EQ(CustomError(o), 3012u) << Logs(o);
}

}  // namespace
}  // namespace localnet
