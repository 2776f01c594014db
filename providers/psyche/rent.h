// Offline rent-exempt minimum (authorizer-treasurer-token.md 6.3). The live
// rate can be lower (SIMD-0437); prefer getMinimumBalanceForRentExemption and
// use this only as a fallback: 6,960 is the highest rate so far, so it never
// under-funds an account.
#ifndef PROVIDERS_PSYCHE_RENT_H_
#define PROVIDERS_PSYCHE_RENT_H_

#include <cstdint>

namespace psyche {

inline constexpr uint64_t kDefaultLamportsPerByte = 6'960;
inline constexpr uint64_t kAccountStorageOverhead = 128;

constexpr uint64_t RentExemptMinimum(uint64_t data_len,
                                     uint64_t lamports_per_byte = kDefaultLamportsPerByte) {
  return (kAccountStorageOverhead + data_len) * lamports_per_byte;
}

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_RENT_H_
