#include "providers/psyche/spl_token_state.h"

#include <gtest/gtest.h>

#include "providers/solana/program_ids.h"

namespace psyche {
namespace {

using solana::Bytes;
using solana::Pubkey;

Pubkey Filled(uint8_t b) {
  std::array<uint8_t, 32> a;
  a.fill(b);
  return Pubkey(a);
}

Bytes Repeat(uint8_t b, size_t n) { return Bytes(n, b); }

Bytes Concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// spl-token's own pack test: authority [1;32], supply 42, decimals 7, freeze [2;32].
TEST(SplTokenStateTest, MintMatchesTheTokenProgramPackVector) {
  Mint m;
  m.mint_authority = Filled(1);
  m.supply = 42;
  m.decimals = 7;
  m.freeze_authority = Filled(2);
  const Bytes want = Concat({{1, 0, 0, 0}, Repeat(1, 32), {42, 0, 0, 0, 0, 0, 0, 0, 7, 1},
                             {1, 0, 0, 0}, Repeat(2, 32)});
  EXPECT_EQ(EncodeMint(m), want);
  auto back = DecodeMint(solana::program_ids::Token(), want);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->mint_authority, m.mint_authority);
  EXPECT_EQ(back->supply, 42u);
  EXPECT_EQ(back->freeze_authority, m.freeze_authority);
}

TEST(SplTokenStateTest, MintWithoutFreezeAuthorityIsZeroFilled) {
  Mint m;
  m.mint_authority = Filled(9);
  m.decimals = 6;
  Bytes b = EncodeMint(m);
  ASSERT_EQ(b.size(), kMintSize);
  EXPECT_EQ(b[44], 6);
  EXPECT_EQ(b[45], 1);
  EXPECT_EQ(Bytes(b.begin() + 46, b.end()), Repeat(0, 36));
}

// spl-token's pack test for Account: every optional field set, frozen.
TEST(SplTokenStateTest, TokenAccountMatchesTheTokenProgramPackVector) {
  TokenAccount a;
  a.mint = Filled(1);
  a.owner = Filled(2);
  a.amount = 3;
  a.delegate = Filled(4);
  a.state = TokenAccountState::kFrozen;
  a.is_native = 5;
  a.delegated_amount = 6;
  a.close_authority = Filled(7);
  const Bytes want =
      Concat({Repeat(1, 32), Repeat(2, 32), {3, 0, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0}, Repeat(4, 32),
              {2}, {1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0}, {6, 0, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0},
              Repeat(7, 32)});
  ASSERT_EQ(want.size(), kTokenAccountSize);
  EXPECT_EQ(EncodeTokenAccount(a), want);
  auto back = DecodeTokenAccount(solana::program_ids::Token(), want);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->delegate, a.delegate);
  EXPECT_EQ(back->is_native, a.is_native);
  EXPECT_EQ(back->close_authority, a.close_authority);
  EXPECT_EQ(back->state, TokenAccountState::kFrozen);
}

TEST(SplTokenStateTest, PlainTokenAccountHasNoneTags) {
  TokenAccount a;
  a.mint = Filled(1);
  a.owner = Filled(2);
  a.amount = 1'500'000;
  Bytes b = EncodeTokenAccount(a);
  ASSERT_EQ(b.size(), kTokenAccountSize);
  EXPECT_EQ(b[64], 0x60);  // 1,500,000 = 0x16e360
  EXPECT_EQ(b[72], 0);      // delegate None
  EXPECT_EQ(b[108], 1);     // initialized
  EXPECT_EQ(b[109], 0);     // is_native None
}

}  // namespace
}  // namespace psyche
