// Hand-built desired and observed states for the diff/planner/refresh tests
// (test-only header).
#ifndef RECONCILER_PLANNER_FIXTURES_FOR_TEST_H_
#define RECONCILER_PLANNER_FIXTURES_FOR_TEST_H_

#include <string>

#include "gtest/gtest.h"
#include "providers/psyche/coordinator_account_writer.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/psyche/run_config.h"
#include "providers/solana/program_ids.h"
#include "reconciler/desired_state.h"
#include "reconciler/fake_chain.h"
#include "reconciler/refresh.h"

namespace reconciler::testing {

inline solana::Pubkey Key(uint8_t fill) {
  std::array<uint8_t, 32> b;
  b.fill(fill);
  b[0] = 0x80;
  return solana::Pubkey(b);
}

inline psyche::RunConfig ExampleRunConfig() {
  auto rc = psyche::ReadRunConfigFile(std::string(PSYCHE_SOURCE_DIR) +
                                      "/examples/private-run/config.toml");
  EXPECT_TRUE(rc.ok()) << rc.status();
  return rc.ok() ? *rc : psyche::RunConfig{};
}

inline ProgramIds DefaultPrograms() {
  return {psyche::program_ids::Coordinator(), psyche::program_ids::Authorizer(),
          psyche::program_ids::Treasurer()};
}

// One run "my-run" (authority Key(1), config from the example) and one
// authorization with `grantees` grantees from Key(1).
inline DesiredResources OneRun(bool treasurer, size_t grantees = 1) {
  DesiredState s;
  ClusterSpec c;
  c.origin.name = "test";
  c.rpc_url = "local";
  c.payer.pubkey = Key(9);
  s.clusters.push_back(c);
  RunSpec r;
  r.origin.name = "my-run";
  r.run_id = "my-run";
  r.authority.pubkey = Key(1);
  r.config_path = "example";
  r.metadata = RunMetadataSpec{"My run", "A test run", 1000, 32000};
  r.client_version = "latest";
  r.paused = false;
  if (treasurer) {
    r.treasurer = TreasurerSpec{Key(7), std::nullopt};
    r.epoch_rates = EpochRatesSpec{Amount{std::nullopt, "10", "USDC"}, Amount::BaseUnits(500000)};
    r.treasury_balance = Amount{std::nullopt, "1000.5", "USDC"};
  }
  s.runs.push_back(r);
  AuthorizationSpec a;
  a.origin.name = "my-run-joiners";
  a.grantor.pubkey = Key(1);
  for (size_t i = 0; i < grantees; ++i) {
    std::array<uint8_t, 32> b{};
    b[0] = 0x40;
    b[30] = static_cast<uint8_t>(i >> 8);
    b[31] = static_cast<uint8_t>(i);
    a.grantees.push_back(solana::Pubkey(b));
  }
  s.authorizations.push_back(a);
  DesiredOptions o;
  o.resolve_key = [](const KeyRef& k) -> absl::StatusOr<solana::Pubkey> { return *k.pubkey; };
  o.read_run_config = [](const std::string&) -> absl::StatusOr<psyche::RunConfig> {
    return ExampleRunConfig();
  };
  auto d = BuildDesiredResources(s, o);
  EXPECT_TRUE(d.ok()) << d.status();
  return *d;
}

// The chain exactly as `d` wants it (run paused=false is WaitingForMembers).
inline ObservedState InSync(const DesiredResources& d) {
  ObservedState o;
  o.slot = 1000;
  for (const DesiredRun& run : d.runs) {
    ObservedRun r;
    psyche::CoordinatorInstance inst;
    inst.main_authority = run.treasurer ? run.treasurer->run : run.authority;
    inst.join_authority = run.join_authority;
    inst.coordinator_account = Key(0x33);
    inst.run_id = run.run_id;
    r.instance = inst;
    psyche::CoordinatorState st;
    st.run_id = run.run_id;
    st.metadata = *run.metadata;
    st.config = run.run_config->config;
    st.model = run.run_config->model;
    st.client_version = run.client_version;
    st.run_state = run.paused.value_or(false) ? psyche::RunState::kPaused
                                              : psyche::RunState::kWaitingForMembers;
    st.progress.step = 1;
    if (run.treasurer) {
      st.clients_state.future_epoch_rates = {10'000'000, 500'000};
      psyche::TreasurerRun tr;
      tr.index = run.treasurer->index;
      tr.main_authority = run.authority;
      tr.join_authority = run.join_authority;
      tr.coordinator_account = inst.coordinator_account;
      tr.coordinator_instance = run.instance;
      tr.collateral_mint = run.treasurer->collateral_mint;
      r.treasurer_run = tr;
      psyche::TokenAccount vault;
      vault.mint = tr.collateral_mint;
      vault.owner = run.treasurer->run;
      vault.amount = 1'000'500'000;
      r.vault = vault;
      psyche::Mint mint;
      mint.decimals = 6;
      o.mints[tr.collateral_mint] = mint;
    }
    r.coordinator = st;
    o.runs.push_back(r);
  }
  for (const DesiredAuthorization& a : d.authorizations) {
    psyche::Authorization auth;
    auth.grantor = a.grantor;
    auth.grantee = a.grantee;
    auth.scope.assign(a.scope.begin(), a.scope.end());
    auth.active = a.active;
    o.authorizations[a.pda] = auth;
  }
  return o;
}

// Seeds `chain` with the accounts of `o` for the desired resources `d`.
inline void Seed(const DesiredResources& d, const ObservedState& o, FakeChain* chain) {
  for (size_t i = 0; i < d.runs.size(); ++i) {
    const DesiredRun& run = d.runs[i];
    const ObservedRun& r = o.runs[i];
    if (r.instance) {
      chain->Set(run.instance, FakeAccount(d.programs.coordinator,
                                           psyche::EncodeCoordinatorInstance(*r.instance)));
      auto image = psyche::EncodeCoordinatorAccount(*r.coordinator);
      ASSERT_TRUE(image.ok()) << image.status();
      chain->Set(r.instance->coordinator_account, FakeAccount(d.programs.coordinator, *image));
    }
    if (r.treasurer_run) {
      chain->Set(run.treasurer->run,
                 FakeAccount(d.programs.treasurer, TreasurerRunImage(*r.treasurer_run)));
    }
    if (r.vault) {
      chain->Set(run.treasurer->vault,
                 FakeAccount(solana::program_ids::Token(),
                             TokenAccountImage(r.vault->mint, r.vault->owner, r.vault->amount)));
    }
  }
  for (const auto& [mint, m] : o.mints) {
    chain->Set(mint, FakeAccount(solana::program_ids::Token(), MintImage(m.supply, m.decimals)));
  }
  for (const auto& [pda, a] : o.authorizations) {
    chain->Set(pda, FakeAccount(d.programs.authorizer, AuthorizationImage(a)));
  }
}

}  // namespace reconciler::testing

#endif  // RECONCILER_PLANNER_FIXTURES_FOR_TEST_H_
