// The read side at scale against the embedded localnet (in-process
// LocalValidator, no sockets): 10 runs and N authorizations (N/10 grantees per
// run's join authority) written as manifests, the chain seeded directly with
// localnet_setAccount-style writes (every run exists, every authorization
// too; every 10th is inactive and every other run has a stale min_clients, so
// there is work), then the whole `plan` path timed: load + validate the YAML,
// refresh, diff, plan. Reports wall time per plan, peak RSS of the process
// (getrusage; it includes the ledger) and the JSON-RPC requests/POSTs made.
// Targets at N = 10,000: <= 2 s, <= 300 MB, <= ceil(N/10/100) + 5 requests per run.
//
// Besides Google Benchmark's table, each case prints one line for
// scripts/bench.sh:  BENCH plan auths=N runs=10 wall_ms=.. peak_rss_mb=.. rpc_requests=.. ...
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "localnet/in_process_transport.h"
#include "localnet/local_validator.h"
#include "providers/psyche/authorization_writer.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_account_writer.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/rent.h"
#include "reconciler/counting_transport.h"
#include "reconciler/desired_state.h"
#include "reconciler/make_plan.h"

namespace {

namespace fs = std::filesystem;
using namespace reconciler;

constexpr int kRuns = 10;

solana::Pubkey Key(uint8_t a, uint16_t b) {
  std::array<uint8_t, 32> k{};
  k[0] = 0x80;
  k[1] = a;
  k[2] = static_cast<uint8_t>(b >> 8);
  k[3] = static_cast<uint8_t>(b);
  return solana::Pubkey(k);
}

// Manifests for kRuns runs with `per_run` grantees each, in a fresh directory.
absl::StatusOr<std::string> WriteManifests(int per_run) {
  const std::string dir = absl::StrCat(fs::temp_directory_path().string(), "/plan_bench_",
                                       getpid(), "_", per_run);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::error_code ec;
  const fs::path src = fs::path(PSYCHE_SOURCE_DIR) / "examples/public-run";
  fs::copy_file(src / "keys/payer.json", fs::path(dir) / "payer.json", ec);
  if (ec) return absl::NotFoundError("payer.json: " + ec.message());
  fs::permissions(fs::path(dir) / "payer.json", fs::perms::owner_read | fs::perms::owner_write);
  fs::copy_file(src / "config.toml", fs::path(dir) / "config.toml", ec);
  if (ec) return absl::NotFoundError("config.toml: " + ec.message());
  std::ofstream(dir + "/cluster.yaml") << "apiVersion: psyche-reconcile/v1\nkind: Cluster\n"
                                          "metadata: {name: bench}\nspec:\n  rpcUrl: local\n"
                                          "  commitment: confirmed\n  payer: file:payer.json\n";
  for (int r = 0; r < kRuns; ++r) {
    // The authority signs the run's changes, so the manifest names its key file.
    std::array<uint8_t, 32> seed{};
    seed.fill(static_cast<uint8_t>(0x40 + r));
    ASSIGN_OR_RETURN(solana::Keypair kp, solana::Keypair::FromSeed(solana::ByteView(seed)));
    const std::string key_file = absl::StrCat("authority-", r, ".json");
    RETURN_IF_ERROR(kp.WriteFile(dir + "/" + key_file));
    const std::string authority = "file:" + key_file;
    std::ofstream out(absl::StrCat(dir, "/run-", r, ".yaml"));
    out << "apiVersion: psyche-reconcile/v1\nkind: Run\nmetadata: {name: run-" << r
        << "}\nspec:\n  runId: run-" << r << "\n  authority: " << authority
        << "\n  config: config.toml\n  metadata: {name: Bench, description: bench run, "
           "numParameters: 1, vocabSize: 2}\n  clientVersion: latest\n  paused: false\n"
        << "---\napiVersion: psyche-reconcile/v1\nkind: Authorization\nmetadata: {name: run-" << r
        << "-joiners}\nspec:\n  grantor: " << authority << "\n  grantees:\n";
    for (int g = 0; g < per_run; ++g) {
      out << "    - " << Key(static_cast<uint8_t>(2 + r), static_cast<uint16_t>(g)).ToBase58()
          << "\n";
    }
  }
  return dir;
}

localnet::Account Owned(const solana::Pubkey& owner, solana::Bytes data) {
  localnet::Account a;
  a.lamports = psyche::RentExemptMinimum(data.size());
  a.owner = owner;
  a.data = std::move(data);
  return a;
}

// Writes every run and authorization straight into the ledger (what
// localnet_setAccount does over RPC), far faster than 10,000 transactions.
absl::Status Seed(const DesiredResources& d, localnet::Ledger& ledger) {
  for (size_t i = 0; i < d.runs.size(); ++i) {
    const DesiredRun& run = d.runs[i];
    psyche::CoordinatorInstance inst;
    inst.main_authority = run.authority;
    inst.join_authority = run.join_authority;
    inst.coordinator_account = Key(0xfe, static_cast<uint16_t>(i));
    inst.run_id = run.run_id;
    RETURN_IF_ERROR(ledger.SetAccount(
        run.instance, Owned(d.programs.coordinator, psyche::EncodeCoordinatorInstance(inst))));
    psyche::CoordinatorState st;
    st.run_id = run.run_id;
    st.metadata = *run.metadata;
    st.config = run.run_config->config;
    if (i % 2 == 1) st.config.min_clients += 1;
    st.model = run.run_config->model;
    st.client_version = run.client_version;
    st.run_state = psyche::RunState::kPaused;
    st.progress.step = 10;
    ASSIGN_OR_RETURN(solana::Bytes image, psyche::EncodeCoordinatorAccount(st));
    RETURN_IF_ERROR(
        ledger.SetAccount(inst.coordinator_account, Owned(d.programs.coordinator, image)));
  }
  for (size_t i = 0; i < d.authorizations.size(); ++i) {
    const DesiredAuthorization& a = d.authorizations[i];
    psyche::Authorization auth;
    auth.grantor = a.grantor;
    auth.grantee = a.grantee;
    auth.scope.assign(a.scope.begin(), a.scope.end());
    auth.active = i % 10 != 0;
    ASSIGN_OR_RETURN(solana::Bytes image, psyche::EncodeAuthorization(auth));
    RETURN_IF_ERROR(ledger.SetAccount(a.pda, Owned(d.programs.authorizer, image)));
  }
  return ledger.Tick(2);
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_Plan(benchmark::State& state) {
  const int auths = static_cast<int>(state.range(0));
  const int per_run = auths / kRuns;
  auto dir = WriteManifests(per_run);
  if (!dir.ok()) {
    state.SkipWithError(std::string(dir.status().message()).c_str());
    return;
  }
  localnet::LocalValidatorOptions local;
  local.slot_interval = std::chrono::milliseconds(0);
  auto validator = localnet::LocalValidator::Start(std::move(local));
  if (!validator.ok()) {
    state.SkipWithError("localnet");
    return;
  }
  {
    auto desired = BuildDesiredResources(LoadManifests({*dir}).state);
    if (!desired.ok()) {
      state.SkipWithError(std::string(desired.status().message()).c_str());
      return;
    }
    if (absl::Status s = Seed(*desired, (*validator)->ledger()); !s.ok()) {
      state.SkipWithError(std::string(s.message()).c_str());
      return;
    }
  }
  auto wire = std::make_shared<localnet::InProcessTransport>(validator->get());
  MakePlanOptions options;
  options.transport = [wire](const std::string&)
      -> absl::StatusOr<std::shared_ptr<solana::HttpTransport>> { return wire; };
  uint64_t requests = 0, posts = 0;
  size_t operations = 0, changes = 0;
  double total_ms = 0;
  int iterations = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto plan = MakePlan({*dir}, options);
    total_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count();
    ++iterations;
    if (!plan.ok()) {
      state.SkipWithError(std::string(plan.status().message()).c_str());
      return;
    }
    requests = plan->rpc_requests;
    posts = plan->rpc_posts;
    operations = plan->build.plan.operations.size();
    changes = static_cast<size_t>(plan->build.plan.Summary().change);
    benchmark::DoNotOptimize(plan);
  }
  const int budget = kRuns * ((per_run + 99) / 100 + 5);
  const double rss = PeakRssMb();
  state.counters["rpc_requests"] = static_cast<double>(requests);
  state.counters["rpc_posts"] = static_cast<double>(posts);
  state.counters["rpc_budget"] = budget;
  state.counters["operations"] = static_cast<double>(operations);
  state.counters["peak_rss_MB"] = rss;
  std::printf(
      "BENCH plan auths=%d runs=%d wall_ms=%.1f peak_rss_mb=%.1f rpc_requests=%llu "
      "rpc_posts=%llu rpc_budget=%d changes=%zu operations=%zu target_wall_ms=2000 "
      "target_rss_mb=300 within_targets=%d\n",
      auths, kRuns, total_ms / iterations, rss, static_cast<unsigned long long>(requests),
      static_cast<unsigned long long>(posts), budget, changes, operations,
      (auths != 10000 || (total_ms / iterations <= 2000 && rss <= 300)) &&
              requests <= static_cast<uint64_t>(budget)
          ? 1
          : 0);
  std::fflush(stdout);
  fs::remove_all(*dir);
}

// Ascending, so each case's peak RSS covers itself and the smaller ones only.
BENCHMARK(BM_Plan)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
