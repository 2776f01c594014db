// Program derived addresses (spec solana-wire section 2) and associated token accounts.
#ifndef PROVIDERS_SOLANA_PDA_H_
#define PROVIDERS_SOLANA_PDA_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace solana {

struct ProgramAddress {
  Pubkey address;
  uint8_t bump = 0;
};

// True when the 32 bytes decompress to an Ed25519 point (curve25519-dalek's rule).
bool IsOnCurve(const Pubkey& key);

// At most 16 seeds of at most 32 bytes; InvalidArgument when the hash is on the curve.
absl::StatusOr<Pubkey> CreateProgramAddress(const std::vector<ByteView>& seeds,
                                            const Pubkey& program_id);
// Bumps 255..1; at most 15 caller seeds.
absl::StatusOr<ProgramAddress> FindProgramAddress(const std::vector<ByteView>& seeds,
                                                  const Pubkey& program_id);

// ATA of (wallet, mint) under the classic SPL Token program by default.
Pubkey AssociatedTokenAddress(const Pubkey& wallet, const Pubkey& mint);
Pubkey AssociatedTokenAddress(const Pubkey& wallet, const Pubkey& mint,
                              const Pubkey& token_program);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_PDA_H_
