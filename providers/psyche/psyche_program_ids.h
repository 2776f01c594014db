// Default ids of the Psyche programs (spec coordinator.md 1.1). Forks and redeployments use other
// ids, so callers should take the id from configuration and use these only as defaults.
#ifndef PROVIDERS_PSYCHE_PSYCHE_PROGRAM_IDS_H_
#define PROVIDERS_PSYCHE_PSYCHE_PROGRAM_IDS_H_

#include "providers/solana/pubkey.h"

namespace psyche::program_ids {

// solana-coordinator at HEAD (since 2025-12-05).
inline const solana::Pubkey& Coordinator() {
  static const solana::Pubkey k =
      solana::Pubkey::FromBase58OrDie("4SHugWqSXwKE5fqDchkJcPEqnoZE22VYKtSTVm7axbT7");
  return k;
}
// The coordinator id of the v0-layout era (June 2025 builds).
inline const solana::Pubkey& CoordinatorLegacyV0() {
  static const solana::Pubkey k =
      solana::Pubkey::FromBase58OrDie("HR8RN2TP9E9zsi2kjhvPbirJWA1R6L6ruf4xNNGpjU5Y");
  return k;
}
inline const solana::Pubkey& Authorizer() {
  static const solana::Pubkey k =
      solana::Pubkey::FromBase58OrDie("PsyAUmhpmiUouWsnJdNGFSX8vZ6rWjXjgDPHsgqPGyw");
  return k;
}
inline const solana::Pubkey& Treasurer() {
  static const solana::Pubkey k =
      solana::Pubkey::FromBase58OrDie("EnU7DRx5az5YWxaxgqEGbXSYtudcfnjXewyBRRZCjJPw");
  return k;
}

}  // namespace psyche::program_ids

#endif  // PROVIDERS_PSYCHE_PSYCHE_PROGRAM_IDS_H_
