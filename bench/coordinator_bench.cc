// Decoding cost of the 119 KB CoordinatorAccount and the CoordinatorInstance, and of the JSON dump.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>

#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/run_dump.h"

namespace {

solana::Bytes ReadShared(const std::string& name) {
  std::ifstream in(std::string(PSYCHE_SHARED_DIR) + "/fixtures/" + name, std::ios::binary);
  return solana::Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void DecodeAccount(benchmark::State& state, const char* fixture) {
  solana::Bytes data = ReadShared(fixture);
  if (!psyche::DecodeCoordinatorAccount(data).ok()) {
    state.SkipWithError("fixture missing or undecodable");
    return;
  }
  for (auto _ : state) {
    auto s = psyche::DecodeCoordinatorAccount(data);
    benchmark::DoNotOptimize(s);
  }
}

void BM_DecodeCoordinatorAccountV1(benchmark::State& state) {
  DecodeAccount(state, "coordinator-account-v1.so");
}
BENCHMARK(BM_DecodeCoordinatorAccountV1);

// The v0 dump is a live run: 88 registered clients and 63 participants to decode.
void BM_DecodeCoordinatorAccountV0(benchmark::State& state) {
  DecodeAccount(state, "coordinator-account-v0.so");
}
BENCHMARK(BM_DecodeCoordinatorAccountV0);

void BM_DecodeCoordinatorInstance(benchmark::State& state) {
  psyche::CoordinatorInstance inst;
  inst.run_id = "consilience-40b-1";
  solana::Bytes data = psyche::EncodeCoordinatorInstance(inst);
  for (auto _ : state) {
    auto s = psyche::DecodeCoordinatorInstance(data);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_DecodeCoordinatorInstance);

void BM_RunDumpJsonV0(benchmark::State& state) {
  auto decoded = psyche::DecodeCoordinatorAccount(ReadShared("coordinator-account-v0.so"));
  if (!decoded.ok()) {
    state.SkipWithError("fixture missing or undecodable");
    return;
  }
  psyche::RunDump run;
  run.state = *decoded;
  run.include_clients = true;
  for (auto _ : state) {
    std::string json = psyche::RunDumpJson(run);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_RunDumpJsonV0);

}  // namespace

BENCHMARK_MAIN();
