#include "providers/solana/pda.h"

#include <sodium.h>

#include <array>
#include <cstring>

#include "providers/solana/program_ids.h"

namespace solana {
namespace {

// ---- Arithmetic mod p = 2^255 - 19 in five 51-bit limbs (value = sum l[i] * 2^(51 i)).
// Only what the curve test needs: mul, square, sub, add-one and a canonical reduction.
using Fe = std::array<uint64_t, 5>;
using u128 = unsigned __int128;
constexpr uint64_t kMask51 = (uint64_t{1} << 51) - 1;

// Little-endian bytes with bit 255 cleared; values >= p are kept (reduced lazily).
Fe FeFromBytes(const uint8_t* b) {
  uint64_t w[4];
  for (int i = 0; i < 4; ++i) w[i] = DecodeFixedLE<uint64_t>(b + 8 * i);
  return Fe{w[0] & kMask51, ((w[0] >> 51) | (w[1] << 13)) & kMask51,
            ((w[1] >> 38) | (w[2] << 26)) & kMask51, ((w[2] >> 25) | (w[3] << 39)) & kMask51,
            (w[3] >> 12) & kMask51};
}

// Carries 128-bit column sums back into limbs below 2^52.
Fe FeCarry(u128 c0, u128 c1, u128 c2, u128 c3, u128 c4) {
  c1 += static_cast<uint64_t>(c0 >> 51);
  c2 += static_cast<uint64_t>(c1 >> 51);
  c3 += static_cast<uint64_t>(c2 >> 51);
  c4 += static_cast<uint64_t>(c3 >> 51);
  uint64_t r0 = (static_cast<uint64_t>(c0) & kMask51) + static_cast<uint64_t>(c4 >> 51) * 19;
  uint64_t r1 = (static_cast<uint64_t>(c1) & kMask51) + (r0 >> 51);
  return Fe{r0 & kMask51, r1, static_cast<uint64_t>(c2) & kMask51,
            static_cast<uint64_t>(c3) & kMask51, static_cast<uint64_t>(c4) & kMask51};
}

Fe FeMul(const Fe& a, const Fe& b) {
  // 2^255 = 19 (mod p), so limb products that overflow limb 4 wrap with a factor 19.
  const uint64_t b1 = b[1] * 19, b2 = b[2] * 19, b3 = b[3] * 19, b4 = b[4] * 19;
  auto m = [](uint64_t x, uint64_t y) { return static_cast<u128>(x) * y; };
  u128 c0 = m(a[0], b[0]) + m(a[1], b4) + m(a[2], b3) + m(a[3], b2) + m(a[4], b1);
  u128 c1 = m(a[0], b[1]) + m(a[1], b[0]) + m(a[2], b4) + m(a[3], b3) + m(a[4], b2);
  u128 c2 = m(a[0], b[2]) + m(a[1], b[1]) + m(a[2], b[0]) + m(a[3], b4) + m(a[4], b3);
  u128 c3 = m(a[0], b[3]) + m(a[1], b[2]) + m(a[2], b[1]) + m(a[3], b[0]) + m(a[4], b4);
  u128 c4 = m(a[0], b[4]) + m(a[1], b[3]) + m(a[2], b[2]) + m(a[3], b[1]) + m(a[4], b[0]);
  return FeCarry(c0, c1, c2, c3, c4);
}

Fe FeSquare(const Fe& a) {
  auto m = [](uint64_t x, uint64_t y) { return static_cast<u128>(x) * y; };
  const uint64_t d0 = a[0] * 2, d1 = a[1] * 2, d3 = a[3] * 2;
  const uint64_t a3_19 = a[3] * 19, a4_19 = a[4] * 19;
  u128 c0 = m(a[0], a[0]) + m(d1, a4_19) + m(a[2] * 2, a3_19);
  u128 c1 = m(d0, a[1]) + m(a[2] * 2, a4_19) + m(a[3], a3_19);
  u128 c2 = m(d0, a[2]) + m(a[1], a[1]) + m(d3, a4_19);
  u128 c3 = m(d0, a[3]) + m(d1, a[2]) + m(a[4], a4_19);
  u128 c4 = m(d0, a[4]) + m(d1, a[3]) + m(a[2], a[2]);
  return FeCarry(c0, c1, c2, c3, c4);
}

Fe FeSquareTimes(Fe a, int n) {
  for (int i = 0; i < n; ++i) a = FeSquare(a);
  return a;
}

// a - b for limbs below 2^52: adds 4p first so no limb goes negative.
Fe FeSub(const Fe& a, const Fe& b) {
  constexpr uint64_t k4p0 = 4 * ((uint64_t{1} << 51) - 19);
  constexpr uint64_t k4pi = 4 * kMask51;
  return FeCarry(a[0] + k4p0 - b[0], a[1] + k4pi - b[1], a[2] + k4pi - b[2],
                 a[3] + k4pi - b[3], a[4] + k4pi - b[4]);
}

Fe FeAddOne(Fe a) {
  a[0] += 1;
  return FeCarry(a[0], a[1], a[2], a[3], a[4]);
}

// Propagates every carry so each limb is below 2^51, wrapping 2^255 to 19.
void FeNormalize(Fe* h) {
  for (int i = 0; i < 4; ++i) {
    (*h)[i + 1] += (*h)[i] >> 51;
    (*h)[i] &= kMask51;
  }
  (*h)[0] += 19 * ((*h)[4] >> 51);
  (*h)[4] &= kMask51;
}

// The unique representative in [0, p), limbs below 2^51.
Fe FeCanonical(const Fe& a) {
  Fe h = a;
  // Three passes settle any carry out of limb 4 (limbs start below 2^52).
  FeNormalize(&h);
  FeNormalize(&h);
  FeNormalize(&h);
  // Now h < 2^255; q = 1 exactly when h >= p, i.e. when h + 19 >= 2^255.
  uint64_t q = (h[0] + 19) >> 51;
  q = (h[1] + q) >> 51;
  q = (h[2] + q) >> 51;
  q = (h[3] + q) >> 51;
  q = (h[4] + q) >> 51;
  h[0] += 19 * q;  // h - q*p = h + 19q - q*2^255; the 2^255 bit is masked off below
  for (int i = 0; i < 4; ++i) {
    h[i + 1] += h[i] >> 51;
    h[i] &= kMask51;
  }
  h[4] &= kMask51;
  return h;
}

bool FeEquals(const Fe& a, uint64_t small) {
  Fe c = FeCanonical(a);
  return c[0] == small && c[1] == 0 && c[2] == 0 && c[3] == 0 && c[4] == 0;
}

// z^((p-1)/2) = z^(2^254 - 10): the Legendre symbol (0, 1 or p-1).
Fe FeLegendre(const Fe& z) {
  Fe z2 = FeSquare(z);                                   // 2
  Fe z4 = FeSquare(z2);                                  // 4
  Fe z9 = FeMul(FeSquare(z4), z);                        // 9
  Fe z11 = FeMul(z9, z2);                                // 11
  Fe e5 = FeMul(FeSquare(z11), z9);                      // 2^5 - 1
  Fe e10 = FeMul(FeSquareTimes(e5, 5), e5);              // 2^10 - 1
  Fe e20 = FeMul(FeSquareTimes(e10, 10), e10);           // 2^20 - 1
  Fe e40 = FeMul(FeSquareTimes(e20, 20), e20);           // 2^40 - 1
  Fe e50 = FeMul(FeSquareTimes(e40, 10), e10);           // 2^50 - 1
  Fe e100 = FeMul(FeSquareTimes(e50, 50), e50);          // 2^100 - 1
  Fe e200 = FeMul(FeSquareTimes(e100, 100), e100);       // 2^200 - 1
  Fe e250 = FeMul(FeSquareTimes(e200, 50), e50);         // 2^250 - 1
  return FeMul(FeSquareTimes(e250, 4), FeMul(z4, z2));   // 2^254 - 16 + 6
}

// d = -121665/121666 mod p (spec solana-wire 2.3).
const Fe& CurveD() {
  static const Fe d = [] {
    static constexpr uint8_t kD[32] = {
        0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41,
        0x41, 0x4d, 0x0a, 0x70, 0x00, 0x98, 0xe8, 0x79, 0x77, 0x79, 0x40,
        0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52};
    return FeFromBytes(kD);
  }();
  return d;
}

constexpr size_t kMaxSeeds = 16;
constexpr size_t kMaxSeedLength = 32;
constexpr char kPdaMarker[] = "ProgramDerivedAddress";

absl::Status CheckSeeds(const std::vector<ByteView>& seeds, size_t max_seeds) {
  if (seeds.size() > max_seeds) {
    return absl::InvalidArgumentError(absl::StrCat(
        "MaxSeedLengthExceeded: ", seeds.size(), " seeds, at most ", max_seeds, " allowed"));
  }
  for (size_t i = 0; i < seeds.size(); ++i) {
    if (seeds[i].size() > kMaxSeedLength) {
      return absl::InvalidArgumentError(absl::StrCat("MaxSeedLengthExceeded: seed ", i, " is ",
                                                     seeds[i].size(), " bytes, at most 32"));
    }
  }
  return absl::OkStatus();
}

void HashSeeds(crypto_hash_sha256_state* st, const std::vector<ByteView>& seeds) {
  crypto_hash_sha256_init(st);
  for (const ByteView& s : seeds) {
    if (!s.empty()) crypto_hash_sha256_update(st, s.data(), s.size());
  }
}

// Finishes SHA-256(seeds ‖ [extra] ‖ program_id ‖ "ProgramDerivedAddress").
Pubkey FinishPdaHash(crypto_hash_sha256_state st, const Pubkey& program_id) {
  crypto_hash_sha256_update(&st, program_id.bytes().data(), Pubkey::kSize);
  crypto_hash_sha256_update(&st, reinterpret_cast<const uint8_t*>(kPdaMarker),
                            sizeof(kPdaMarker) - 1);
  std::array<uint8_t, 32> out;
  crypto_hash_sha256_final(&st, out.data());
  return Pubkey(out);
}

}  // namespace

// curve25519-dalek's decompress() succeeds iff (y^2-1)/(d y^2+1) has a square root.
// Since d y^2 + 1 is never 0, that is iff u*v is 0 or a quadratic residue.
bool IsOnCurve(const Pubkey& key) {
  Fe y = FeFromBytes(key.bytes().data());  // sign bit ignored, y >= p accepted
  Fe y2 = FeSquare(y);
  Fe one = {1, 0, 0, 0, 0};
  Fe u = FeSub(y2, one);
  Fe v = FeAddOne(FeMul(CurveD(), y2));
  Fe uv = FeMul(u, v);
  if (FeEquals(uv, 0)) return true;
  return FeEquals(FeLegendre(uv), 1);
}

absl::StatusOr<Pubkey> CreateProgramAddress(const std::vector<ByteView>& seeds,
                                            const Pubkey& program_id) {
  RETURN_IF_ERROR(CheckSeeds(seeds, kMaxSeeds));
  crypto_hash_sha256_state st;
  HashSeeds(&st, seeds);
  Pubkey address = FinishPdaHash(st, program_id);
  if (IsOnCurve(address)) {
    return absl::InvalidArgumentError("InvalidSeeds: the derived address is on the curve");
  }
  return address;
}

absl::StatusOr<ProgramAddress> FindProgramAddress(const std::vector<ByteView>& seeds,
                                                  const Pubkey& program_id) {
  RETURN_IF_ERROR(CheckSeeds(seeds, kMaxSeeds - 1));
  crypto_hash_sha256_state prefix;
  HashSeeds(&prefix, seeds);  // shared by every bump candidate
  for (int bump = 255; bump >= 1; --bump) {
    crypto_hash_sha256_state st = prefix;
    const uint8_t bump_byte = static_cast<uint8_t>(bump);
    crypto_hash_sha256_update(&st, &bump_byte, 1);
    Pubkey candidate = FinishPdaHash(st, program_id);
    if (!IsOnCurve(candidate)) return ProgramAddress{candidate, bump_byte};
  }
  return absl::NotFoundError("no off-curve program address for bumps 255..1");
}

Pubkey AssociatedTokenAddress(const Pubkey& wallet, const Pubkey& mint) {
  return AssociatedTokenAddress(wallet, mint, program_ids::Token());
}

Pubkey AssociatedTokenAddress(const Pubkey& wallet, const Pubkey& mint,
                              const Pubkey& token_program) {
  auto found = FindProgramAddress({wallet.view(), token_program.view(), mint.view()},
                                  program_ids::AssociatedToken());
  // Three 32-byte seeds always pass the limits; all 255 bumps on the curve has
  // probability about 2^-255, and then no account can exist at any address.
  return found.ok() ? found->address : Pubkey();
}

}  // namespace solana
