// Test-only helpers shared by the program tests: the spec's deterministic
// keypairs and complete signed legacy transactions over blockhash 32 x 07
// (authorizer-treasurer-token.md 8.5). Header-only so no library links it.
#ifndef PROVIDERS_PSYCHE_SIGNED_TRANSACTION_FOR_TEST_H_
#define PROVIDERS_PSYCHE_SIGNED_TRANSACTION_FOR_TEST_H_

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "providers/solana/keypair.h"
#include "providers/solana/transaction.h"

namespace psyche {

// Seed bytes first, first+1, ..., first+31 (K1 = 1, K2 = 33).
inline solana::Keypair TestKeypair(uint8_t first) {
  std::array<uint8_t, 32> seed;
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(first + i);
  return solana::Keypair::FromSeed(seed).value();
}

struct SignedForTest {
  solana::Bytes message;
  solana::Bytes wire;
  std::string first_signature_base58;
  std::string base64;
};

// Fee payer = the first signer.
inline SignedForTest SignLegacyForTest(const std::vector<solana::Instruction>& instructions,
                                       const std::vector<const solana::Keypair*>& signers) {
  std::array<uint8_t, 32> sevens;
  sevens.fill(7);
  auto tx = solana::CompileAndSign(signers.front()->pubkey(), instructions, solana::Hash(sevens),
                                   signers);
  EXPECT_TRUE(tx.ok()) << tx.status();
  if (!tx.ok()) return {};
  SignedForTest out;
  out.message = tx->message.Serialize();
  out.wire = tx->Serialize();
  out.first_signature_base58 = tx->Id();
  out.base64 = absl::Base64Escape(
      absl::string_view(reinterpret_cast<const char*>(out.wire.data()), out.wire.size()));
  return out;
}

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_SIGNED_TRANSACTION_FOR_TEST_H_
