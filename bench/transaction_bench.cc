// Throughput of building transactions: compile + sign + serialize for a
// typical 1-2 instruction transaction, and the pieces separately.
#include <benchmark/benchmark.h>

#include <vector>

#include "providers/solana/compute_budget.h"
#include "providers/solana/keypair.h"
#include "providers/solana/message.h"
#include "providers/solana/packer.h"
#include "providers/solana/system_program.h"
#include "providers/solana/transaction.h"

namespace {

using namespace solana;

Keypair TestKeypair() {
  Bytes seed(32);
  for (size_t i = 0; i < 32; ++i) seed[i] = static_cast<uint8_t>(i + 1);
  return *Keypair::FromSeed(seed);
}

Pubkey KeyOf(uint8_t fill, size_t i = 0) {
  std::array<uint8_t, 32> b;
  b.fill(fill);
  b[1] = static_cast<uint8_t>(i);
  return Pubkey(b);
}

std::vector<Instruction> Typical(const Pubkey& payer, int64_t n) {
  std::vector<Instruction> ixs;
  if (n == 2) ixs.push_back(compute_budget::SetComputeUnitPrice(10000));
  ixs.push_back(system_program::Transfer(payer, KeyOf(0x42), 1));
  return ixs;
}

void BM_CompileSignSerialize(benchmark::State& state) {
  const Keypair payer = TestKeypair();
  const std::vector<Instruction> ixs = Typical(payer.pubkey(), state.range(0));
  const Hash blockhash = KeyOf(7);
  for (auto _ : state) {
    auto tx = CompileAndSign(payer.pubkey(), ixs, blockhash, {&payer});
    Bytes wire = tx->Serialize();
    benchmark::DoNotOptimize(wire.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CompileSignSerialize)->Arg(1)->Arg(2);

void BM_CompileOnly(benchmark::State& state) {
  const Keypair payer = TestKeypair();
  const std::vector<Instruction> ixs = Typical(payer.pubkey(), state.range(0));
  for (auto _ : state) {
    auto m = CompileLegacyMessage(payer.pubkey(), ixs, KeyOf(7));
    Bytes bytes = m->Serialize();
    benchmark::DoNotOptimize(bytes.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CompileOnly)->Arg(1)->Arg(2);

void BM_SignOnly(benchmark::State& state) {
  const Keypair payer = TestKeypair();
  const Bytes msg =
      CompileLegacyMessage(payer.pubkey(), Typical(payer.pubkey(), 1), KeyOf(7))->Serialize();
  for (auto _ : state) {
    Signature s = payer.Sign(msg);
    benchmark::DoNotOptimize(s.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignOnly);

void BM_ParseAndVerify(benchmark::State& state) {
  const Keypair payer = TestKeypair();
  const Bytes wire =
      CompileAndSign(payer.pubkey(), Typical(payer.pubkey(), 2), KeyOf(7), {&payer})->Serialize();
  for (auto _ : state) {
    auto tx = Transaction::Parse(wire);
    benchmark::DoNotOptimize(tx->VerifySignatures().ok());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseAndVerify);

// Packing 1000 single-transfer groups (about 48 transactions).
void BM_Pack1000Groups(benchmark::State& state) {
  const Pubkey payer = TestKeypair().pubkey();
  std::vector<InstructionGroup> groups;
  for (size_t i = 0; i < 1000; ++i) {
    groups.push_back(
        {"g", {system_program::Transfer(payer, KeyOf(0x30 + i / 256, i % 256), 1)}, 0});
  }
  PackOptions options;
  options.prefix = {compute_budget::SetComputeUnitPrice(1)};
  for (auto _ : state) {
    auto packed = PackInstructionGroups(payer, {}, groups, options);
    benchmark::DoNotOptimize(packed->size());
  }
  state.SetItemsProcessed(state.iterations() * groups.size());
}
BENCHMARK(BM_Pack1000Groups);

}  // namespace

BENCHMARK_MAIN();
