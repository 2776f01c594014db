// Test-only helpers shared by the codec tests of providers/psyche: keys from
// base58 or a fill byte, hex literals, and account-meta checks. Header-only so
// no library links it.
#ifndef PROVIDERS_PSYCHE_CODEC_TEST_UTIL_H_
#define PROVIDERS_PSYCHE_CODEC_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "providers/psyche/hex.h"
#include "providers/solana/coding.h"
#include "providers/solana/instruction.h"
#include "providers/solana/pubkey.h"

namespace psyche::testing {

inline solana::Pubkey Key(const char* b58) { return solana::Pubkey::FromBase58OrDie(b58); }

// All 32 bytes equal to `fill`: distinct, readable keys for layout tests.
inline solana::Pubkey Key(uint8_t fill) {
  std::array<uint8_t, 32> bytes;
  bytes.fill(fill);
  return solana::Pubkey(bytes);
}

inline solana::Bytes Hex(const char* hex) { return HexDecode(hex).value(); }

inline void ExpectMeta(const solana::AccountMeta& meta, const solana::Pubkey& key, bool signer,
                       bool writable) {
  EXPECT_EQ(meta.pubkey, key);
  EXPECT_EQ(meta.is_signer, signer) << key.ToBase58();
  EXPECT_EQ(meta.is_writable, writable) << key.ToBase58();
}

}  // namespace psyche::testing

#endif  // PROVIDERS_PSYCHE_CODEC_TEST_UTIL_H_
