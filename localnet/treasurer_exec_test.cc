#include "localnet/treasurer_exec.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "localnet/psyche_ledger_for_test.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/coordinator_instructions.h"
#include "providers/psyche/spec_vectors_for_test.h"
#include "providers/psyche/spl_token_state.h"
#include "providers/psyche/treasurer.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"

namespace localnet {
namespace {

using psyche::RunState;
using testing::PsycheTestKeypair;

psyche::UpdateArgs SpecConfigAndModel() {
  std::string raw = absl::HexStringToBytes(psyche::spec_vectors::kUpdateDataSolanaTestConfigHex);
  auto args = psyche::DecodeCoordinatorInstructionData(
      ByteView(reinterpret_cast<const uint8_t*>(raw.data()), raw.size()));
  EXPECT_TRUE(args.ok()) << args.status();
  return std::get<psyche::UpdateArgs>(*args);
}

class TreasurerExecTest : public testing::PsycheLedgerTest {
 protected:
  void SetUp() override {
    PsycheLedgerTest::SetUp();
    Fund(authority.pubkey(), 100'000'000'000);
    Fund(stranger.pubkey(), 1'000'000'000);
    AddMint(mint.pubkey(), solana::program_ids::Token());
    index = psyche::DefaultTreasurerIndex(kRunId);
    auto r = psyche::TreasurerRunAddress(index);
    ASSERT_TRUE(r.ok());
    run = r->address;
    auto inst = psyche::CoordinatorInstanceAddress(kRunId, psyche::program_ids::Coordinator());
    ASSERT_TRUE(inst.ok());
    instance = inst->address;
  }
  void AddMint(const Pubkey& key, const Pubkey& token_program) {
    psyche::Mint m;
    m.mint_authority = authority.pubkey();
    m.decimals = 6;
    Account a;
    a.owner = token_program;
    a.data = psyche::EncodeMint(m);
    a.lamports = RentExemptMinimum(a.data.size());
    ASSERT_TRUE(ledger->SetAccount(key, a).ok());
  }
  TxOutcome CreateRun(const Pubkey& collateral_mint) {
    psyche::RunCreateParams p{index, kRunId, "v1", authority.pubkey(), authority.pubkey()};
    auto ix = psyche::TreasurerRunCreate(authority.pubkey(), p, collateral_mint, account.pubkey());
    EXPECT_TRUE(ix.ok()) << ix.status();
    auto create = solana::system_program::CreateAccount(
        authority.pubkey(), account.pubkey(), RentExemptMinimum(psyche::kCoordinatorAccountSize),
        psyche::kCoordinatorAccountSize, psyche::program_ids::Coordinator());
    return Send({create, *ix}, {&authority, &account});
  }
  TxOutcome Update(const psyche::RunUpdateParams& p, const solana::Keypair* signer = nullptr) {
    if (signer == nullptr) signer = &authority;
    auto ix = psyche::TreasurerRunUpdate(signer->pubkey(), run, instance, account.pubkey(), p);
    EXPECT_TRUE(ix.ok()) << ix.status();
    return Send({*ix}, {signer});
  }
  psyche::CoordinatorState State() {
    auto a = Get(account.pubkey());
    EXPECT_TRUE(a.has_value());
    auto s = psyche::DecodeCoordinatorAccount(a->data);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *s : psyche::CoordinatorState{};
  }
  psyche::RunUpdateParams ConfigModelAndStart() {
    psyche::UpdateArgs u = SpecConfigAndModel();
    psyche::RunUpdateParams p;
    p.config = u.config;
    p.model = u.model;
    p.paused = false;
    return p;
  }

  const std::string kRunId = "test";
  solana::Keypair authority = PsycheTestKeypair(1);
  solana::Keypair account = PsycheTestKeypair(33);
  solana::Keypair stranger = PsycheTestKeypair(65);
  solana::Keypair mint = PsycheTestKeypair(97);
  uint64_t index = 0;
  Pubkey run, instance;
};

TEST_F(TreasurerExecTest, RunCreateMakesRunVaultAndCoordinatorOwnedByTheRunPda) {
  uint64_t before = Balance(authority.pubkey());
  TxOutcome o = CreateRun(mint.pubkey());
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: RunCreate"));
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: InitCoordinator"));
  EXPECT_EQ(index, 7'313'085'519'096'743'583ull);  // spec 3.3 for "test"
  // Rent of 3.6: Run, vault, instance, coordinator account.
  EXPECT_EQ(Balance(run), 2'282'880u);
  Pubkey vault = psyche::TreasurerRunCollateralAddress(run, mint.pubkey());
  EXPECT_EQ(Balance(vault), 2'039'280u);
  EXPECT_EQ(Balance(instance), 2'094'960u);
  EXPECT_EQ(Balance(authority.pubkey()),
            before - 2'282'880 - 2'039'280 - 2'094'960 - 830'244'480 - o.fee);

  auto run_acct = Get(run);
  ASSERT_TRUE(run_acct.has_value());
  EXPECT_EQ(run_acct->data.size(), 200u);
  auto fields = psyche::DecodeTreasurerRun(run_acct->owner, run_acct->data);
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_EQ(fields->index, index);
  EXPECT_EQ(fields->main_authority, authority.pubkey());
  EXPECT_EQ(fields->coordinator_instance, instance);
  EXPECT_EQ(fields->coordinator_account, account.pubkey());
  EXPECT_EQ(fields->collateral_mint, mint.pubkey());

  auto vault_acct = Get(vault);
  ASSERT_TRUE(vault_acct.has_value());
  auto token = psyche::DecodeTokenAccount(vault_acct->owner, vault_acct->data);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->owner, run);
  EXPECT_EQ(token->amount, 0u);

  auto inst = Get(instance);
  auto decoded = psyche::DecodeCoordinatorInstance(inst->data);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->main_authority, run);  // the Run PDA, not the human authority
  EXPECT_EQ(decoded->join_authority, authority.pubkey());
  EXPECT_EQ(State().run_state, RunState::kUninitialized);
}

TEST_F(TreasurerExecTest, Token2022MintIsWrongOwner) {
  solana::Keypair mint22 = PsycheTestKeypair(129);
  AddMint(mint22.pubkey(), Pubkey::FromBase58OrDie("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"));
  TxOutcome o = CreateRun(mint22.pubkey());
  EXPECT_EQ(CustomError(o), 3007u) << Logs(o);
}

TEST_F(TreasurerExecTest, IndexAlreadyUsedIsSystemAccountInUse) {
  ASSERT_FALSE(CreateRun(mint.pubkey()).err.has_value());
  TxOutcome o = CreateRun(mint.pubkey());
  EXPECT_EQ(CustomError(o), 0u) << Logs(o);
}

TEST_F(TreasurerExecTest, DirectCoordinatorAdministrationIsRefused) {
  ASSERT_FALSE(CreateRun(mint.pubkey()).err.has_value());
  psyche::CoordinatorOwnerAccounts owner{psyche::program_ids::Coordinator(), authority.pubkey(),
                                         instance, account.pubkey()};
  TxOutcome o = Send({psyche::SetPausedInstruction(owner, false)}, {&authority});
  EXPECT_EQ(CustomError(o), 2003u) << Logs(o);  // main_authority is the Run PDA (5.12)
}

TEST_F(TreasurerExecTest, ConfigModelAndUnpauseInOneInstruction) {
  ASSERT_FALSE(CreateRun(mint.pubkey()).err.has_value());
  TxOutcome o = Update(ConfigModelAndStart());
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: Update"));
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: SetPaused"));
  psyche::CoordinatorState s = State();
  EXPECT_EQ(s.run_state, RunState::kWaitingForMembers);
  EXPECT_EQ(s.progress.step, 1u);
  EXPECT_EQ(s.config, *SpecConfigAndModel().config);
  EXPECT_EQ(s.nonce, 2u);
}

TEST_F(TreasurerExecTest, UnpauseWithClientVersionFailsBecauseTheVersionComesAfterTheResume) {
  ASSERT_FALSE(CreateRun(mint.pubkey()).err.has_value());
  ASSERT_FALSE(Update(ConfigModelAndStart()).err.has_value());
  psyche::RunUpdateParams pause;
  pause.paused = true;
  ASSERT_FALSE(Update(pause).err.has_value());
  ASSERT_EQ(State().run_state, RunState::kPaused);

  psyche::RunUpdateParams p;
  p.paused = false;
  p.client_version = "v2";
  TxOutcome o = Update(p);
  EXPECT_EQ(CustomError(o), 6001u) << Logs(o);  // UpdateConfigNotHalted
  EXPECT_EQ(State().run_state, RunState::kPaused);  // the whole instruction reverted
  EXPECT_EQ(State().client_version, "v1");

  // {paused: true, config} on a live run fails too: the update runs first.
  psyche::RunUpdateParams resume;
  resume.paused = false;
  ASSERT_FALSE(Update(resume).err.has_value());
  psyche::RunUpdateParams pause_and_config;
  pause_and_config.config = SpecConfigAndModel().config;
  pause_and_config.paused = true;
  o = Update(pause_and_config);
  EXPECT_EQ(CustomError(o), 6001u) << Logs(o);
  EXPECT_EQ(State().run_state, RunState::kWaitingForMembers);
}

// What the reconciler plans for a config change on a live (WaitingForMembers)
// treasurer run: {paused:true}, then {config, model, paused:false}, or with a
// client version {config, model, client_version} and {paused:false}; each
// sequence in one transaction.
TEST_F(TreasurerExecTest, PauseUpdateResumeSequencesInOneTransaction) {
  ASSERT_FALSE(CreateRun(mint.pubkey()).err.has_value());
  ASSERT_FALSE(Update(ConfigModelAndStart()).err.has_value());
  ASSERT_EQ(State().run_state, RunState::kWaitingForMembers);
  auto call = [&](const psyche::RunUpdateParams& p) {
    auto ix = psyche::TreasurerRunUpdate(authority.pubkey(), run, instance, account.pubkey(), p);
    EXPECT_TRUE(ix.ok()) << ix.status();
    return *ix;
  };
  psyche::RunUpdateParams pause, resume;
  pause.paused = true;
  resume.paused = false;
  TxOutcome o = Send({call(pause), call(ConfigModelAndStart())}, {&authority});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_EQ(State().run_state, RunState::kWaitingForMembers);

  psyche::RunUpdateParams update = ConfigModelAndStart();
  update.paused.reset();
  update.client_version = "v2";
  o = Send({call(pause), call(update), call(resume)}, {&authority});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_EQ(State().run_state, RunState::kWaitingForMembers);
  EXPECT_EQ(State().client_version, "v2");
}

TEST_F(TreasurerExecTest, RatesAndWrongAuthority) {
  ASSERT_FALSE(CreateRun(mint.pubkey()).err.has_value());
  psyche::RunUpdateParams p;
  p.epoch_earning_rate_total_shared = 1'000;
  p.epoch_slashing_rate_per_client = 7;
  TxOutcome o = Update(p, &stranger);
  EXPECT_EQ(CustomError(o), 2003u) << Logs(o);
  o = Update(p);
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  psyche::CoordinatorState s = State();
  EXPECT_EQ(s.clients_state.future_epoch_rates.earning_rate_total_shared, 1'000u);
  EXPECT_EQ(s.clients_state.future_epoch_rates.slashing_rate_per_client, 7u);
  // All-None does nothing and succeeds.
  o = Update(psyche::RunUpdateParams{});
  EXPECT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_EQ(State().nonce, s.nonce);
}

}  // namespace
}  // namespace localnet
