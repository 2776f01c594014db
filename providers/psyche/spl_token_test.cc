#include "providers/psyche/spl_token.h"

#include <gtest/gtest.h>

#include "providers/psyche/codec_test_util.h"

#include <cmath>
#include <limits>

#include "providers/psyche/hex.h"
#include "providers/psyche/rent.h"
#include "providers/solana/pda.h"
#include "providers/solana/program_ids.h"

namespace psyche {
namespace {

using ::psyche::testing::Key;
using ::psyche::testing::Hex;
using ::psyche::testing::ExpectMeta;

using solana::Bytes;
using solana::Pubkey;

const Pubkey kWallet = Key("9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM");
const Pubkey kUsdc = Key("EPjFWdd5AufqSSqeM2qN1xxybapC8G4wEGGkZwyTDt1v");
const Pubkey kK1 = Key("9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj");
const Pubkey kToken2022 = Key("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");

// ---- instruction data and metas (spec 8.4, 5.4, 5.6) ----

TEST(SplTokenTest, TransferDataAndMetas) {
  const Pubkey src = Key("84UDfubfRgRiNZHjvRA4NndwsTBJhyF4gngE6NZmpW3m");
  const Pubkey dst = Key("CBQPsWTfC2X7o1Afe9edFGmQrZNKkzLPbG9c1K1JyhFt");
  solana::Instruction ix = TokenTransfer(src, dst, kK1, 1'500'000);
  EXPECT_EQ(ix.program_id, solana::program_ids::Token());
  EXPECT_EQ(ix.data, Hex("0360e3160000000000"));
  ASSERT_EQ(ix.accounts.size(), 3u);
  ExpectMeta(ix.accounts[0], src, false, true);
  ExpectMeta(ix.accounts[1], dst, false, true);
  ExpectMeta(ix.accounts[2], kK1, true, false);
}

TEST(SplTokenTest, TransferCheckedDataAndMetas) {
  const Pubkey src = Key("84UDfubfRgRiNZHjvRA4NndwsTBJhyF4gngE6NZmpW3m");
  const Pubkey dst = Key("CBQPsWTfC2X7o1Afe9edFGmQrZNKkzLPbG9c1K1JyhFt");
  solana::Instruction ix = TokenTransferChecked(src, kUsdc, dst, kK1, 1'500'000, 6);
  EXPECT_EQ(ix.data, Hex("0c60e316000000000006"));
  ASSERT_EQ(ix.accounts.size(), 4u);
  ExpectMeta(ix.accounts[0], src, false, true);
  ExpectMeta(ix.accounts[1], kUsdc, false, false);
  ExpectMeta(ix.accounts[2], dst, false, true);
  ExpectMeta(ix.accounts[3], kK1, true, false);
}

TEST(SplTokenTest, InitializeMintData) {
  // tag 0, decimals, authority, one-byte COption tag (+ key when present).
  solana::Instruction none = TokenInitializeMint(kUsdc, 6, kK1, std::nullopt);
  Bytes want = {0x00, 0x06};
  solana::PutBytes(&want, kK1.view());
  want.push_back(0x00);
  EXPECT_EQ(none.data, want);
  ASSERT_EQ(none.accounts.size(), 2u);
  ExpectMeta(none.accounts[0], kUsdc, false, true);
  ExpectMeta(none.accounts[1], solana::program_ids::SysvarRent(), false, false);

  solana::Instruction with_freeze = TokenInitializeMint2(kUsdc, 9, kK1, kWallet);
  Bytes want2 = {20, 0x09};
  solana::PutBytes(&want2, kK1.view());
  want2.push_back(0x01);
  solana::PutBytes(&want2, kWallet.view());
  EXPECT_EQ(with_freeze.data, want2);
  EXPECT_EQ(with_freeze.data.size(), 67u);
  ASSERT_EQ(with_freeze.accounts.size(), 1u);
  ExpectMeta(with_freeze.accounts[0], kUsdc, false, true);
}

TEST(SplTokenTest, MintToDataAndMetas) {
  solana::Instruction ix = TokenMintTo(kUsdc, kWallet, kK1, 1'000'000);
  EXPECT_EQ(ix.data, Hex("0740420f0000000000"));
  ASSERT_EQ(ix.accounts.size(), 3u);
  ExpectMeta(ix.accounts[0], kUsdc, false, true);
  ExpectMeta(ix.accounts[1], kWallet, false, true);
  ExpectMeta(ix.accounts[2], kK1, true, false);
}

TEST(SplTokenTest, AtaAddressVectors) {
  // Spec 8.3.
  EXPECT_EQ(solana::AssociatedTokenAddress(kWallet, kUsdc).ToBase58(),
            "F4FkgeGUEUH8bc7dMM1jKMGwdGU89RToaXtzrxQhkUro");
  EXPECT_EQ(solana::AssociatedTokenAddress(kK1, kUsdc).ToBase58(),
            "84UDfubfRgRiNZHjvRA4NndwsTBJhyF4gngE6NZmpW3m");
}

TEST(SplTokenTest, AtaCreateAndIdempotentAccounts) {
  const Pubkey ata = Key("F4FkgeGUEUH8bc7dMM1jKMGwdGU89RToaXtzrxQhkUro");
  for (auto [ix, tag] : {std::pair{AtaCreate(kK1, kWallet, kUsdc), 0},
                         std::pair{AtaCreateIdempotent(kK1, kWallet, kUsdc), 1}}) {
    EXPECT_EQ(ix.program_id, solana::program_ids::AssociatedToken());
    EXPECT_EQ(ix.data, Bytes{static_cast<uint8_t>(tag)});
    ASSERT_EQ(ix.accounts.size(), 6u);
    ExpectMeta(ix.accounts[0], kK1, true, true);
    ExpectMeta(ix.accounts[1], ata, false, true);
    ExpectMeta(ix.accounts[2], kWallet, false, false);
    ExpectMeta(ix.accounts[3], kUsdc, false, false);
    ExpectMeta(ix.accounts[4], solana::program_ids::System(), false, false);
    ExpectMeta(ix.accounts[5], solana::program_ids::Token(), false, false);
  }
}

// ---- decoders ----

Bytes MintBytes() {
  Bytes b;
  solana::PutU32(&b, 1);
  solana::PutBytes(&b, kK1.view());
  solana::PutU64(&b, 123'456'789);
  solana::PutU8(&b, 6);
  solana::PutU8(&b, 1);
  solana::PutU32(&b, 0);
  b.resize(82, 0);
  return b;
}

TEST(SplTokenTest, DecodesMint) {
  Bytes b = MintBytes();
  ASSERT_EQ(b.size(), kMintSize);
  auto m = DecodeMint(solana::program_ids::Token(), b);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->mint_authority, kK1);
  EXPECT_EQ(m->supply, 123'456'789u);
  EXPECT_EQ(m->decimals, 6);
  EXPECT_FALSE(m->freeze_authority.has_value());
}

TEST(SplTokenTest, MintRejectsBadInput) {
  const Pubkey& token = solana::program_ids::Token();
  Bytes good = MintBytes();
  EXPECT_FALSE(DecodeMint(kToken2022, good).ok());  // wrong program
  EXPECT_FALSE(DecodeMint(solana::program_ids::System(), good).ok());
  EXPECT_FALSE(DecodeMint(token, solana::ByteView(good).subspan(0, 81)).ok());  // truncated
  Bytes longer = good;
  longer.push_back(0);
  EXPECT_FALSE(DecodeMint(token, longer).ok());  // Token-2022-style extension bytes
  Bytes bad_tag = good;
  bad_tag[0] = 2;
  EXPECT_FALSE(DecodeMint(token, bad_tag).ok());
  Bytes bad_freeze_tag = good;
  bad_freeze_tag[46] = 7;
  EXPECT_FALSE(DecodeMint(token, bad_freeze_tag).ok());
  Bytes uninit = good;
  uninit[45] = 0;
  EXPECT_FALSE(DecodeMint(token, uninit).ok());
  Bytes weird_bool = good;
  weird_bool[45] = 2;
  EXPECT_FALSE(DecodeMint(token, weird_bool).ok());
  EXPECT_FALSE(DecodeMint(token, {}).ok());
}

Bytes TokenAccountBytes(uint8_t state) {
  Bytes b;
  solana::PutBytes(&b, kUsdc.view());
  solana::PutBytes(&b, kWallet.view());
  solana::PutU64(&b, 1'500'000);
  solana::PutU32(&b, 1);  // delegate Some
  solana::PutBytes(&b, kK1.view());
  solana::PutU8(&b, state);
  solana::PutU32(&b, 0);  // is_native None
  solana::PutU64(&b, 0);
  solana::PutU64(&b, 42);  // delegated_amount
  solana::PutU32(&b, 0);   // close_authority None
  b.resize(165, 0);
  return b;
}

TEST(SplTokenTest, DecodesTokenAccount) {
  Bytes b = TokenAccountBytes(1);
  ASSERT_EQ(b.size(), kTokenAccountSize);
  auto a = DecodeTokenAccount(solana::program_ids::Token(), b);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->mint, kUsdc);
  EXPECT_EQ(a->owner, kWallet);
  EXPECT_EQ(a->amount, 1'500'000u);
  EXPECT_EQ(a->delegate, kK1);
  EXPECT_EQ(a->state, TokenAccountState::kInitialized);
  EXPECT_FALSE(a->is_native.has_value());
  EXPECT_EQ(a->delegated_amount, 42u);
  EXPECT_FALSE(a->close_authority.has_value());

  auto frozen = DecodeTokenAccount(solana::program_ids::Token(), TokenAccountBytes(2));
  ASSERT_TRUE(frozen.ok()) << frozen.status();
  EXPECT_EQ(frozen->state, TokenAccountState::kFrozen);
}

TEST(SplTokenTest, TokenAccountRejectsBadInput) {
  const Pubkey& token = solana::program_ids::Token();
  Bytes good = TokenAccountBytes(1);
  EXPECT_FALSE(DecodeTokenAccount(kToken2022, good).ok());
  EXPECT_FALSE(DecodeTokenAccount(token, solana::ByteView(good).subspan(0, 164)).ok());
  EXPECT_FALSE(DecodeTokenAccount(token, TokenAccountBytes(0)).ok());  // uninitialized
  EXPECT_FALSE(DecodeTokenAccount(token, TokenAccountBytes(3)).ok());  // unknown state
  Bytes bad_delegate_tag = good;
  bad_delegate_tag[72] = 2;
  EXPECT_FALSE(DecodeTokenAccount(token, bad_delegate_tag).ok());
  Bytes bad_native_tag = good;
  bad_native_tag[109] = 9;
  EXPECT_FALSE(DecodeTokenAccount(token, bad_native_tag).ok());
  Bytes bad_close_tag = good;
  bad_close_tag[132] = 1;  // high byte of the u32 tag: 0x01000000
  EXPECT_FALSE(DecodeTokenAccount(token, bad_close_tag).ok());
}

TEST(SplTokenTest, RentOfMintAndTokenAccount) {
  // Spec 8.6 at 6,960 lamports per byte.
  EXPECT_EQ(RentExemptMinimum(kMintSize), 1'461'600u);
  EXPECT_EQ(RentExemptMinimum(kTokenAccountSize), 2'039'280u);
  EXPECT_EQ(RentExemptMinimum(0), 890'880u);
}

// ---- amounts ----

TEST(SplTokenTest, UiAmountExact) {
  EXPECT_EQ(UiAmountToBaseUnits("12.5", 6).value(), 12'500'000u);
  EXPECT_EQ(UiAmountToBaseUnits("1.5", 6).value(), 1'500'000u);
  EXPECT_EQ(UiAmountToBaseUnits("7", 0).value(), 7u);
  EXPECT_EQ(UiAmountToBaseUnits("0.000001", 6).value(), 1u);
  EXPECT_EQ(UiAmountToBaseUnits("1.50000000", 2).value(), 150u);  // trailing zeros are exact
  EXPECT_EQ(UiAmountToBaseUnits("007.10", 2).value(), 710u);
  EXPECT_EQ(UiAmountToBaseUnits("1.005", 3).value(), 1005u);  // no double rounding
  EXPECT_EQ(UiAmountToBaseUnits("18446744073709551615", 0).value(),
            std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(UiAmountToBaseUnits("18.446744073709551615", 18).value(),
            std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(UiAmountToBaseUnits("1", 19).value(), 10'000'000'000'000'000'000u);
}

TEST(SplTokenTest, UiAmountRejectsInexactOrMalformed) {
  EXPECT_FALSE(UiAmountToBaseUnits("0.0000001", 6).ok());  // below one base unit
  EXPECT_FALSE(UiAmountToBaseUnits("1.005", 2).ok());
  EXPECT_FALSE(UiAmountToBaseUnits("0.5", 0).ok());
  for (const char* bad :
       {"", ".", "1.", ".5", "-1", "+1", "1e3", "1,5", " 1", "1 ", "1.2.3", "0x10", "nan", "inf"}) {
    EXPECT_FALSE(UiAmountToBaseUnits(bad, 6).ok()) << bad;
  }
  EXPECT_FALSE(UiAmountToBaseUnits("18446744073709551616", 0).ok());  // 2^64
  EXPECT_FALSE(UiAmountToBaseUnits("18446744073709.551616", 6).ok());
  EXPECT_FALSE(UiAmountToBaseUnits("18446744073709551615", 1).ok());
  EXPECT_FALSE(UiAmountToBaseUnits("99999999999999999999999999", 0).ok());
  EXPECT_FALSE(UiAmountToBaseUnits("1", 20).ok());  // 10^20 does not fit
}

TEST(SplTokenTest, BaseUnitsToUiAmount) {
  EXPECT_EQ(BaseUnitsToUiAmount(1'500'000, 6).value(), "1.5");
  EXPECT_EQ(BaseUnitsToUiAmount(1, 6).value(), "0.000001");
  EXPECT_EQ(BaseUnitsToUiAmount(7, 0).value(), "7");
  EXPECT_EQ(BaseUnitsToUiAmount(0, 9).value(), "0");
  EXPECT_EQ(BaseUnitsToUiAmount(std::numeric_limits<uint64_t>::max(), 19).value(),
            "1.8446744073709551615");
  EXPECT_FALSE(BaseUnitsToUiAmount(1, 20).ok());
  // Round trip.
  for (uint64_t v : {0ull, 1ull, 10ull, 123456789ull, 1000000ull}) {
    EXPECT_EQ(UiAmountToBaseUnits(BaseUnitsToUiAmount(v, 6).value(), 6).value(), v);
  }
}

TEST(SplTokenTest, ReferenceConversionVectors) {
  // Spec 5.7 table: the run-manager double arithmetic, reproduced exactly.
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(1.5, 6).value(), 1'500'000u);
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(0.5, 0).value(), 1u);
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(2.5, 0).value(), 3u);
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(1.005, 2).value(), 100u);
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(1.0000025, 6).value(), 1'000'002u);
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(0.1, 9).value(), 100'000'000u);
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(-1.0, 6).value(), 0u);
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(1e30, 6).value(), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(std::nan(""), 6).value(), 0u);
  EXPECT_EQ(ReferenceUiAmountToBaseUnits(INFINITY, 6).value(),
            std::numeric_limits<uint64_t>::max());
  EXPECT_FALSE(ReferenceUiAmountToBaseUnits(1.0, 20).ok());
}

TEST(SplTokenTest, CorruptedAccountsNeverCrash) {
  const Pubkey& token = solana::program_ids::Token();
  for (const Bytes& base : {MintBytes(), TokenAccountBytes(1)}) {
    for (size_t i = 0; i < base.size(); ++i) {
      for (uint8_t v : {0x00, 0x01, 0x02, 0xff}) {
        Bytes b = base;
        b[i] = v;
        (void)DecodeMint(token, b);
        (void)DecodeTokenAccount(token, b);
      }
    }
  }
  SUCCEED();
}

}  // namespace
}  // namespace psyche
