// Apply throughput: 1,000 System transfers through the apply engine (journal
// with fsync, simulate, send, confirm) against the embedded localnet, as one
// step per transfer and packed into as few transactions as fit.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "localnet/local_validator.h"
#include "providers/solana/packer.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"
#include "reconciler/apply_engine.h"
#include "reconciler/localnet_transport_test_util.h"

namespace reconciler {
namespace {

constexpr int kTransfers = 1000;

solana::Pubkey Recipient(uint32_t i) {
  std::array<uint8_t, 32> b{};
  b[0] = 0x77;
  for (int k = 0; k < 4; ++k) b[28 + k] = static_cast<uint8_t>(i >> (8 * k));
  return solana::Pubkey(b);
}

void RunApplyBench(benchmark::State& state, bool packed) {
  std::array<uint8_t, 32> seed;
  seed.fill(1);
  solana::Keypair payer = *solana::Keypair::FromSeed(solana::ByteView(seed.data(), 32));
  std::vector<ApplyStep> steps;
  if (packed) {
    std::vector<solana::InstructionGroup> groups;
    for (int i = 0; i < kTransfers; ++i) {
      groups.push_back({absl::StrCat("t", i),
                        {solana::system_program::Transfer(payer.pubkey(), Recipient(i), 1'000'000)},
                        0});
    }
    auto txs = *solana::PackInstructionGroups(payer.pubkey(), {}, groups);
    for (size_t i = 0; i < txs.size(); ++i) {
      ApplyStep step;
      step.id = absl::StrCat("tx", i);
      step.instructions = txs[i].instructions;
      steps.push_back(std::move(step));
    }
  } else {
    for (int i = 0; i < kTransfers; ++i) {
      ApplyStep step;
      step.id = absl::StrCat("t", i);
      step.instructions = {solana::system_program::Transfer(payer.pubkey(), Recipient(i), 1'000'000)};
      steps.push_back(std::move(step));
    }
  }
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    localnet::LocalValidatorOptions o;
    o.slot_interval = std::chrono::milliseconds(0);
    auto validator = std::move(*localnet::LocalValidator::Start(o));
    localnet::Account a;
    a.lamports = 1'000'000'000'000;
    a.owner = solana::program_ids::System();
    (void)validator->ledger().SetAccount(payer.pubkey(), a);
    auto transport = std::make_shared<testing::LocalValidatorTransport>(validator.get());
    solana::RpcClient rpc("http://localnet", transport);
    KeyProvider keys = {{payer.pubkey(), &payer}};
    ApplyOptions options;
    options.state_dir = absl::StrCat("/tmp/apply_bench_", getpid(), "_", run++);
    std::filesystem::remove_all(options.state_dir);
    options.apply_id = "bench";
    options.payer = payer.pubkey();
    absl::Time now = absl::Now();
    options.sender.now = [&] { return now; };
    options.sender.sleep = [&](absl::Duration d) {
      now += d;
      (void)validator->ledger().Tick(1);
    };
    state.ResumeTiming();
    auto summary = RunApply(rpc, keys, steps, options);
    state.PauseTiming();
    if (!summary.ok() || summary->applied != static_cast<int>(steps.size())) {
      state.SkipWithError("apply failed");
    }
    std::filesystem::remove_all(options.state_dir);
    state.ResumeTiming();
  }
  state.counters["transactions"] = static_cast<double>(steps.size());
  state.counters["transfers_per_s"] =
      benchmark::Counter(kTransfers, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Apply1000StepsOneTransferEach(benchmark::State& state) { RunApplyBench(state, false); }
void BM_Apply1000TransfersPacked(benchmark::State& state) { RunApplyBench(state, true); }
BENCHMARK(BM_Apply1000StepsOneTransferEach)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();
BENCHMARK(BM_Apply1000TransfersPacked)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
}  // namespace reconciler

BENCHMARK_MAIN();
