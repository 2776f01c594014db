// The read side at scale: 10 runs + 10,000 authorizations (1,000 grantees per
// run's join authority) planned against an in-process chain. Reports wall
// time per plan, peak RSS (getrusage) and RPC requests/POSTs. Targets: <= 2 s,
// <= 300 MB, <= ceil(N/100) + 5 per run requests.
#include <sys/resource.h>

#include <memory>

#include "benchmark/benchmark.h"
#include "providers/psyche/coordinator_account_writer.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/psyche/run_config.h"
#include "reconciler/counting_transport.h"
#include "reconciler/desired_state.h"
#include "reconciler/diff.h"
#include "reconciler/fake_chain.h"
#include "reconciler/planner.h"
#include "reconciler/refresh.h"

namespace {

using namespace reconciler;

constexpr int kRuns = 10;
constexpr int kGranteesPerRun = 1000;

solana::Pubkey Key(uint8_t a, uint16_t b) {
  std::array<uint8_t, 32> k{};
  k[0] = 0x80;
  k[1] = a;
  k[2] = static_cast<uint8_t>(b >> 8);
  k[3] = static_cast<uint8_t>(b);
  return solana::Pubkey(k);
}

DesiredState ManyRuns() {
  DesiredState s;
  ClusterSpec c;
  c.origin.name = "bench";
  c.rpc_url = "local";
  c.payer.pubkey = Key(0xff, 0);
  s.clusters.push_back(c);
  for (int r = 0; r < kRuns; ++r) {
    RunSpec run;
    run.origin.name = "run-" + std::to_string(r);
    run.run_id = run.origin.name;
    run.authority.pubkey = Key(1, static_cast<uint16_t>(r));
    run.config_path = "example";
    run.metadata = RunMetadataSpec{"Bench", "bench run", 1, 2};
    run.client_version = "latest";
    run.paused = false;
    s.runs.push_back(run);
    AuthorizationSpec a;
    a.origin.name = run.origin.name + "-joiners";
    a.grantor.pubkey = run.authority.pubkey;
    for (int g = 0; g < kGranteesPerRun; ++g) {
      a.grantees.push_back(Key(static_cast<uint8_t>(2 + r), static_cast<uint16_t>(g)));
    }
    s.authorizations.push_back(a);
  }
  return s;
}

DesiredOptions Offline(const psyche::RunConfig& rc) {
  DesiredOptions o;
  o.resolve_key = [](const KeyRef& k) -> absl::StatusOr<solana::Pubkey> { return *k.pubkey; };
  o.read_run_config = [rc](const std::string&) -> absl::StatusOr<psyche::RunConfig> { return rc; };
  return o;
}

// Every run exists and every authorization too; every 10th authorization is
// inactive and every other run has a stale min_clients, so there is work.
void SeedMostly(const DesiredResources& d, FakeChain* chain) {
  for (size_t i = 0; i < d.runs.size(); ++i) {
    const DesiredRun& run = d.runs[i];
    psyche::CoordinatorInstance inst;
    inst.main_authority = run.authority;
    inst.join_authority = run.join_authority;
    inst.coordinator_account = Key(0xfe, static_cast<uint16_t>(i));
    inst.run_id = run.run_id;
    chain->Set(run.instance,
               FakeAccount(d.programs.coordinator, psyche::EncodeCoordinatorInstance(inst)));
    psyche::CoordinatorState st;
    st.run_id = run.run_id;
    st.metadata = *run.metadata;
    st.config = run.run_config->config;
    if (i % 2 == 1) st.config.min_clients += 1;
    st.model = run.run_config->model;
    st.client_version = run.client_version;
    st.run_state = psyche::RunState::kPaused;
    st.progress.step = 10;
    auto image = psyche::EncodeCoordinatorAccount(st);
    if (image.ok())
      chain->Set(inst.coordinator_account, FakeAccount(d.programs.coordinator, *image));
  }
  for (size_t i = 0; i < d.authorizations.size(); ++i) {
    const DesiredAuthorization& a = d.authorizations[i];
    psyche::Authorization auth;
    auth.grantor = a.grantor;
    auth.grantee = a.grantee;
    auth.scope.assign(a.scope.begin(), a.scope.end());
    auth.active = i % 10 != 0;
    chain->Set(a.pda, FakeAccount(d.programs.authorizer, AuthorizationImage(auth)));
  }
}

void PlanAtScale(benchmark::State& state, bool seeded) {
  auto rc = psyche::ReadRunConfigFile(std::string(PSYCHE_SHARED_DIR) +
                                      "/fixtures/run-configs/solana-test__config.toml");
  if (!rc.ok()) {
    state.SkipWithError(std::string(rc.status().message()).c_str());
    return;
  }
  DesiredState manifests = ManyRuns();
  auto chain = std::make_shared<FakeChain>();
  {
    auto d = BuildDesiredResources(manifests, Offline(*rc));
    if (!d.ok()) {
      state.SkipWithError("desired state");
      return;
    }
    if (seeded) SeedMostly(*d, chain.get());
  }
  uint64_t requests = 0, posts = 0, operations = 0, transactions = 0;
  for (auto _ : state) {
    auto counting = std::make_shared<CountingTransport>(chain);
    solana::RpcClient rpc("http://bench", counting);
    auto d = BuildDesiredResources(manifests, Offline(*rc));
    auto observed = Refresh(*d, rpc, solana::Commitment::kConfirmed);
    if (!observed.ok()) {
      state.SkipWithError(std::string(observed.status().message()).c_str());
      return;
    }
    auto diff = Diff(*d, *observed);
    auto build = BuildPlan(*d, *observed, std::move(*diff));
    if (!build.ok()) {
      state.SkipWithError(std::string(build.status().message()).c_str());
      return;
    }
    requests = counting->requests();
    posts = counting->posts();
    operations = build->plan.operations.size();
    transactions = build->plan.transactions.size();
    benchmark::DoNotOptimize(build);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["rpc_requests"] = static_cast<double>(requests);
  state.counters["rpc_posts"] = static_cast<double>(posts);
  state.counters["rpc_budget"] = kRuns * ((kGranteesPerRun + 99) / 100 + 5);
  state.counters["operations"] = static_cast<double>(operations);
  state.counters["transactions"] = static_cast<double>(transactions);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_Plan10Runs10kAuthorizations_Seeded(benchmark::State& s) { PlanAtScale(s, true); }
void BM_Plan10Runs10kAuthorizations_EmptyChain(benchmark::State& s) { PlanAtScale(s, false); }
BENCHMARK(BM_Plan10Runs10kAuthorizations_Seeded)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Plan10Runs10kAuthorizations_EmptyChain)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
