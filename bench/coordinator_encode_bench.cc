// Time to turn a run config into coordinator instruction data, and back.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "providers/psyche/coordinator_instruction_data.h"
#include "providers/psyche/run_config.h"
#include "providers/psyche/run_config_check.h"

namespace {

const char kConfigPath[] = PSYCHE_SHARED_DIR "/fixtures/run-configs/solana-test__config.toml";

psyche::RunConfig LoadOrDie() {
  auto rc = psyche::ReadRunConfigFile(kConfigPath);
  if (!rc.ok()) {
    std::fprintf(stderr, "cannot load %s\n", kConfigPath);
    std::abort();
  }
  return *rc;
}

// update(None, config, model, None) from an already parsed config (462 bytes).
void BM_EncodeUpdateFromParsedConfig(benchmark::State& state) {
  psyche::RunConfig rc = LoadOrDie();
  for (auto _ : state) {
    auto data = psyche::EncodeUpdateConfigData(rc);
    benchmark::DoNotOptimize(data);
  }
  state.SetBytesProcessed(state.iterations() * 462);
}
BENCHMARK(BM_EncodeUpdateFromParsedConfig);

// The whole `config encode` path minus file I/O: TOML text -> parse -> encode.
void BM_ParseTomlAndEncodeUpdate(benchmark::State& state) {
  std::FILE* f = std::fopen(kConfigPath, "rb");
  std::string text;
  char buf[4096];
  for (size_t n; f != nullptr && (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  if (f != nullptr) std::fclose(f);
  for (auto _ : state) {
    auto rc = psyche::ParseRunConfig(text, "solana-test__config.toml");
    auto data = psyche::EncodeUpdateConfigData(*rc);
    benchmark::DoNotOptimize(data);
  }
}
BENCHMARK(BM_ParseTomlAndEncodeUpdate);

void BM_CheckRunConfig(benchmark::State& state) {
  psyche::RunConfig rc = LoadOrDie();
  for (auto _ : state) {
    auto failures = psyche::CheckRunConfig(rc);
    benchmark::DoNotOptimize(failures);
  }
}
BENCHMARK(BM_CheckRunConfig);

void BM_DecodeUpdateData(benchmark::State& state) {
  auto data = *psyche::EncodeUpdateConfigData(LoadOrDie());
  for (auto _ : state) {
    auto args = psyche::DecodeCoordinatorInstructionData(data);
    benchmark::DoNotOptimize(args);
  }
}
BENCHMARK(BM_DecodeUpdateData);

}  // namespace

BENCHMARK_MAIN();
