#include "providers/psyche/treasurer.h"

#include <gtest/gtest.h>

#include "providers/psyche/codec_test_util.h"

#include <limits>

#include "providers/psyche/coordinator_borsh.h"
#include "providers/psyche/hex.h"
#include "providers/psyche/rent.h"
#include "providers/psyche/signed_transaction_for_test.h"
#include "providers/psyche/spec_vectors_for_test.h"
#include "providers/psyche/spl_token.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"

namespace psyche {
namespace {

using ::psyche::testing::Key;
using ::psyche::testing::Hex;
using ::psyche::testing::ExpectMeta;

using solana::Bytes;
using solana::Pubkey;

const Pubkey kUser = Key("9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM");
const Pubkey kUsdc = Key("EPjFWdd5AufqSSqeM2qN1xxybapC8G4wEGGkZwyTDt1v");
const Pubkey kTestRun = Key("tG3nRngwkJC3JAL9Aq9AMhFtTzr56hr9ZmaSRpD8dT8");
const Pubkey kTestInstance = Key("9L4yCH7TsMn9JfoXYEupuQwtcNPTTtHcyNL6uqDfjwGB");
const Pubkey kTestVault = Key("CBQPsWTfC2X7o1Afe9edFGmQrZNKkzLPbG9c1K1JyhFt");
constexpr uint64_t kTestIndex = 7313085519096743583ull;
constexpr uint64_t kCoordinatorAccountSize = 119'160;

TEST(TreasurerTest, DefaultIndexOfTest) {
  // Spec 8.2 / 3.3.
  EXPECT_EQ(HexEncode(solana::Sha256({Hex("74657374")}).view()),
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  EXPECT_EQ(DefaultTreasurerIndex("test"), kTestIndex);
  EXPECT_EQ(DefaultTreasurerIndex("test"), 0x657d4c8881d0869full);
}

TEST(TreasurerTest, PdaVectors) {
  auto r0 = TreasurerRunAddress(0);
  ASSERT_TRUE(r0.ok()) << r0.status();
  EXPECT_EQ(r0->address.ToBase58(), "5T7qGzQeVWZX21h3M3ogZXM4vaVaYQKC2jLG93PXA3DD");
  EXPECT_EQ(HexEncode(r0->address.view()),
            "421f92f7b43f84ba2907c26181a901a6e525be2ad15a849df2473df220fd2994");
  EXPECT_EQ(r0->bump, 255);
  auto r1 = TreasurerRunAddress(1);
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(r1->address.ToBase58(), "6W2Vd4VnJHHHCsZkXobnb9j4t86DZu1a6auk7CorJihT");
  EXPECT_EQ(r1->bump, 254);
  auto rt = TreasurerRunAddress(DefaultTreasurerIndex("test"));
  ASSERT_TRUE(rt.ok());
  EXPECT_EQ(rt->address, kTestRun);
  EXPECT_EQ(HexEncode(rt->address.view()),
            "0d21a2d5daf0721e9a87e6309e4d7e3d79d4c542121d085e39daf14d0c36b0b3");
  EXPECT_EQ(rt->bump, 252);
  EXPECT_EQ(TreasurerRunCollateralAddress(kTestRun, kUsdc), kTestVault);
  auto participant = TreasurerParticipantAddress(kTestRun, kUser);
  ASSERT_TRUE(participant.ok());
  EXPECT_EQ(participant->address.ToBase58(), "wCB8x398iWmQrMAo5bZurFaPseXzReAjrw5Jq9PMD1e");
  EXPECT_EQ(participant->bump, 254);
}

TEST(TreasurerTest, RentVectors) {
  // Spec 8.6.
  EXPECT_EQ(RentExemptMinimum(kTreasurerRunSize), 2'282'880u);
  EXPECT_EQ(RentExemptMinimum(32), 1'113'600u);   // Participant
  EXPECT_EQ(RentExemptMinimum(173), 2'094'960u);  // CoordinatorInstance
  EXPECT_EQ(RentExemptMinimum(kCoordinatorAccountSize), 830'244'480u);
}

Bytes RunAccountBytes() {
  Bytes b = Hex("c7369b56eb73f6bd");
  b.push_back(252);
  solana::PutU64(&b, kTestIndex);
  solana::PutBytes(&b, kUser.view());
  solana::PutBytes(&b, kUser.view());
  solana::PutBytes(&b, Key("GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ").view());
  solana::PutBytes(&b, kTestInstance.view());
  solana::PutBytes(&b, kUsdc.view());
  solana::PutU64(&b, 77);
  solana::PutU64(&b, 77);
  b.resize(kTreasurerRunSize, 0);
  return b;
}

TEST(TreasurerTest, DecodesRun) {
  auto run = DecodeTreasurerRun(program_ids::Treasurer(), RunAccountBytes());
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->bump, 252);
  EXPECT_EQ(run->index, kTestIndex);
  EXPECT_EQ(run->main_authority, kUser);
  EXPECT_EQ(run->join_authority, kUser);
  EXPECT_EQ(run->coordinator_account.ToBase58(), "GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ");
  EXPECT_EQ(run->coordinator_instance, kTestInstance);
  EXPECT_EQ(run->collateral_mint, kUsdc);
  EXPECT_EQ(run->total_claimed_collateral_amount, 77u);
  EXPECT_EQ(run->total_claimed_earned_points, 77u);
  // Exactly the Borsh content (193 bytes) is accepted too.
  EXPECT_TRUE(DecodeTreasurerRun(program_ids::Treasurer(),
                                 solana::ByteView(RunAccountBytes()).subspan(0, 193))
                  .ok());
}

TEST(TreasurerTest, RunDecoderRejectsBadInput) {
  const Bytes good = RunAccountBytes();
  EXPECT_FALSE(DecodeTreasurerRun(program_ids::Authorizer(), good).ok());
  EXPECT_FALSE(DecodeTreasurerRun(solana::program_ids::System(), good).ok());
  for (size_t n : {0ul, 8ul, 100ul, 192ul}) {
    EXPECT_FALSE(
        DecodeTreasurerRun(program_ids::Treasurer(), solana::ByteView(good).subspan(0, n)).ok())
        << n;
  }
  Bytes participant_disc = good;  // a Participant is not a Run
  std::copy_n(Hex("208e6c4ff7b33606").begin(), 8, participant_disc.begin());
  EXPECT_FALSE(DecodeTreasurerRun(program_ids::Treasurer(), participant_disc).ok());
}

RunCreateParams TestRunParams(const Pubkey& authority) {
  RunCreateParams p;
  p.index = DefaultTreasurerIndex("test");
  p.run_id = "test";
  p.client_version = "latest";
  p.main_authority = authority;
  p.join_authority = authority;
  return p;
}

TEST(TreasurerTest, RunCreateDataAndAccounts) {
  auto ix = TreasurerRunCreate(kUser, TestRunParams(kUser), kUsdc,
                               Key("GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ"));
  ASSERT_TRUE(ix.ok()) << ix.status();
  // Spec 8.4 (98 bytes).
  EXPECT_EQ(
      HexEncode(ix->data),
      "c638a3f70e3aa7fd9f86d081884c7d650400000074657374060000006c61746573747e8c088760bfde1dddcf"
      "32c17f209b8242ee52aaf131facd88d0ea2c6d0b06f27e8c088760bfde1dddcf32c17f209b8242ee52aaf131"
      "facd88d0ea2c6d0b06f2");
  EXPECT_EQ(ix->data.size(), 98u);
  EXPECT_EQ(ix->program_id, program_ids::Treasurer());
  ASSERT_EQ(ix->accounts.size(), 10u);
  ExpectMeta(ix->accounts[0], kUser, true, true);
  ExpectMeta(ix->accounts[1], kTestRun, false, true);
  ExpectMeta(ix->accounts[2], kTestVault, false, true);
  ExpectMeta(ix->accounts[3], kUsdc, false, false);
  ExpectMeta(ix->accounts[4], kTestInstance, false, true);
  ExpectMeta(ix->accounts[5], Key("GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ"), false, true);
  ExpectMeta(ix->accounts[6], program_ids::Coordinator(), false, false);
  ExpectMeta(ix->accounts[7], solana::program_ids::AssociatedToken(), false, false);
  ExpectMeta(ix->accounts[8], solana::program_ids::Token(), false, false);
  ExpectMeta(ix->accounts[9], solana::program_ids::System(), false, false);
}

TEST(TreasurerTest, RunCreateRejectsLongStrings) {
  RunCreateParams p = TestRunParams(kUser);
  p.run_id = std::string(33, 'r');
  EXPECT_FALSE(TreasurerRunCreate(kUser, p, kUsdc, kUser).ok());
  p = TestRunParams(kUser);
  p.client_version = std::string(97, 'v');
  EXPECT_FALSE(TreasurerRunCreate(kUser, p, kUsdc, kUser).ok());
}

TEST(TreasurerTest, RunUpdateDataVectors) {
  // Spec 8.4.
  RunUpdateParams all_none;
  EXPECT_EQ(HexEncode(EncodeRunUpdateData(all_none).value()), "33562e740d42149d0000000000000000");
  RunUpdateParams paused;
  paused.paused = true;
  EXPECT_EQ(HexEncode(EncodeRunUpdateData(paused).value()), "33562e740d42149d000000000000010100");
  RunUpdateParams rates;
  rates.epoch_earning_rate_total_shared = 1'000'000;
  rates.epoch_slashing_rate_per_client = 0;
  EXPECT_EQ(HexEncode(EncodeRunUpdateData(rates).value()),
            "33562e740d42149d0000000001"
            "40420f0000000000"
            "01"
            "0000000000000000"
            "0000");
  RunUpdateParams version;
  version.client_version = "v1.2.3";
  EXPECT_EQ(HexEncode(EncodeRunUpdateData(version).value()),
            "33562e740d42149d00000000000000"
            "01"
            "06000000"
            "76312e322e33");
  version.client_version = std::string(97, 'v');
  EXPECT_FALSE(EncodeRunUpdateData(version).ok());
}

TEST(TreasurerTest, RunUpdateEmbedsCoordinatorBorsh) {
  // coordinator.md 8.3: update(None, config, model, None). run_update forwards
  // fields 1-4 unchanged, so its data is that payload behind the run_update
  // discriminator, followed by four None bytes.
  const Bytes update = Hex(spec_vectors::kUpdateDataSolanaTestConfigHex);
  ASSERT_GT(update.size(), 8u + 2 + kCoordinatorConfigBorshSize);
  solana::ByteView payload = solana::ByteView(update).subspan(8);
  auto config = DecodeCoordinatorConfig(payload.subspan(2, kCoordinatorConfigBorshSize));
  ASSERT_TRUE(config.ok()) << config.status();
  auto model = DecodeModel(payload.subspan(3 + kCoordinatorConfigBorshSize,
                                           payload.size() - 4 - kCoordinatorConfigBorshSize));
  ASSERT_TRUE(model.ok()) << model.status();

  RunUpdateParams p;
  p.config = *config;
  p.model = *model;
  auto data = EncodeRunUpdateData(p);
  ASSERT_TRUE(data.ok()) << data.status();
  Bytes want = Hex("33562e740d42149d");
  solana::PutBytes(&want, payload);
  solana::PutBytes(&want, Bytes{0, 0, 0, 0});
  EXPECT_EQ(HexEncode(*data), HexEncode(want));

  // Metadata and progress have fixed Borsh sizes (4.4): 360 and 14 bytes.
  RunUpdateParams mp;
  mp.metadata = RunMetadata{"name", "desc", 1, 2};
  mp.progress = CoordinatorProgress{1, 2, 3};
  EXPECT_EQ(EncodeRunUpdateData(mp).value().size(), 8u + (1 + 360) + 1 + 1 + (1 + 14) + 4);
}

TEST(TreasurerTest, RunUpdateAccounts) {
  const Pubkey coord_account = Key("GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ");
  RunUpdateParams p;
  p.paused = false;
  auto ix = TreasurerRunUpdate(kUser, kTestRun, kTestInstance, coord_account, p);
  ASSERT_TRUE(ix.ok());
  EXPECT_EQ(ix->program_id, program_ids::Treasurer());
  ASSERT_EQ(ix->accounts.size(), 5u);
  ExpectMeta(ix->accounts[0], kUser, true, false);
  ExpectMeta(ix->accounts[1], kTestRun, false, false);
  ExpectMeta(ix->accounts[2], kTestInstance, false, false);
  ExpectMeta(ix->accounts[3], coord_account, false, true);
  ExpectMeta(ix->accounts[4], program_ids::Coordinator(), false, false);
}

TEST(TreasurerTest, Participant) {
  Bytes data = Hex("208e6c4ff7b33606");
  data.push_back(254);
  solana::PutU64(&data, 42);
  solana::PutU64(&data, 43);
  data.resize(32, 0);
  auto p = DecodeTreasurerParticipant(program_ids::Treasurer(), data);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->bump, 254);
  EXPECT_EQ(p->claimed_collateral_amount, 42u);
  EXPECT_EQ(p->claimed_earned_points, 43u);
  EXPECT_FALSE(DecodeTreasurerParticipant(program_ids::Authorizer(), data).ok());
  EXPECT_FALSE(
      DecodeTreasurerParticipant(program_ids::Treasurer(), solana::ByteView(data).subspan(0, 24))
          .ok());
  EXPECT_FALSE(DecodeTreasurerParticipant(program_ids::Treasurer(), RunAccountBytes()).ok());

  const Pubkey participant = Key("wCB8x398iWmQrMAo5bZurFaPseXzReAjrw5Jq9PMD1e");
  auto create = TreasurerParticipantCreate(kUser, kUser, kTestRun);
  ASSERT_TRUE(create.ok());
  EXPECT_EQ(HexEncode(create->data), "32b18e2875b046b5");
  ASSERT_EQ(create->accounts.size(), 5u);
  ExpectMeta(create->accounts[0], kUser, true, true);
  ExpectMeta(create->accounts[1], kUser, true, false);
  ExpectMeta(create->accounts[2], kTestRun, false, false);
  ExpectMeta(create->accounts[3], participant, false, true);
  ExpectMeta(create->accounts[4], solana::program_ids::System(), false, false);

  auto run = DecodeTreasurerRun(program_ids::Treasurer(), RunAccountBytes()).value();
  const Pubkey user_ata = Key("F4FkgeGUEUH8bc7dMM1jKMGwdGU89RToaXtzrxQhkUro");
  auto claim = TreasurerParticipantClaim(kUser, user_ata, kTestRun, run, 42);
  ASSERT_TRUE(claim.ok());
  EXPECT_EQ(HexEncode(claim->data), "a096e8563b6bad262a00000000000000");  // spec 8.4
  ASSERT_EQ(claim->accounts.size(), 7u);
  ExpectMeta(claim->accounts[0], kUser, true, false);
  ExpectMeta(claim->accounts[1], user_ata, false, true);
  ExpectMeta(claim->accounts[2], kTestRun, false, true);
  ExpectMeta(claim->accounts[3], kTestVault, false, true);
  ExpectMeta(claim->accounts[4], run.coordinator_account, false, false);
  ExpectMeta(claim->accounts[5], participant, false, true);
  ExpectMeta(claim->accounts[6], solana::program_ids::Token(), false, false);
}

TEST(TreasurerTest, Balances) {
  TreasurerRun run;
  run.total_claimed_earned_points = 300;
  TreasurerBalances b = ComputeTreasurerBalances(/*vault=*/1'000, /*claimable=*/500, run,
                                                 /*burn=*/100);
  EXPECT_EQ(b.funded, 1'000u);
  EXPECT_EQ(b.total_claimable, 500u);
  EXPECT_EQ(b.total_claimed, 300u);
  EXPECT_EQ(b.unclaimed, 200u);
  EXPECT_EQ(b.missing, 0u);
  EXPECT_EQ(b.surplus, 800u);
  ASSERT_TRUE(b.estimated_funded_epochs.has_value());
  EXPECT_DOUBLE_EQ(*b.estimated_funded_epochs, 8.0);

  TreasurerBalances short_funded = ComputeTreasurerBalances(50, 500, run, 0);
  EXPECT_EQ(short_funded.missing, 150u);
  EXPECT_EQ(short_funded.surplus, 0u);
  EXPECT_FALSE(short_funded.estimated_funded_epochs.has_value());  // burn 0: unbounded

  run.total_claimed_earned_points = 900;  // more claimed than earned: saturate at 0
  EXPECT_EQ(ComputeTreasurerBalances(0, 500, run, 1).unclaimed, 0u);
}

// Spec 8.5 T3-T5: complete signed legacy transactions, byte-exact.
TEST(TreasurerTest, SignedTransactionT3CreateRun) {
  auto k1 = TestKeypair(1);
  auto k2 = TestKeypair(33);
  ASSERT_EQ(k2.pubkey().ToBase58(), "GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ");
  const uint64_t lamports = RentExemptMinimum(kCoordinatorAccountSize);
  auto run_create = TreasurerRunCreate(k1.pubkey(), TestRunParams(k1.pubkey()), kUsdc, k2.pubkey());
  ASSERT_TRUE(run_create.ok()) << run_create.status();
  SignedForTest tx = SignLegacyForTest(
      {solana::system_program::CreateAccount(k1.pubkey(), k2.pubkey(), lamports,
                                             kCoordinatorAccountSize, program_ids::Coordinator()),
       *run_create},
      {&k1, &k2});
  EXPECT_EQ(
      HexEncode(tx.message),
      "0200060b79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664e7f162a10bec559a"
      "fea195e4dce84b69568d5d2cb0963eb446c0685e2b17f2f00d21a2d5daf0721e9a87e6309e4d7e3d79d4c542"
      "121d085e39daf14d0c36b0b37bc004b5c499e64ecd3fbfceb2641996c489db56b34959aa9dffe9e8a4542c78"
      "a61ad0fadb5cb16ccb758362d32a1dcb29f34a3e6904d72e6739dc6e2f52b74f000000000000000000000000"
      "000000000000000000000000000000000000000006ddf6e1d765a193d9cbe146ceeb79ac1cb485ed5f5b3791"
      "3a8cf5857eff00a9330db303f9a9d754fedb9d90aa6391d390331167f1035c94f4119cc69dc53d1a8c97258f"
      "4e2489f1bb3d1029148e0d830b5a1399daff1084048e7bd8dbe9f859c6fa7af3bedbad3a3d65f36aabc97431"
      "a1899dc461c8fafe65359c66c9ef5d61cccdb772cfc79cb665a546e04f5d89dccf7d8ec03e5b1a748b4634da"
      "d8c55ed607070707070707070707070707070707070707070707070707070707070707070205020001340000"
      "000080867c310000000078d1010000000000330db303f9a9d754fedb9d90aa6391d390331167f1035c94f411"
      "9cc69dc53d1a0a0a0002040903010708060562c638a3f70e3aa7fd9f86d081884c7d65040000007465737406"
      "0000006c617465737479b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad04966479b556"
      "2e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664");
  EXPECT_EQ(
      tx.first_signature_base58,
      "4WxgokgrtRhiwAZdA9fCZJVwQuTkNqqCiFQdFNT3dVRc3wKiqQiEpdoDRhM74CCJvdkBqmi5M6DE9vXaqHLsoSrx");
  EXPECT_EQ(
      tx.base64,
      "Aq/jMEzNZOBKdVnSJC8nK070GPjgL9zG3oSmVVXwUnIqSyhQ06ODxM1UN7VaWvPOl/0Ck0e9yalRSlSFEfUhPAXF"
      "VuWRYRzHIyOh0TAU7kUJFGbFLX0h0NptBGUCduGBNeRNplB8Nbaa8rodwmoU12rn14yoxGn/bkftLnrtltcKAgAG"
      "C3m1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk5/FioQvsVZr+oZXk3OhLaVaNXSywlj60RsBoXisX8vAN"
      "IaLV2vByHpqH5jCeTX49edTFQhIdCF452vFNDDaws3vABLXEmeZOzT+/zrJkGZbEidtWs0lZqp3/6eikVCx4phrQ"
      "+ttcsWzLdYNi0yodyynzSj5pBNcuZzncbi9St08AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAbd9uHX"
      "ZaGT2cvhRs7reawctIXtX1s3kTqM9YV+/wCpMw2zA/mp11T+252QqmOR05AzEWfxA1yU9BGcxp3FPRqMlyWPTiSJ"
      "8bs9ECkUjg2DC1oTmdr/EIQEjnvY2+n4Wcb6evO+2606PWXzaqvJdDGhiZ3EYcj6/mU1nGbJ711hzM23cs/HnLZl"
      "pUbgT12J3M99jsA+Wxp0i0Y02tjFXtYHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwIFAgABNAAAAACA"
      "hnwxAAAAAHjRAQAAAAAAMw2zA/mp11T+252QqmOR05AzEWfxA1yU9BGcxp3FPRoKCgACBAkDAQcIBgVixjij9w46"
      "p/2fhtCBiEx9ZQQAAAB0ZXN0BgAAAGxhdGVzdHm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZkebVWLo/m"
      "VPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=");
  EXPECT_EQ(tx.wire.size(), 686u);
}

TEST(TreasurerTest, SignedTransactionT4Pause) {
  auto k1 = TestKeypair(1);
  auto k2 = TestKeypair(33);
  RunUpdateParams p;
  p.paused = true;
  auto ix = TreasurerRunUpdate(k1.pubkey(), kTestRun, kTestInstance, k2.pubkey(), p);
  ASSERT_TRUE(ix.ok());
  SignedForTest tx = SignLegacyForTest({*ix}, {&k1});
  EXPECT_EQ(
      HexEncode(tx.message),
      "0100040679b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664e7f162a10bec559a"
      "fea195e4dce84b69568d5d2cb0963eb446c0685e2b17f2f00d21a2d5daf0721e9a87e6309e4d7e3d79d4c542"
      "121d085e39daf14d0c36b0b3330db303f9a9d754fedb9d90aa6391d390331167f1035c94f4119cc69dc53d1a"
      "7bc004b5c499e64ecd3fbfceb2641996c489db56b34959aa9dffe9e8a4542c78cccdb772cfc79cb665a546e0"
      "4f5d89dccf7d8ec03e5b1a748b4634dad8c55ed6070707070707070707070707070707070707070707070707"
      "070707070707070701050500020401031133562e740d42149d000000000000010100");
  EXPECT_EQ(
      tx.first_signature_base58,
      "22TrX9vCXLVSezy5rMr3LKgytKBeNg1MTZTYW83coriX4cRAwxV4AJ3HnacRjCk9aTAYar9ZfWf15M5LTRn6dWkk");
  EXPECT_EQ(
      tx.base64,
      "ATNHVFuQl9oezOpU4CTt4Fmetm+aELCsh7UFms0eIuafcMoHfHwvN1gJJ0PHMdP8AdtpOz6GKcn/PyDs95MotQ0B"
      "AAQGebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmTn8WKhC+xVmv6hleTc6EtpVo1dLLCWPrRGwGheKxfy"
      "8A0hotXa8HIemofmMJ5Nfj151MVCEh0IXjna8U0MNrCzMw2zA/mp11T+252QqmOR05AzEWfxA1yU9BGcxp3FPRp7"
      "wAS1xJnmTs0/v86yZBmWxInbVrNJWaqd/+nopFQseMzNt3LPx5y2ZaVG4E9didzPfY7APlsadItGNNrYxV7WBwcH"
      "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcBBQUAAgQBAxEzVi50DUIUnQAAAAAAAAEBAA==");
  EXPECT_EQ(tx.wire.size(), 319u);
}

TEST(TreasurerTest, SignedTransactionT5TopUp) {
  auto k1 = TestKeypair(1);
  const Pubkey source = solana::AssociatedTokenAddress(k1.pubkey(), kUsdc);
  ASSERT_EQ(source.ToBase58(), "84UDfubfRgRiNZHjvRA4NndwsTBJhyF4gngE6NZmpW3m");
  auto amount = UiAmountToBaseUnits("1.5", 6);
  ASSERT_TRUE(amount.ok());
  SignedForTest tx = SignLegacyForTest(
      {TokenTransfer(source, TreasurerRunCollateralAddress(kTestRun, kUsdc), k1.pubkey(), *amount)},
      {&k1});
  EXPECT_EQ(
      HexEncode(tx.message),
      "0100010479b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad04966468e553b15bb50374"
      "404d48fe20929e5bece96d928565f36d0cf4807212f0f48ca61ad0fadb5cb16ccb758362d32a1dcb29f34a3e"
      "6904d72e6739dc6e2f52b74f06ddf6e1d765a193d9cbe146ceeb79ac1cb485ed5f5b37913a8cf5857eff00a9"
      "0707070707070707070707070707070707070707070707070707070707070707010303010200090360e31600"
      "00000000");
  EXPECT_EQ(
      tx.first_signature_base58,
      "2Sbdv27cTvJVjGFooqBHQhcqB8qnf8mj6q3FCxMG61xcRswA1YkYcEuXGcoATChQapgV1ckGkmTPXJcPEY4ZtxYj");
  EXPECT_EQ(
      tx.base64,
      "AUgXThCuDvDaSEA0/iYoaLM+Fz8eBBbrvbSg3BGt8VAEpITa7FblKGzfYoWRBVTRdhGytKWhYC3kBqcewsEBdQQB"
      "AAEEebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmRo5VOxW7UDdEBNSP4gkp5b7OltkoVl820M9IByEvD0"
      "jKYa0PrbXLFsy3WDYtMqHcsp80o+aQTXLmc53G4vUrdPBt324ddloZPZy+FGzut5rBy0he1fWzeROoz1hX7/AKkH"
      "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwEDAwECAAkDYOMWAAAAAAA=");
  EXPECT_EQ(tx.wire.size(), 245u);
}

}  // namespace
}  // namespace psyche
