// The account store: every live account of the ledger keyed by address.
// An account with zero lamports does not exist (it is removed on commit).
#ifndef LOCALNET_ACCOUNTS_DB_H_
#define LOCALNET_ACCOUNTS_DB_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace localnet {

using solana::Bytes;
using solana::ByteView;
using solana::Pubkey;

struct Account {
  uint64_t lamports = 0;
  Pubkey owner;  // System Program for a fresh account
  Bytes data;
  bool executable = false;
  uint64_t rent_epoch = std::numeric_limits<uint64_t>::max();

  bool operator==(const Account&) const = default;
};

// Rent-exempt minimum with the default parameters: (128 + len) * 6960 (spec 4.4).
constexpr uint64_t kAccountStorageOverhead = 128;
constexpr uint64_t kLamportsPerByteYearTimesTwo = 6960;
inline uint64_t RentExemptMinimum(uint64_t data_len) {
  return (kAccountStorageOverhead + data_len) * kLamportsPerByteYearTimesTwo;
}

struct PubkeyHasher {
  size_t operator()(const Pubkey& k) const {
    // All 32 bytes count: test and vanity addresses often share long prefixes.
    const uint8_t* p = k.bytes().data();
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 4; ++i) {
      h ^= solana::DecodeFixedLE<uint64_t>(p + 8 * i);
      h *= 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    return static_cast<size_t>(h);
  }
};

class AccountsDb {
 public:
  // nullptr when absent.
  const Account* Find(const Pubkey& key) const;
  // A copy, or a fresh System-owned empty account when absent.
  Account GetOrDefault(const Pubkey& key) const;
  // Stores the account; zero lamports removes it.
  void Store(const Pubkey& key, Account account);
  void Remove(const Pubkey& key);
  size_t size() const { return accounts_.size(); }
  void Reserve(size_t n) { accounts_.reserve(n); }
  void Clear() { accounts_.clear(); }
  void ForEach(const std::function<void(const Pubkey&, const Account&)>& fn) const;

 private:
  std::unordered_map<Pubkey, Account, PubkeyHasher> accounts_;
};

// Binary form used by the WAL and snapshots:
// key 32 | lamports u64 | owner 32 | executable u8 | rent_epoch u64 | len u32 | data.
void EncodeAccount(const Pubkey& key, const Account& account, Bytes* out);
absl::Status DecodeAccount(solana::ByteReader* in, Pubkey* key, Account* account);

}  // namespace localnet

#endif  // LOCALNET_ACCOUNTS_DB_H_
