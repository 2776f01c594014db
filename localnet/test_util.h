// Test-only helpers: deterministic signers and a small legacy-transaction
// builder (libsodium directly, so localnet tests do not depend on other branches).
#ifndef LOCALNET_TEST_UTIL_H_
#define LOCALNET_TEST_UTIL_H_

#include <sodium.h>

#include <string>
#include <vector>

#include "localnet/wire_tx.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/program_ids.h"

namespace localnet::testing {

using solana::Bytes;
using solana::Hash;
using solana::Pubkey;

struct Signer {
  Pubkey pubkey;
  std::array<uint8_t, 64> secret{};

  static Signer FromSeed(const std::array<uint8_t, 32>& seed) {
    Signer s;
    std::array<uint8_t, 32> pk;
    crypto_sign_ed25519_seed_keypair(pk.data(), s.secret.data(), seed.data());
    s.pubkey = Pubkey(pk);
    return s;
  }
  // Seed = 32 copies of `b`.
  static Signer Numbered(uint8_t b) {
    std::array<uint8_t, 32> seed;
    seed.fill(b);
    return FromSeed(seed);
  }
  Signature Sign(solana::ByteView msg) const {
    Signature sig;
    crypto_sign_ed25519_detached(sig.data(), nullptr, msg.data(), msg.size(), secret.data());
    return sig;
  }
};

// The spec's test keypair (seed = bytes 1..32), address 9C6hybhQ…
inline Signer SpecSigner() {
  std::array<uint8_t, 32> seed;
  for (int i = 0; i < 32; ++i) seed[i] = static_cast<uint8_t>(i + 1);
  return Signer::FromSeed(seed);
}

inline Pubkey KeyOf(uint8_t last) {
  std::array<uint8_t, 32> b{};
  b[31] = last;
  return Pubkey(b);
}

inline Hash HashOf(uint8_t fill) {
  std::array<uint8_t, 32> b;
  b.fill(fill);
  return Hash(b);
}

struct Ix {
  Pubkey program;
  std::vector<std::pair<Pubkey, bool>> accounts;  // (key, writable); signers come from the key list
  Bytes data;
};

inline Bytes TransferData(uint64_t lamports) {
  Bytes d;
  solana::PutU32(&d, 2);
  solana::PutU64(&d, lamports);
  return d;
}
inline Ix Transfer(const Pubkey& from, const Pubkey& to, uint64_t lamports) {
  return {solana::program_ids::System(), {{from, true}, {to, true}}, TransferData(lamports)};
}
inline Ix CreateAccount(const Pubkey& from, const Pubkey& to, uint64_t lamports, uint64_t space,
                        const Pubkey& owner) {
  Bytes d;
  solana::PutU32(&d, 0);
  solana::PutU64(&d, lamports);
  solana::PutU64(&d, space);
  solana::PutBytes(&d, owner.view());
  return {solana::program_ids::System(), {{from, true}, {to, true}}, d};
}
inline Ix SetComputeUnitLimit(uint32_t units) {
  Bytes d = {2};
  solana::PutU32(&d, units);
  return {solana::program_ids::ComputeBudget(), {}, d};
}
inline Ix SetComputeUnitPrice(uint64_t micro_lamports) {
  Bytes d = {3};
  solana::PutU64(&d, micro_lamports);
  return {solana::program_ids::ComputeBudget(), {}, d};
}

// Compiles a legacy message (spec 3.4 ordering, raw-byte sort within groups)
// and signs it with `signers` (signers[0] is the fee payer).
inline Bytes BuildTx(const std::vector<const Signer*>& signers, const std::vector<Ix>& ixs,
                     const Hash& blockhash, bool corrupt_signature = false) {
  struct Meta {
    Pubkey key;
    bool signer, writable;
  };
  std::vector<Meta> metas;
  auto add = [&](const Pubkey& k, bool signer, bool writable) {
    for (auto& m : metas) {
      if (m.key == k) {
        m.signer |= signer;
        m.writable |= writable;
        return;
      }
    }
    metas.push_back({k, signer, writable});
  };
  for (const Signer* s : signers) add(s->pubkey, true, false);
  for (const auto& ix : ixs) {
    for (const auto& [k, w] : ix.accounts) add(k, false, w);
    add(ix.program, false, false);
  }
  const Pubkey payer = signers[0]->pubkey;
  std::vector<Meta> rest;
  for (const auto& m : metas) {
    if (m.key != payer) rest.push_back(m);
  }
  auto group = [](const Meta& m) { return (m.signer ? 0 : 2) + (m.writable ? 0 : 1); };
  std::sort(rest.begin(), rest.end(), [&](const Meta& a, const Meta& b) {
    if (group(a) != group(b)) return group(a) < group(b);
    return a.key < b.key;
  });
  std::vector<Meta> keys = {{payer, true, true}};
  keys.insert(keys.end(), rest.begin(), rest.end());
  uint8_t r = 0, rs = 0, ru = 0;
  for (const auto& m : keys) {
    if (m.signer) {
      ++r;
      if (!m.writable) ++rs;
    } else if (!m.writable) {
      ++ru;
    }
  }
  auto index = [&](const Pubkey& k) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].key == k) return static_cast<uint8_t>(i);
    }
    return uint8_t{0};
  };
  Bytes msg = {r, rs, ru};
  PutShortVec(&msg, static_cast<uint16_t>(keys.size()));
  for (const auto& m : keys) solana::PutBytes(&msg, m.key.view());
  solana::PutBytes(&msg, blockhash.view());
  PutShortVec(&msg, static_cast<uint16_t>(ixs.size()));
  for (const auto& ix : ixs) {
    msg.push_back(index(ix.program));
    PutShortVec(&msg, static_cast<uint16_t>(ix.accounts.size()));
    for (const auto& [k, w] : ix.accounts) msg.push_back(index(k));
    PutShortVec(&msg, static_cast<uint16_t>(ix.data.size()));
    solana::PutBytes(&msg, ix.data);
  }
  Bytes tx;
  PutShortVec(&tx, r);
  for (uint8_t i = 0; i < r; ++i) {
    const Signer* s = nullptr;
    for (const Signer* c : signers) {
      if (c->pubkey == keys[i].key) s = c;
    }
    Signature sig = s ? s->Sign(msg) : Signature{};
    if (corrupt_signature && i == 0) sig[0] ^= 1;
    solana::PutBytes(&tx, solana::ByteView(sig.data(), 64));
  }
  solana::PutBytes(&tx, msg);
  return tx;
}

inline std::string SigBase58(solana::ByteView tx) {
  return solana::Base58Encode(tx.subspan(1, 64));
}

inline Bytes Hex(const std::string& hex) {
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace localnet::testing

#endif  // LOCALNET_TEST_UTIL_H_
