// psyche-localnet throughput: simple transfers through the JSON-RPC handler,
// getMultipleAccounts of 100 accounts, and loading a 100,000-account ledger.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "localnet/rpc_server.h"
#include "localnet/test_util.h"
#include "providers/solana/base64.h"

namespace localnet {
namespace {

using testing::BuildTx;

std::unique_ptr<Ledger> MemoryLedger() {
  return std::move(*Ledger::Open(LedgerOptions{}, ProgramRegistry::WithBuiltins()));
}

Pubkey Numbered(uint32_t i) {
  std::array<uint8_t, 32> b{};
  b[0] = 0xAB;
  for (int k = 0; k < 4; ++k) b[28 + k] = static_cast<uint8_t>(i >> (8 * k));
  return Pubkey(b);
}

void BM_SendTransferThroughHandler(benchmark::State& state) {
  auto ledger = MemoryLedger();
  Faults faults;
  RpcServer server(ledger.get(), &faults);
  testing::Signer payer = testing::Signer::Numbered(1);
  Account a;
  a.lamports = 1'000'000'000'000'000;
  (void)ledger->SetAccount(payer.pubkey, a);
  Account r;
  r.lamports = 1'000'000;
  for (uint32_t i = 0; i < 64; ++i) (void)ledger->SetAccount(Numbered(i), r);
  solana::Hash bh = ledger->Block(Commitment::kProcessed).blockhash;
  uint64_t n = 0;
  std::vector<std::string> requests;
  auto refill = [&] {
    requests.clear();
    for (int i = 0; i < 2000; ++i, ++n) {
      Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, Numbered(n % 64), n + 1)}, bh);
      requests.push_back(
          absl::StrCat(R"({"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":[")",
                       solana::Base64Encode(tx), R"(",{"encoding":"base64"}]})"));
    }
  };
  refill();
  size_t next = 0;
  for (auto _ : state) {
    if (next == requests.size()) {
      state.PauseTiming();
      refill();
      next = 0;
      state.ResumeTiming();
    }
    HttpReply reply = server.Handle(requests[next++]);
    if (reply.body.find("\"result\"") == std::string::npos) {
      state.SkipWithError(reply.body.c_str());
      break;
    }
  }
  state.counters["tx_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SendTransferThroughHandler)->Unit(benchmark::kMicrosecond);

void BM_GetMultipleAccounts100(benchmark::State& state) {
  auto ledger = MemoryLedger();
  Faults faults;
  RpcServer server(ledger.get(), &faults);
  Account a;
  a.lamports = RentExemptMinimum(165);
  a.data.assign(165, 7);
  std::string keys;
  for (uint32_t i = 0; i < 100; ++i) {
    (void)ledger->SetAccount(Numbered(i), a);
    keys += absl::StrCat(i ? "," : "", "\"", Numbered(i).ToBase58(), "\"");
  }
  std::string req =
      absl::StrCat(R"({"jsonrpc":"2.0","id":1,"method":"getMultipleAccounts","params":[[)", keys,
                   R"(],{"encoding":"base64","commitment":"confirmed"}]})");
  for (auto _ : state) {
    HttpReply reply = server.Handle(req);
    benchmark::DoNotOptimize(reply.body.data());
  }
}
BENCHMARK(BM_GetMultipleAccounts100)->Unit(benchmark::kMicrosecond);

void BM_Load100kAccountLedger(benchmark::State& state) {
  std::string dir = "/tmp/localnet_bench_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  {
    LedgerOptions o;
    o.dir = dir;
    auto ledger = std::move(*Ledger::Open(o, ProgramRegistry::WithBuiltins()));
    Account a;
    a.lamports = RentExemptMinimum(165);
    a.data.assign(165, 3);
    for (uint32_t i = 0; i < 100'000; ++i) (void)ledger->SetAccount(Numbered(i), a);
    (void)ledger->Checkpoint();
  }
  for (auto _ : state) {
    LedgerOptions o;
    o.dir = dir;
    auto ledger = Ledger::Open(o, ProgramRegistry::WithBuiltins());
    if (!ledger.ok() || (*ledger)->account_count() < 100'000) {
      state.SkipWithError("load failed");
      break;
    }
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_Load100kAccountLedger)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace localnet

BENCHMARK_MAIN();
