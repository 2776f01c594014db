// Addresses of the builtin and SPL programs and sysvars the tool talks to.
#ifndef PROVIDERS_SOLANA_PROGRAM_IDS_H_
#define PROVIDERS_SOLANA_PROGRAM_IDS_H_

#include "providers/solana/pubkey.h"

namespace solana::program_ids {

inline const Pubkey& System() {
  static const Pubkey k = Pubkey::FromBase58OrDie("11111111111111111111111111111111");
  return k;
}
inline const Pubkey& ComputeBudget() {
  static const Pubkey k = Pubkey::FromBase58OrDie("ComputeBudget111111111111111111111111111111");
  return k;
}
inline const Pubkey& Token() {
  static const Pubkey k = Pubkey::FromBase58OrDie("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
  return k;
}
inline const Pubkey& AssociatedToken() {
  static const Pubkey k = Pubkey::FromBase58OrDie("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
  return k;
}
inline const Pubkey& SysvarRent() {
  static const Pubkey k = Pubkey::FromBase58OrDie("SysvarRent111111111111111111111111111111111");
  return k;
}
inline const Pubkey& SysvarRecentBlockhashes() {
  static const Pubkey k = Pubkey::FromBase58OrDie("SysvarRecentB1ockHashes11111111111111111111");
  return k;
}

}  // namespace solana::program_ids

#endif  // PROVIDERS_SOLANA_PROGRAM_IDS_H_
