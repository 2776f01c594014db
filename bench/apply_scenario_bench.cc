// Issue 7's apply benchmark. Scenario "create a private run with 100 joiners,
// set the config, the epoch rates, fund the treasury, unpause" (the treasurer
// example with 100 listed grantees): the transactions and fees the plan
// packs, what apply actually sent (counted on the ledger), and what
// run-manager needs (one join-authorization-create = 2 transactions per
// joiner, then create-run, update-config, set-future-epoch-rates,
// treasurer-top-up-rewards, set-paused: 1 each, 205 in all). Then 1,000
// authorizations applied against the in-process localnet, timed.
//
// The localnet clock is driven by the sender's sleeps (one block per poll),
// so times measure the engine, journal and ledger, not slot waiting.
// Prints `BENCH apply_scenario name=<case> key=value ...` lines (scripts/bench.sh tables them).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "localnet/local_validator.h"
#include "localnet/persistence.h"
#include "providers/solana/program_ids.h"
#include "reconciler/apply_engine.h"
#include "reconciler/localnet_transport_test_util.h"
#include "reconciler/make_plan.h"
#include "reconciler/plan_steps.h"

namespace reconciler {
namespace {

constexpr int kRunManagerTxPerJoiner = 2;
constexpr int kRunManagerRunTxs = 5;  // create-run, update-config, rates, top-up, set-paused
constexpr uint64_t kLamportsPerSignature = 5000;

// PSYCHE_SHARED_DIR is "<source dir>/../shared".
std::string ExampleDir() {
  std::string shared = PSYCHE_SHARED_DIR;
  const std::string suffix = "/../shared";
  if (shared.size() > suffix.size() &&
      shared.compare(shared.size() - suffix.size(), suffix.size(), suffix) == 0) {
    shared.resize(shared.size() - suffix.size());
  }
  return shared + "/examples";
}

solana::Pubkey Joiner(int i) {
  std::array<uint8_t, 32> b{};
  b[0] = 0x4A;
  b[1] = static_cast<uint8_t>(i);
  b[2] = static_cast<uint8_t>(i >> 8);
  return solana::Keypair::FromSeed(solana::ByteView(b.data(), b.size()))->pubkey();
}

// A copy of examples/treasurer-run whose authorization lists `joiners`
// grantees; `with_run` false keeps only the cluster and the authorization.
std::string WriteScenario(const std::string& examples, int joiners, bool with_run) {
  const std::string dir = absl::StrCat("/tmp/apply_scenario_", getpid(), "_", joiners);
  std::filesystem::remove_all(dir);
  std::filesystem::copy(examples + "/treasurer-run", dir, std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(dir + "/.psyche-reconcile");
  if (!with_run) std::filesystem::remove(dir + "/run.yaml");
  std::ofstream f(dir + "/authorization.yaml");
  f << "apiVersion: psyche-reconcile/v1\nkind: Authorization\nmetadata:\n  name: joiners\n"
       "spec:\n  grantor: file:keys/owner.json\n  grantees:\n";
  for (int i = 0; i < joiners; ++i) f << "    - " << Joiner(i).ToBase58() << "\n";
  return dir;
}

struct ScenarioResult {
  bool ok = false;
  std::string error;
  size_t operations = 0;
  size_t planned_txs = 0;
  uint64_t planned_fees = 0;
  size_t applied_txs = 0;  // payer-signed transactions that landed
  uint64_t applied_fees = 0;
  double plan_seconds = 0, apply_seconds = 0;
};

ScenarioResult RunScenario(const std::string& dir) {
  ScenarioResult out;
  localnet::LocalValidatorOptions o;
  o.slot_interval = std::chrono::milliseconds(0);
  for (const auto& e : std::filesystem::directory_iterator(dir + "/local-accounts")) {
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    auto seed = localnet::ParseAccountDumpJson(text.str());
    if (seed.ok()) o.seed_accounts.push_back(*seed);
  }
  auto validator = localnet::LocalValidator::Start(o);
  if (!validator.ok()) return {false, std::string(validator.status().message())};
  localnet::LocalValidator* v = validator->get();
  auto transport = std::make_shared<testing::LocalValidatorTransport>(v);

  solana::Keypair payer = *solana::Keypair::ReadFile(dir + "/keys/payer.json");
  solana::Keypair owner = *solana::Keypair::ReadFile(dir + "/keys/owner.json");
  localnet::Account funds;
  funds.lamports = 1'000'000'000'000;
  funds.owner = solana::program_ids::System();
  (void)v->ledger().SetAccount(payer.pubkey(), funds);
  (void)v->ledger().SetAccount(owner.pubkey(), funds);

  absl::Time t0 = absl::Now();
  MakePlanOptions mo;
  mo.transport =
      [transport](const std::string&) -> absl::StatusOr<std::shared_ptr<solana::HttpTransport>> {
    return transport;
  };
  auto plan = MakePlan({dir}, mo);
  if (!plan.ok()) return {false, std::string(plan.status().message())};
  out.plan_seconds = absl::ToDoubleSeconds(absl::Now() - t0);
  out.operations = plan->build.plan.operations.size();
  out.planned_txs = plan->build.plan.transactions.size();
  for (const auto& t : plan->build.plan.transactions) out.planned_fees += t.fee_lamports;

  // As the CLI does: a fresh key per placeholder (a new coordinator account).
  std::map<solana::Pubkey, solana::Pubkey> replacements;
  std::vector<solana::Keypair> fresh;
  for (const OperationInstructions& oi : plan->build.instructions) {
    for (const solana::Pubkey& p : oi.placeholders) {
      if (replacements.contains(p)) continue;
      fresh.push_back(solana::Keypair::Generate());
      replacements[p] = fresh.back().pubkey();
    }
  }
  auto steps = PlanSteps(plan->build, replacements);
  if (!steps.ok()) return {false, std::string(steps.status().message())};
  KeyProvider keys = {{payer.pubkey(), &payer}, {owner.pubkey(), &owner}};
  for (const solana::Keypair& k : fresh) keys[k.pubkey()] = &k;

  solana::RpcClient rpc("http://localnet", transport);
  ApplyOptions options;
  options.state_dir = dir + "/state";
  options.apply_id = ApplyIdFor(plan->build);
  options.payer = payer.pubkey();
  absl::Time now = absl::Now();
  options.sender.now = [&] { return now; };
  options.sender.sleep = [&](absl::Duration d) {
    now += d;
    (void)v->ledger().Tick(1);
  };
  t0 = absl::Now();
  auto summary = RunApply(rpc, keys, *steps, options);
  out.apply_seconds = absl::ToDoubleSeconds(absl::Now() - t0);
  if (!summary.ok()) return {false, std::string(summary.status().message())};
  if (!summary->ok()) return {false, FormatSummary(*summary)};
  for (const localnet::TxRecord& r : v->ledger().Transactions()) {
    // The payer signs first in every transaction apply builds.
    if (!r.err.has_value()) {
      auto tx = solana::Transaction::Parse(r.raw);
      if (tx.ok() && !tx->message.account_keys.empty() &&
          tx->message.account_keys[0] == payer.pubkey()) {
        ++out.applied_txs;
        out.applied_fees += r.fee;
      }
    }
  }
  out.ok = true;
  return out;
}

void BM_PrivateRun100Joiners(benchmark::State& state) {
  const std::string dir = WriteScenario(ExampleDir(), 100, true);
  ScenarioResult r;
  for (auto _ : state) r = RunScenario(dir);
  std::filesystem::remove_all(dir);
  if (!r.ok) return state.SkipWithError(r.error.c_str());
  const int rm_txs = 100 * kRunManagerTxPerJoiner + kRunManagerRunTxs;
  std::printf(
      "BENCH apply_scenario name=private_run_100_joiners operations=%zu planned_txs=%zu "
      "planned_fee_lamports=%llu "
      "applied_txs=%zu applied_fee_lamports=%llu run_manager_txs=%d "
      "run_manager_fee_lamports_min=%llu applied_vs_run_manager=%.3f planned_vs_run_manager=%.3f "
      "target_ratio=0.200 apply_seconds=%.2f\n",
      r.operations, r.planned_txs, static_cast<unsigned long long>(r.planned_fees), r.applied_txs,
      static_cast<unsigned long long>(r.applied_fees), rm_txs,
      static_cast<unsigned long long>(rm_txs * kLamportsPerSignature),
      static_cast<double>(r.applied_txs) / rm_txs, static_cast<double>(r.planned_txs) / rm_txs,
      r.apply_seconds);
  state.counters["applied_txs"] = static_cast<double>(r.applied_txs);
  state.counters["planned_txs"] = static_cast<double>(r.planned_txs);
  state.counters["run_manager_txs"] = rm_txs;
}

void BM_Apply1000Authorizations(benchmark::State& state) {
  const std::string dir = WriteScenario(ExampleDir(), 1000, false);
  ScenarioResult r;
  for (auto _ : state) r = RunScenario(dir);
  std::filesystem::remove_all(dir);
  if (!r.ok) return state.SkipWithError(r.error.c_str());
  std::printf(
      "BENCH apply_scenario name=authorizations_1000 operations=%zu planned_txs=%zu "
      "applied_txs=%zu "
      "applied_fee_lamports=%llu plan_seconds=%.2f apply_seconds=%.2f target_seconds=10 "
      "clock=driven\n",
      r.operations, r.planned_txs, r.applied_txs, static_cast<unsigned long long>(r.applied_fees),
      r.plan_seconds, r.apply_seconds);
  state.counters["apply_seconds"] = r.apply_seconds;
  state.counters["applied_txs"] = static_cast<double>(r.applied_txs);
}

BENCHMARK(BM_PrivateRun100Joiners)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_Apply1000Authorizations)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace reconciler

BENCHMARK_MAIN();
