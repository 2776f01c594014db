// PDA derivation and Ed25519 signing throughput.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "providers/solana/keypair.h"
#include "providers/solana/pda.h"

namespace {

using solana::ByteView;
using solana::Pubkey;

const Pubkey& Authorizer() {
  static const Pubkey k = Pubkey::FromBase58OrDie("PsyAUmhpmiUouWsnJdNGFSX8vZ6rWjXjgDPHsgqPGyw");
  return k;
}

ByteView Text(const char* s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s), std::strlen(s));
}

// Distinct grantee keys: SHA-256 of a counter (stand-ins for user wallets).
std::vector<Pubkey> Grantees(int n) {
  std::vector<Pubkey> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    uint8_t c[4] = {static_cast<uint8_t>(i), static_cast<uint8_t>(i >> 8),
                    static_cast<uint8_t>(i >> 16), static_cast<uint8_t>(i >> 24)};
    out.push_back(solana::Sha256({ByteView(c, 4)}));
  }
  return out;
}

// One Authorization PDA (authorizer spec 2.2): ["Authorization", grantor, grantee, scope].
solana::ProgramAddress AuthorizationPda(const Pubkey& grantor, const Pubkey& grantee) {
  auto r = solana::FindProgramAddress(
      {Text("Authorization"), grantor.view(), grantee.view(), Text("CoordinatorJoinRun")},
      Authorizer());
  return *r;
}

void BM_FindAuthorizationPda(benchmark::State& state) {
  const Pubkey grantor = Pubkey::FromBase58OrDie("9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM");
  std::vector<Pubkey> grantees = Grantees(4096);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(AuthorizationPda(grantor, grantees[i++ & 4095]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FindAuthorizationPda);

// The figure the reconciler cares about: all PDAs of 10,000 authorizations.
void BM_Derive10000AuthorizationPdas(benchmark::State& state) {
  const Pubkey grantor = Pubkey::FromBase58OrDie("9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM");
  std::vector<Pubkey> grantees = Grantees(10000);
  for (auto _ : state) {
    for (const Pubkey& g : grantees) benchmark::DoNotOptimize(AuthorizationPda(grantor, g));
  }
  state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_Derive10000AuthorizationPdas)->Unit(benchmark::kMillisecond);

void BM_IsOnCurve(benchmark::State& state) {
  std::vector<Pubkey> keys = Grantees(4096);
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(solana::IsOnCurve(keys[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IsOnCurve);

void BM_AssociatedTokenAddress(benchmark::State& state) {
  const Pubkey mint = Pubkey::FromBase58OrDie("EPjFWdd5AufqSSqeM2qN1xxybapC8G4wEGGkZwyTDt1v");
  std::vector<Pubkey> wallets = Grantees(4096);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(solana::AssociatedTokenAddress(wallets[i++ & 4095], mint));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssociatedTokenAddress);

void BM_Ed25519Sign(benchmark::State& state) {
  solana::Keypair kp = solana::Keypair::Generate();
  std::vector<uint8_t> message(state.range(0), 0x5a);
  for (auto _ : state) benchmark::DoNotOptimize(kp.Sign(message));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519Sign)->Arg(200)->Arg(1232);

void BM_Ed25519Verify(benchmark::State& state) {
  solana::Keypair kp = solana::Keypair::Generate();
  std::vector<uint8_t> message(200, 0x5a);
  solana::Signature sig = kp.Sign(message);
  for (auto _ : state) benchmark::DoNotOptimize(solana::VerifySignature(kp.pubkey(), message, sig));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519Verify);

}  // namespace

BENCHMARK_MAIN();
