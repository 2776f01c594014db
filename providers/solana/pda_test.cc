#include "providers/solana/pda.h"

#include <sodium.h>

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "providers/solana/program_ids.h"

namespace solana {
namespace {

Pubkey Key(absl::string_view base58) { return Pubkey::FromBase58OrDie(base58); }

Pubkey KeyFromHex(absl::string_view hex) {
  std::string raw = absl::HexStringToBytes(hex);
  return *Pubkey::FromBytes(
      ByteView(reinterpret_cast<const uint8_t*>(raw.data()), raw.size()));
}

ByteView Text(absl::string_view s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

std::string ToHex(const Pubkey& k) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(k.bytes().data()), 32));
}

void ExpectPda(const std::vector<ByteView>& seeds, const Pubkey& program,
               absl::string_view address, uint8_t bump) {
  auto found = FindProgramAddress(seeds, program);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->address.ToBase58(), address);
  EXPECT_EQ(found->bump, bump);
  // Re-deriving with the stored bump gives the same address (what programs do).
  std::vector<ByteView> with_bump = seeds;
  with_bump.push_back(ByteView(&found->bump, 1));
  auto again = CreateProgramAddress(with_bump, program);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, found->address);
}

const Pubkey& System() { return program_ids::System(); }
const Pubkey& Authorizer() {
  static const Pubkey k = Key("PsyAUmhpmiUouWsnJdNGFSX8vZ6rWjXjgDPHsgqPGyw");
  return k;
}
const Pubkey& Treasurer() {
  static const Pubkey k = Key("EnU7DRx5az5YWxaxgqEGbXSYtudcfnjXewyBRRZCjJPw");
  return k;
}
const Pubkey& Coordinator() {
  static const Pubkey k = Key("4SHugWqSXwKE5fqDchkJcPEqnoZE22VYKtSTVm7axbT7");
  return k;
}
const Pubkey kWallet = Key("9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM");
const Pubkey kUsdc = Key("EPjFWdd5AufqSSqeM2qN1xxybapC8G4wEGGkZwyTDt1v");
const Pubkey kTestKey = Key("9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj");
constexpr absl::string_view kJoinScope = "CoordinatorJoinRun";

// ---- solana-wire 2.3 / 9.6: the curve test.

TEST(IsOnCurve, SpecVectors) {
  struct Case {
    const char* hex;
    bool on_curve;
  };
  const Case cases[] = {
      {"0100000000000000000000000000000000000000000000000000000000000000", true},  // identity
      {"5866666666666666666666666666666666666666666666666666666666666666", true},  // base point
      {"2e97174c56143b03bef1e3ed43784e5aa543009db1b653d8a7165f847460b302", true},
      {"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", true},  // y = p
      {"3386ddfa792bbde22586f83533b49c587c7c15641135e795971ec33b402b071e", true},  // vault 255
      {"ef0b74746a5771a3db286ebd494d3e400dbe92de5978ae49c32c232a62b4e0d9", false},  // test PDA
  };
  for (const Case& c : cases) {
    Pubkey k = KeyFromHex(c.hex);
    EXPECT_EQ(IsOnCurve(k), c.on_curve) << c.hex;
    // The sign bit never changes the answer (no x = 0 / sign check in dalek).
    auto bytes = k.bytes();
    bytes[31] ^= 0x80;
    EXPECT_EQ(IsOnCurve(Pubkey(bytes)), c.on_curve) << "sign flipped " << c.hex;
  }
}

TEST(IsOnCurve, NonCanonicalAndSpecialY) {
  // y = p + k for k = 0..18 is y = k; y = 1 (identity, x = 0) with the sign bit set.
  std::array<uint8_t, 32> b;
  for (int k = 0; k <= 18; ++k) {
    b.fill(0xff);
    b[0] = static_cast<uint8_t>(0xed + k);
    b[31] = 0x7f;
    std::array<uint8_t, 32> small{};
    small[0] = static_cast<uint8_t>(k);
    EXPECT_EQ(IsOnCurve(Pubkey(b)), IsOnCurve(Pubkey(small))) << k;
  }
  std::array<uint8_t, 32> one{};
  one[0] = 1;
  one[31] = 0x80;  // x = 0 with sign bit set: still decodes
  EXPECT_TRUE(IsOnCurve(Pubkey(one)));
  // y = 0: x^2 = -1/1 = -1, a square mod p (p = 1 mod 4), so (sqrt(-1), 0) is a point.
  EXPECT_TRUE(IsOnCurve(Pubkey()));
  // y = -1 = p - 1: u = 0, x = 0.
  std::array<uint8_t, 32> minus_one;
  minus_one.fill(0xff);
  minus_one[0] = 0xec;
  minus_one[31] = 0x7f;
  EXPECT_TRUE(IsOnCurve(Pubkey(minus_one)));
}

// libsodium 1.0.18's add() performs exactly dalek's decompression check (spec 2.3).
bool SodiumDecodes(const Pubkey& k) {
  static const Pubkey base =
      KeyFromHex("5866666666666666666666666666666666666666666666666666666666666666");
  uint8_t out[32];
  return crypto_core_ed25519_add(out, k.bytes().data(), base.bytes().data()) == 0;
}

TEST(IsOnCurve, AgreesWithLibsodiumAddOnManyHashes) {
  ASSERT_GE(sodium_init(), 0);
  int on = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    uint8_t counter[4] = {static_cast<uint8_t>(i), static_cast<uint8_t>(i >> 8),
                          static_cast<uint8_t>(i >> 16), 0};
    Pubkey h = Sha256({ByteView(counter, 4)});
    bool mine = IsOnCurve(h);
    ASSERT_EQ(mine, SodiumDecodes(h)) << ToHex(h);
    on += mine;
  }
  // About half of all hashes are on the curve (51% in the spec's sample).
  EXPECT_GT(on, n * 45 / 100);
  EXPECT_LT(on, n * 55 / 100);
}

TEST(IsOnCurve, AgreesWithLibsodiumNearFieldBoundaries) {
  // Values near 0, near p and near 2^255 stress the reduction.
  for (int hi = 0; hi < 2; ++hi) {
    for (int k = 0; k < 64; ++k) {
      std::array<uint8_t, 32> b{};
      if (hi) {
        b.fill(0xff);
        b[0] = static_cast<uint8_t>(0xff - k);
        b[31] = 0x7f;
      } else {
        b[0] = static_cast<uint8_t>(k);
      }
      for (int sign = 0; sign < 2; ++sign) {
        b[31] = static_cast<uint8_t>((b[31] & 0x7f) | (sign << 7));
        EXPECT_EQ(IsOnCurve(Pubkey(b)), SodiumDecodes(Pubkey(b))) << ToHex(Pubkey(b));
      }
    }
  }
}

// ---- solana-wire 2.1, 2.2, 9.6.

TEST(Pda, WireSpecVectors) {
  ExpectPda({Text("test")}, System(), "H68a6HmNocBWoDtYo2PDxX3ciRHLUosfsnH9b2r7xNPJ", 255);
  EXPECT_EQ(ToHex(FindProgramAddress({Text("test")}, System())->address),
            "ef0b74746a5771a3db286ebd494d3e400dbe92de5978ae49c32c232a62b4e0d9");
  // The is_valid_point mistake would return bump 255 here.
  ExpectPda({Text("vault")}, System(), "58CDQ9Qgw1ZPedjaTtwrR2MSG4EmmguHSPE2bFtyfinD", 254);
  ExpectPda({Text("state")}, System(), "GrJTYBCoeeKr9fu5uWqxhwfj48pbszyib5q4CrxExPxP", 250);
}

TEST(Pda, OnCurveCandidatesAreRejected) {
  const uint8_t b255 = 255;
  auto vault255 = CreateProgramAddress({Text("vault"), ByteView(&b255, 1)}, System());
  ASSERT_FALSE(vault255.ok());
  EXPECT_EQ(vault255.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(vault255.status().message().find("InvalidSeeds"), absl::string_view::npos);
  for (uint8_t bump = 251; bump != 0; ++bump) {  // 251..255 for ["state"]
    EXPECT_FALSE(CreateProgramAddress({Text("state"), ByteView(&bump, 1)}, System()).ok())
        << int{bump};
  }
  const uint8_t b250 = 250;
  EXPECT_EQ(CreateProgramAddress({Text("state"), ByteView(&b250, 1)}, System())->ToBase58(),
            "GrJTYBCoeeKr9fu5uWqxhwfj48pbszyib5q4CrxExPxP");
}

TEST(Pda, SeedsAreConcatenatedRaw) {
  auto a = FindProgramAddress({Text("ab"), Text("c")}, System());
  auto b = FindProgramAddress({Text("a"), Text("bc")}, System());
  auto c = FindProgramAddress({Text("abc")}, System());
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->address, b->address);
  EXPECT_EQ(a->address, c->address);
  EXPECT_NE(a->address, FindProgramAddress({Text("abd")}, System())->address);
  // The program id is part of the hash.
  EXPECT_NE(a->address, FindProgramAddress({Text("abc")}, Authorizer())->address);
}

TEST(Pda, SeedLimits) {
  Bytes seed32(32, 7), seed33(33, 7);
  std::vector<ByteView> sixteen(16, ByteView(seed32));
  std::vector<ByteView> seventeen(17, ByteView(seed32));
  std::vector<ByteView> fifteen(15, ByteView(seed32));
  // 16 seeds are allowed for create (the result may be on the curve, but not a limit error).
  auto c16 = CreateProgramAddress(sixteen, System());
  if (!c16.ok()) {
    EXPECT_NE(c16.status().message().find("InvalidSeeds"), absl::string_view::npos);
  }
  auto c17 = CreateProgramAddress(seventeen, System());
  ASSERT_FALSE(c17.ok());
  EXPECT_NE(c17.status().message().find("MaxSeedLengthExceeded"), absl::string_view::npos);
  EXPECT_FALSE(CreateProgramAddress({ByteView(seed33)}, System()).ok());
  // Find appends the bump as a 16th seed, so 15 is its limit.
  EXPECT_TRUE(FindProgramAddress(fifteen, System()).ok());
  auto f16 = FindProgramAddress(sixteen, System());
  ASSERT_FALSE(f16.ok());
  EXPECT_NE(f16.status().message().find("MaxSeedLengthExceeded"), absl::string_view::npos);
  auto f33 = FindProgramAddress({Text("x"), ByteView(seed33)}, System());
  ASSERT_FALSE(f33.ok());
  EXPECT_NE(f33.status().message().find("seed 1"), absl::string_view::npos);
  EXPECT_TRUE(FindProgramAddress({ByteView(seed32)}, System()).ok());
  // No seeds and empty seeds are fine.
  EXPECT_TRUE(FindProgramAddress({}, System()).ok());
  EXPECT_EQ(FindProgramAddress({Text("")}, System())->address,
            FindProgramAddress({}, System())->address);
}

// ---- authorizer-treasurer-token 8.1: Authorization PDAs (seeds per section 2.2).

TEST(Pda, AuthorizationVectors) {
  const Pubkey anyone;  // permissionless grantee: 32 zero bytes
  ExpectPda({Text("Authorization"), kWallet.view(), anyone.view(), Text(kJoinScope)},
            Authorizer(), "5g1jZbp4tVK9DRssLzbRiZYMbeTS1jWu1aGjcQcDPdKe", 255);
  EXPECT_EQ(ToHex(FindProgramAddress({Text("Authorization"), kWallet.view(), anyone.view(),
                                      Text(kJoinScope)},
                                     Authorizer())
                      ->address),
            "456d3a9fe41d94738680cfa0b6578d299091e45da9109a53ccd910f494e82199");
  // The first row's seeds, as hex in the spec.
  EXPECT_EQ(ToHex(kWallet), "7e8c088760bfde1dddcf32c17f209b8242ee52aaf131facd88d0ea2c6d0b06f2");
  EXPECT_EQ(absl::BytesToHexString("Authorization"), "417574686f72697a6174696f6e");
  EXPECT_EQ(absl::BytesToHexString(std::string(kJoinScope)),
            "436f6f7264696e61746f724a6f696e52756e");

  ExpectPda({Text("Authorization"), kWallet.view(), kWallet.view(), Text(kJoinScope)},
            Authorizer(), "5MhgiP4qKXwqBnf2qPC2JAN592dqSfXc92auwVJgfCWE", 254);
  ExpectPda({Text("Authorization"), kTestKey.view(), System().view(), Text(kJoinScope)},
            Authorizer(), "3V59ffLAJ1NBdLC8sCkwU8x3N2f1Y46WsWjXtoxY1oiS", 255);
}

// ---- authorizer-treasurer-token 8.2: treasurer PDAs and index.

TEST(Pda, TreasurerVectors) {
  Bytes index0, index1;
  PutU64(&index0, 0);
  PutU64(&index1, 1);
  ExpectPda({Text("Run"), index0}, Treasurer(), "5T7qGzQeVWZX21h3M3ogZXM4vaVaYQKC2jLG93PXA3DD",
            255);
  EXPECT_EQ(ToHex(FindProgramAddress({Text("Run"), index0}, Treasurer())->address),
            "421f92f7b43f84ba2907c26181a901a6e525be2ad15a849df2473df220fd2994");
  ExpectPda({Text("Run"), index1}, Treasurer(), "6W2Vd4VnJHHHCsZkXobnb9j4t86DZu1a6auk7CorJihT",
            254);

  // Deterministic index of run_id "test": first 8 bytes of SHA-256, little-endian.
  Hash h = Sha256({Text("test")});
  EXPECT_EQ(ToHex(h), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  uint64_t index = DecodeFixedLE<uint64_t>(h.bytes().data());
  EXPECT_EQ(index, 7313085519096743583u);
  Bytes index_seed;
  PutU64(&index_seed, index);
  ExpectPda({Text("Run"), index_seed}, Treasurer(), "tG3nRngwkJC3JAL9Aq9AMhFtTzr56hr9ZmaSRpD8dT8",
            252);
  Pubkey run = FindProgramAddress({Text("Run"), index_seed}, Treasurer())->address;
  EXPECT_EQ(ToHex(run), "0d21a2d5daf0721e9a87e6309e4d7e3d79d4c542121d085e39daf14d0c36b0b3");

  // The run's USDC vault is an ATA whose wallet is itself a PDA.
  EXPECT_EQ(AssociatedTokenAddress(run, kUsdc).ToBase58(),
            "CBQPsWTfC2X7o1Afe9edFGmQrZNKkzLPbG9c1K1JyhFt");
  ExpectPda({run.view(), program_ids::Token().view(), kUsdc.view()},
            program_ids::AssociatedToken(), "CBQPsWTfC2X7o1Afe9edFGmQrZNKkzLPbG9c1K1JyhFt", 254);

  ExpectPda({Text("Participant"), run.view(), kWallet.view()}, Treasurer(),
            "wCB8x398iWmQrMAo5bZurFaPseXzReAjrw5Jq9PMD1e", 254);
}

// ---- coordinator 1.3 (and authorizer-treasurer-token 8.2): CoordinatorInstance PDAs.

TEST(Pda, CoordinatorInstanceVectors) {
  struct Case {
    const char* run_id;
    const char* address;
    uint8_t bump;
  };
  const Case cases[] = {
      {"test", "9L4yCH7TsMn9JfoXYEupuQwtcNPTTtHcyNL6uqDfjwGB", 255},
      {"consilience-40b-1", "7pRsEWgkuQE3YzcH7yhDwtWquU8nzYVyCiwrdh6BgcNk", 255},
      {"llama2-20m-dolma", "GKQLSSKSjSJR5FN23Hby9XGNiW5wqRYzFHPGozNVUAmE", 254},
      {"this is a dummy run_id", "7A8YkWgQusRWodA6kUbutrW4S63g2oWeMF3MArExJTAe", 252},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.run_id);
    ExpectPda({Text("coordinator"), Text(c.run_id)}, Coordinator(), c.address, c.bump);
  }
  EXPECT_EQ(ToHex(FindProgramAddress({Text("coordinator"), Text("test")}, Coordinator())->address),
            "7bc004b5c499e64ecd3fbfceb2641996c489db56b34959aa9dffe9e8a4542c78");
  // A run id over 32 bytes has no PDA.
  EXPECT_FALSE(
      FindProgramAddress({Text("coordinator"), Text(std::string(33, 'r'))}, Coordinator()).ok());
}

// ---- solana-wire 2.4 / 9.6 and authorizer-treasurer-token 8.3: ATAs.

TEST(Ata, Vectors) {
  Pubkey ata = AssociatedTokenAddress(kWallet, kUsdc);
  EXPECT_EQ(ata.ToBase58(), "F4FkgeGUEUH8bc7dMM1jKMGwdGU89RToaXtzrxQhkUro");
  EXPECT_EQ(ToHex(ata), "d0d90a753e2541ddafe79ceae53dfa492518f75ba55dc570da37a1f31036cfec");
  ExpectPda({kWallet.view(), program_ids::Token().view(), kUsdc.view()},
            program_ids::AssociatedToken(), "F4FkgeGUEUH8bc7dMM1jKMGwdGU89RToaXtzrxQhkUro", 255);
  EXPECT_EQ(AssociatedTokenAddress(kWallet, kUsdc, program_ids::Token()), ata);

  EXPECT_EQ(AssociatedTokenAddress(kTestKey, kUsdc).ToBase58(),
            "84UDfubfRgRiNZHjvRA4NndwsTBJhyF4gngE6NZmpW3m");
  ExpectPda({kTestKey.view(), program_ids::Token().view(), kUsdc.view()},
            program_ids::AssociatedToken(), "84UDfubfRgRiNZHjvRA4NndwsTBJhyF4gngE6NZmpW3m", 254);
}

TEST(Ata, SeedOrderAndTokenProgramMatter) {
  const Pubkey token2022 = Key("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");
  Pubkey classic = AssociatedTokenAddress(kWallet, kUsdc);
  Pubkey t22 = AssociatedTokenAddress(kWallet, kUsdc, token2022);
  EXPECT_NE(classic, t22);
  EXPECT_EQ(t22, FindProgramAddress({kWallet.view(), token2022.view(), kUsdc.view()},
                                    program_ids::AssociatedToken())
                     ->address);
  EXPECT_NE(AssociatedTokenAddress(kUsdc, kWallet), classic);  // wallet and mint swapped
}

}  // namespace
}  // namespace solana
