#include "providers/psyche/authorizer.h"

#include <gtest/gtest.h>

#include "providers/psyche/codec_test_util.h"

#include "providers/psyche/anchor.h"
#include "providers/psyche/hex.h"
#include "providers/psyche/rent.h"
#include "providers/psyche/signed_transaction_for_test.h"
#include "providers/solana/program_ids.h"

namespace psyche {
namespace {

using ::psyche::testing::Key;
using ::psyche::testing::Hex;
using ::psyche::testing::ExpectMeta;

using solana::Bytes;
using solana::Pubkey;

const Pubkey kGrantor = Key("9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM");
const Pubkey kK1 = Key("9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj");
const Pubkey kAnyone;  // all zero = System Program id = permissionless

// Spec 8.1 account bytes of a fresh permissionless join authorization.
const char* kFreshAccountHex =
    "0344a8f3c3a8204b ff"
    "7e8c088760bfde1dddcf32c17f209b8242ee52aaf131facd88d0ea2c6d0b06f2"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "12000000 436f6f7264696e61746f724a6f696e52756e"
    "00 00000000 0000000000000000";

TEST(AuthorizerTest, Discriminators) {
  // Spec 1.1.
  EXPECT_EQ(HexEncode(AnchorAccountDiscriminator("Authorization")), "0344a8f3c3a8204b");
  EXPECT_EQ(HexEncode(AnchorInstructionDiscriminator("authorization_create")), "149dc4b3e7df6d66");
  EXPECT_EQ(HexEncode(AnchorInstructionDiscriminator("authorization_close")), "81d0f820c8855717");
}

TEST(AuthorizerTest, JoinScopeBytes) {
  EXPECT_EQ(HexEncode(JoinRunScope()), "436f6f7264696e61746f724a6f696e52756e");
}

TEST(AuthorizerTest, PdaVectors) {
  // Spec 8.1.
  auto open = AuthorizationAddress(kGrantor, kAnyone, JoinRunScope());
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_EQ(open->address.ToBase58(), "5g1jZbp4tVK9DRssLzbRiZYMbeTS1jWu1aGjcQcDPdKe");
  EXPECT_EQ(HexEncode(open->address.view()),
            "456d3a9fe41d94738680cfa0b6578d299091e45da9109a53ccd910f494e82199");
  EXPECT_EQ(open->bump, 255);

  auto self = AuthorizationAddress(kGrantor, kGrantor, JoinRunScope());
  ASSERT_TRUE(self.ok());
  EXPECT_EQ(self->address.ToBase58(), "5MhgiP4qKXwqBnf2qPC2JAN592dqSfXc92auwVJgfCWE");
  EXPECT_EQ(self->bump, 254);

  auto k1 = AuthorizationAddress(kK1, solana::program_ids::System(), JoinRunScope());
  ASSERT_TRUE(k1.ok());
  EXPECT_EQ(k1->address.ToBase58(), "3V59ffLAJ1NBdLC8sCkwU8x3N2f1Y46WsWjXtoxY1oiS");
  EXPECT_EQ(k1->bump, 255);

  Bytes long_scope(33, 'x');
  EXPECT_FALSE(AuthorizationAddress(kGrantor, kAnyone, long_scope).ok());
}

TEST(AuthorizerTest, DecodesFreshAccount) {
  Bytes data = Hex(kFreshAccountHex);
  ASSERT_EQ(data.size(), 108u);
  auto a = DecodeAuthorization(program_ids::Authorizer(), data);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->bump, 255);
  EXPECT_EQ(a->grantor, kGrantor);
  EXPECT_TRUE(a->IsPermissionless());
  EXPECT_EQ(a->scope, Bytes(JoinRunScope().begin(), JoinRunScope().end()));
  EXPECT_FALSE(a->active);
  EXPECT_TRUE(a->delegates.empty());
  EXPECT_EQ(a->grantor_update_unix_timestamp, 0);
}

Bytes AccountWithDelegates() {
  Bytes data = Hex(kFreshAccountHex);
  data[95] = 1;      // active
  data[96] = 2;      // two delegates
  data.resize(100);  // drop the timestamp
  solana::PutBytes(&data, kK1.view());
  solana::PutBytes(&data, kGrantor.view());
  solana::PutI64(&data, 1'700'000'000);
  return data;
}

TEST(AuthorizerTest, DecodesDelegatesAndIgnoresTrailingBytes) {
  Bytes data = AccountWithDelegates();
  ASSERT_EQ(data.size(), 108u + 64u);
  data.push_back(0);  // trailing slack is tolerated (Borsh semantics)
  auto a = DecodeAuthorization(program_ids::Authorizer(), data);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_TRUE(a->active);
  ASSERT_EQ(a->delegates.size(), 2u);
  EXPECT_EQ(a->delegates[0], kK1);
  EXPECT_EQ(a->delegates[1], kGrantor);
  EXPECT_EQ(a->grantor_update_unix_timestamp, 1'700'000'000);
}

TEST(AuthorizerTest, DecoderRejectsBadInput) {
  const Bytes good = Hex(kFreshAccountHex);
  const Pubkey& authorizer = program_ids::Authorizer();
  EXPECT_FALSE(DecodeAuthorization(program_ids::Treasurer(), good).ok());  // wrong owner
  EXPECT_FALSE(DecodeAuthorization(solana::program_ids::System(), good).ok());
  for (size_t n : {0ul, 7ul, 8ul, 40ul, 76ul, 94ul, 95ul, 99ul, 107ul}) {
    EXPECT_FALSE(DecodeAuthorization(authorizer, solana::ByteView(good).subspan(0, n)).ok())
        << "truncated to " << n;
  }
  Bytes wrong_disc = good;
  wrong_disc[0] ^= 1;
  EXPECT_FALSE(DecodeAuthorization(authorizer, wrong_disc).ok());
  Bytes bad_bool = good;
  bad_bool[95] = 2;
  EXPECT_FALSE(DecodeAuthorization(authorizer, bad_bool).ok());
  Bytes huge_scope = good;
  huge_scope[73] = 33;
  EXPECT_FALSE(DecodeAuthorization(authorizer, huge_scope).ok());
  Bytes huge_count = good;
  huge_count[99] = 0x7f;  // ~2^30 delegates: must fail without allocating
  EXPECT_FALSE(DecodeAuthorization(authorizer, huge_count).ok());
  Bytes one_missing = AccountWithDelegates();
  one_missing[96] = 3;
  EXPECT_FALSE(DecodeAuthorization(authorizer, one_missing).ok());
}

TEST(AuthorizerTest, ValidityRule) {
  auto a = DecodeAuthorization(program_ids::Authorizer(), AccountWithDelegates()).value();
  const Pubkey stranger = Key("GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ");
  // Permissionless and active: anyone.
  EXPECT_TRUE(a.IsValidFor(kGrantor, stranger, JoinRunScope()));
  EXPECT_EQ(a.MatchUser(kGrantor, stranger, JoinRunScope()), AuthorizationMatch::kPermissionless);
  // Wrong grantor or scope.
  EXPECT_FALSE(a.IsValidFor(kK1, stranger, JoinRunScope()));
  const Bytes other_scope = {'C', 'o', 'o', 'r', 'd'};
  EXPECT_FALSE(a.IsValidFor(kGrantor, stranger, other_scope));
  // Direct grantee and delegates.
  a.grantee = kK1;
  a.delegates = {kGrantor};
  EXPECT_EQ(a.MatchUser(kGrantor, kK1, JoinRunScope()), AuthorizationMatch::kGrantee);
  EXPECT_EQ(a.MatchUser(kGrantor, kGrantor, JoinRunScope()), AuthorizationMatch::kDelegate);
  EXPECT_EQ(a.MatchUser(kGrantor, stranger, JoinRunScope()), AuthorizationMatch::kNone);
  EXPECT_FALSE(a.IsValidFor(kGrantor, stranger, JoinRunScope()));
  // Inactive: nobody.
  a.active = false;
  EXPECT_FALSE(a.IsValidFor(kGrantor, kK1, JoinRunScope()));
}

TEST(AuthorizerTest, InstructionDataVectors) {
  // Spec 8.4.
  auto create = AuthorizationCreate(kK1, kK1, kAnyone, JoinRunScope());
  ASSERT_TRUE(create.ok()) << create.status();
  EXPECT_EQ(HexEncode(create->data),
            "149dc4b3e7df6d66000000000000000000000000000000000000000000000000000000000000000012"
            "000000436f6f7264696e61746f724a6f696e52756e");
  EXPECT_EQ(create->data.size(), 62u);
  EXPECT_FALSE(AuthorizationCreate(kK1, kK1, kAnyone, Bytes(33, 'x')).ok());

  const Pubkey auth = Key("3V59ffLAJ1NBdLC8sCkwU8x3N2f1Y46WsWjXtoxY1oiS");
  EXPECT_EQ(HexEncode(AuthorizationGrantorUpdate(kK1, auth, true).data), "1d7441a161bd3af901");
  EXPECT_EQ(HexEncode(AuthorizationGrantorUpdate(kK1, auth, false).data), "1d7441a161bd3af900");
  EXPECT_EQ(HexEncode(AuthorizationGranteeUpdate(kK1, kK1, auth, false, {kGrantor}).data),
            "ba6f7fc75990c1430001000000"
            "7e8c088760bfde1dddcf32c17f209b8242ee52aaf131facd88d0ea2c6d0b06f2");
  EXPECT_EQ(HexEncode(AuthorizationGranteeUpdate(kK1, kK1, auth, true, {}).data),
            "ba6f7fc75990c1430100000000");
  EXPECT_EQ(HexEncode(AuthorizationClose(kK1, kK1, auth).data), "81d0f820c8855717");
}

TEST(AuthorizerTest, AccountLists) {
  const Pubkey auth = Key("3V59ffLAJ1NBdLC8sCkwU8x3N2f1Y46WsWjXtoxY1oiS");
  const Pubkey payer = Key("GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ");
  const Pubkey& sys = solana::program_ids::System();

  auto create = AuthorizationCreate(payer, kK1, kAnyone, JoinRunScope()).value();
  EXPECT_EQ(create.program_id, program_ids::Authorizer());
  ASSERT_EQ(create.accounts.size(), 4u);
  ExpectMeta(create.accounts[0], payer, true, true);
  ExpectMeta(create.accounts[1], kK1, true, false);
  ExpectMeta(create.accounts[2], auth, false, true);
  ExpectMeta(create.accounts[3], sys, false, false);

  auto grantor = AuthorizationGrantorUpdate(kK1, auth, true);
  ASSERT_EQ(grantor.accounts.size(), 2u);
  ExpectMeta(grantor.accounts[0], kK1, true, false);
  ExpectMeta(grantor.accounts[1], auth, false, true);

  auto grantee = AuthorizationGranteeUpdate(payer, kK1, auth, false, {});
  ASSERT_EQ(grantee.accounts.size(), 4u);
  ExpectMeta(grantee.accounts[0], payer, true, true);
  ExpectMeta(grantee.accounts[1], kK1, true, false);
  ExpectMeta(grantee.accounts[2], auth, false, true);
  ExpectMeta(grantee.accounts[3], sys, false, false);

  auto close = AuthorizationClose(kK1, payer, auth);
  ASSERT_EQ(close.accounts.size(), 4u);
  ExpectMeta(close.accounts[0], kK1, true, false);
  ExpectMeta(close.accounts[1], payer, false, true);
  ExpectMeta(close.accounts[2], auth, false, true);
  ExpectMeta(close.accounts[3], sys, false, false);

  // Redeployed authorizer: the id flows into the program and the PDA.
  const Pubkey fork = Key("GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ");
  auto forked = AuthorizationCreate(payer, kK1, kAnyone, JoinRunScope(), fork).value();
  EXPECT_EQ(forked.program_id, fork);
  EXPECT_NE(forked.accounts[2].pubkey, auth);
}

TEST(AuthorizerTest, GrantorFilters) {
  // Spec 2.6.
  auto filters = AuthorizationsByGrantorFilters(kGrantor);
  ASSERT_EQ(filters.size(), 2u);
  EXPECT_EQ(filters[0].offset, 0u);
  EXPECT_EQ(filters[0].BytesBase58(), "YhvrLNuXv2");
  EXPECT_EQ(filters[1].offset, 9u);
  EXPECT_EQ(filters[1].BytesBase58(), kGrantor.ToBase58());
  MemcmpFilter scope = JoinScopeFilter();
  EXPECT_EQ(scope.offset, 73u);
  EXPECT_EQ(HexEncode(scope.bytes), "12000000436f6f7264696e61746f724a6f696e52756e");
  EXPECT_EQ(scope.BytesBase58(), "5tMUodp8KnERe2DVCadmcvECstrBxy");
  MemcmpFilter grantee = AuthorizationGranteeFilter(kAnyone);
  EXPECT_EQ(grantee.offset, 41u);
  EXPECT_EQ(grantee.BytesBase58(), "11111111111111111111111111111111");
}

TEST(AuthorizerTest, RentOfJoinAuthorization) {
  // Spec 8.6: 108 bytes (+32 per delegate) at 6,960 lamports per byte.
  EXPECT_EQ(RentExemptMinimum(AuthorizationAccountSize(18, 0)), 1'642'560u);
  EXPECT_EQ(RentExemptMinimum(AuthorizationAccountSize(18, 1)), 1'865'280u);
}

// Spec 8.5 T1 and T2: complete signed legacy transactions, byte-exact.
TEST(AuthorizerTest, SignedTransactionT1Create) {
  auto k1 = TestKeypair(1);
  auto ix = AuthorizationCreate(k1.pubkey(), k1.pubkey(), kAnyone, JoinRunScope()).value();
  SignedForTest tx = SignLegacyForTest({ix}, {&k1});
  EXPECT_EQ(HexEncode(tx.message),
            "0100020479b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad04966424e85409d45"
            "cdcac39e6c080e5944651c25d1ab4508be6a8de8f0f80e3282d2b0000000000000000000000000000000"
            "00000000000000000000000000000000005dc686ace21fca7b30c73bbd93b90d247c1a3af439b1491986"
            "dfbbe97050a520707070707070707070707070707070707070707070707070707070707070707010304"
            "000001023e149dc4b3e7df6d66000000000000000000000000000000000000000000000000000000000"
            "000000012000000436f6f7264696e61746f724a6f696e52756e");
  EXPECT_EQ(tx.first_signature_base58,
            "3mVnaEX6jpiwC6iuCSWJVwz4yBU6iuX2G8iBKcqFvrZA6FcEusKkTfhhs33vmn92wbwAM2V2ubezYVaH7ct"
            "8ftg5");
  EXPECT_EQ(tx.base64,
            "AYpn6n/fJl6qgCV5h3++eFD5OUna4PABJjqaoAgu4F82LerKT7D6+u9x+mToQMqHjZOqXL3U3xm0mmcUe8Tn"
            "LwYBAAIEebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQk6FQJ1FzcrDnmwIDllEZRwl0atFCL5qje"
            "jw+A4ygtKwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABdxoas4h/KezDHO72TuQ0kfBo69DmxSR"
            "mG37vpcFClIHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwEDBAAAAQI+FJ3Es+ffbWYAAAAAAAAA"
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABIAAABDb29yZGluYXRvckpvaW5SdW4=");
  EXPECT_EQ(tx.wire.size(), 299u);
}

TEST(AuthorizerTest, SignedTransactionT2Activate) {
  auto k1 = TestKeypair(1);
  const Pubkey auth = Key("3V59ffLAJ1NBdLC8sCkwU8x3N2f1Y46WsWjXtoxY1oiS");
  SignedForTest tx =
      SignLegacyForTest({AuthorizationGrantorUpdate(k1.pubkey(), auth, true)}, {&k1});
  EXPECT_EQ(HexEncode(tx.message),
            "0100010379b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad04966424e85409d45"
            "cdcac39e6c080e5944651c25d1ab4508be6a8de8f0f80e3282d2b05dc686ace21fca7b30c73bbd93b90d"
            "247c1a3af439b1491986dfbbe97050a52070707070707070707070707070707070707070707070707070"
            "70707070707070102020001091d7441a161bd3af901");
  EXPECT_EQ(tx.first_signature_base58,
            "323czTAYhvo39ZzZRhFBVc2VMkyvnvTMwsbDnvuTmiydwuUxvEpzWLVpSLxUeX4DmQjF7iyb1TUSPCCxJ2u"
            "gAAp6");
  EXPECT_EQ(tx.base64,
            "AWTvcTy0eZe3VkVvEjA+/3ORmzyyWLSGDxSaptALyBbiqVIyN1LrRnNHabdyMT6aFDMXDpmH/ORHVokGCG+m"
            "SAcBAAEDebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQk6FQJ1FzcrDnmwIDllEZRwl0atFCL5qje"
            "jw+A4ygtKwXcaGrOIfynswxzu9k7kNJHwaOvQ5sUkZht+76XBQpSBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH"
            "BwcHBwcHBwcBAgIAAQkddEGhYb06+QE=");
  EXPECT_EQ(tx.wire.size(), 212u);
}

TEST(AuthorizerTest, ArbitraryBytesNeverCrash) {
  // Every prefix and many single-byte corruptions of valid accounts: the
  // decoder must return (ok or error), never crash or over-allocate.
  const Bytes base = AccountWithDelegates();
  for (size_t n = 0; n <= base.size(); ++n) {
    (void)DecodeAuthorization(program_ids::Authorizer(), solana::ByteView(base).subspan(0, n));
  }
  for (size_t i = 0; i < base.size(); ++i) {
    for (uint8_t v : {0x00, 0x01, 0x7f, 0x80, 0xff}) {
      Bytes b = base;
      b[i] = v;
      auto a = DecodeAuthorization(program_ids::Authorizer(), b);
      if (a.ok()) {
        EXPECT_LE(a->delegates.size(), 2u);
      }
    }
  }
}

}  // namespace
}  // namespace psyche
