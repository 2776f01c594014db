#include "localnet/authorizer_exec.h"

#include <gtest/gtest.h>

#include "localnet/psyche_ledger_for_test.h"
#include "providers/psyche/authorization_writer.h"
#include "providers/psyche/authorizer.h"
#include "providers/solana/program_ids.h"

namespace localnet {
namespace {

using psyche::Authorization;
using psyche::JoinRunScope;
using testing::PsycheTestKeypair;

const Pubkey& AuthorizerId() { return psyche::program_ids::Authorizer(); }

class AuthorizerExecTest : public testing::PsycheLedgerTest {
 protected:
  void SetUp() override {
    PsycheLedgerTest::SetUp();
    Fund(grantor.pubkey(), 10'000'000'000);
    Fund(grantee.pubkey(), 10'000'000'000);
    auto pda = psyche::AuthorizationAddress(grantor.pubkey(), grantee.pubkey(), JoinRunScope());
    ASSERT_TRUE(pda.ok());
    auth = pda->address;
    bump = pda->bump;
  }
  TxOutcome Create() {
    auto ix = psyche::AuthorizationCreate(grantor.pubkey(), grantor.pubkey(), grantee.pubkey(),
                                          JoinRunScope());
    EXPECT_TRUE(ix.ok());
    return Send({*ix}, {&grantor});
  }
  Authorization Read() {
    auto a = Get(auth);
    EXPECT_TRUE(a.has_value());
    if (!a) return {};
    auto d = psyche::DecodeAuthorization(a->owner, a->data);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? *d : Authorization{};
  }

  solana::Keypair grantor = PsycheTestKeypair(1);
  solana::Keypair grantee = PsycheTestKeypair(33);
  solana::Keypair stranger = PsycheTestKeypair(65);
  Pubkey auth;
  uint8_t bump = 0;
};

TEST_F(AuthorizerExecTest, RoundTripCreateActivateDelegatesClose) {
  uint64_t start = Balance(grantor.pubkey());
  TxOutcome o = Create();
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_TRUE(HasLog(o, "Program log: Instruction: AuthorizationCreate"));
  EXPECT_TRUE(HasLog(o, "Program 11111111111111111111111111111111 invoke [2]"));
  auto acct = Get(auth);
  ASSERT_TRUE(acct.has_value());
  EXPECT_EQ(acct->owner, AuthorizerId());
  EXPECT_EQ(acct->data.size(), 108u);
  EXPECT_EQ(acct->lamports, 1'642'560u);  // spec 2.3
  EXPECT_EQ(Balance(grantor.pubkey()), start - 1'642'560 - o.fee);
  Authorization a = Read();
  EXPECT_EQ(a.bump, bump);
  EXPECT_EQ(a.grantor, grantor.pubkey());
  EXPECT_EQ(a.grantee, grantee.pubkey());
  EXPECT_FALSE(a.active);
  EXPECT_EQ(a.grantor_update_unix_timestamp, 0);

  o = Send({psyche::AuthorizationGrantorUpdate(grantor.pubkey(), auth, true)}, {&grantor});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  a = Read();
  EXPECT_TRUE(a.active);
  EXPECT_GT(a.grantor_update_unix_timestamp, 0);
  EXPECT_TRUE(a.IsValidFor(grantor.pubkey(), grantee.pubkey(), JoinRunScope()));

  // Two delegates: the account grows by 64 bytes, the payer (grantee) funds 2 x 222,720.
  uint64_t grantee_before = Balance(grantee.pubkey());
  o = Send({psyche::AuthorizationGranteeUpdate(grantee.pubkey(), grantee.pubkey(), auth, false,
                                               {stranger.pubkey(), grantor.pubkey()})},
           {&grantee});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_EQ(Get(auth)->data.size(), 172u);
  EXPECT_EQ(Balance(auth), 1'642'560u + 2 * 222'720u);
  EXPECT_EQ(Balance(grantee.pubkey()), grantee_before - 2 * 222'720 - o.fee);
  a = Read();
  ASSERT_EQ(a.delegates.size(), 2u);
  EXPECT_EQ(a.delegates[0], stranger.pubkey());
  EXPECT_TRUE(a.IsValidFor(grantor.pubkey(), stranger.pubkey(), JoinRunScope()));

  // Clearing shrinks back and refunds the payer.
  grantee_before = Balance(grantee.pubkey());
  o = Send({psyche::AuthorizationGranteeUpdate(grantee.pubkey(), grantee.pubkey(), auth, true, {})},
           {&grantee});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_EQ(Get(auth)->data.size(), 108u);
  EXPECT_EQ(Balance(auth), 1'642'560u);
  EXPECT_EQ(Balance(grantee.pubkey()), grantee_before + 2 * 222'720 - o.fee);

  // Active authorizations cannot close (6000).
  o = Send({psyche::AuthorizationClose(grantor.pubkey(), grantor.pubkey(), auth)}, {&grantor});
  EXPECT_EQ(CustomError(o), 6000u) << Logs(o);
  EXPECT_TRUE(HasLog(o, "Error Code: AuthorizationActiveIsTrue. Error Number: 6000."));
  EXPECT_TRUE(HasLog(o, "failed: custom program error: 0x1770"));

  o = Send({psyche::AuthorizationGrantorUpdate(grantor.pubkey(), auth, false)}, {&grantor});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  uint64_t grantor_before = Balance(grantor.pubkey());
  o = Send({psyche::AuthorizationClose(grantor.pubkey(), grantor.pubkey(), auth)}, {&grantor});
  ASSERT_FALSE(o.err.has_value()) << Logs(o);
  EXPECT_FALSE(Get(auth).has_value());
  EXPECT_EQ(Balance(grantor.pubkey()), grantor_before + 1'642'560 - o.fee);

  // The PDA can be created again.
  o = Create();
  EXPECT_FALSE(o.err.has_value()) << Logs(o);
}

TEST_F(AuthorizerExecTest, CreatingTwiceIsSystemAccountAlreadyInUse) {
  ASSERT_FALSE(Create().err.has_value());
  TxOutcome o = Create();
  EXPECT_EQ(CustomError(o), 0u) << Logs(o);
}

TEST_F(AuthorizerExecTest, WrongPdaIsConstraintSeeds) {
  auto ix = psyche::AuthorizationCreate(grantor.pubkey(), grantor.pubkey(), grantee.pubkey(),
                                        JoinRunScope());
  ASSERT_TRUE(ix.ok());
  ix->accounts[2].pubkey = stranger.pubkey();
  TxOutcome o = Send({*ix}, {&grantor});
  EXPECT_EQ(CustomError(o), 2006u) << Logs(o);
  EXPECT_TRUE(HasLog(o, "AnchorError caused by account: authorization. Error Code: "
                        "ConstraintSeeds. Error Number: 2006."));
}

TEST_F(AuthorizerExecTest, WrongGrantorIsConstraintRaw) {
  ASSERT_FALSE(Create().err.has_value());
  Fund(stranger.pubkey(), 1'000'000'000);
  TxOutcome o =
      Send({psyche::AuthorizationGrantorUpdate(stranger.pubkey(), auth, true)}, {&stranger});
  EXPECT_EQ(CustomError(o), 2003u) << Logs(o);
  EXPECT_FALSE(Read().active);
}

TEST_F(AuthorizerExecTest, WrongGranteeIsConstraintRaw) {
  ASSERT_FALSE(Create().err.has_value());
  Fund(stranger.pubkey(), 1'000'000'000);
  TxOutcome o = Send({psyche::AuthorizationGranteeUpdate(stranger.pubkey(), stranger.pubkey(),
                                                         auth, false, {stranger.pubkey()})},
                     {&stranger});
  EXPECT_EQ(CustomError(o), 2003u) << Logs(o);
}

TEST_F(AuthorizerExecTest, MissingAuthorizationIsAccountNotInitialized) {
  TxOutcome o = Send({psyche::AuthorizationGrantorUpdate(grantor.pubkey(), auth, true)}, {&grantor});
  EXPECT_EQ(CustomError(o), 3012u) << Logs(o);
}

TEST_F(AuthorizerExecTest, SystemOwnedAccountWithLamportsIsWrongOwner) {
  Fund(auth, 5'000'000);
  TxOutcome o = Send({psyche::AuthorizationGrantorUpdate(grantor.pubkey(), auth, true)}, {&grantor});
  EXPECT_EQ(CustomError(o), 3007u) << Logs(o);
}

TEST_F(AuthorizerExecTest, UnknownDiscriminatorIs101) {
  solana::Instruction ix = psyche::AuthorizationGrantorUpdate(grantor.pubkey(), auth, true);
  ix.data = {1, 2, 3, 4, 5, 6, 7, 8, 1};
  TxOutcome o = Send({ix}, {&grantor});
  EXPECT_EQ(CustomError(o), 101u) << Logs(o);
  EXPECT_TRUE(HasLog(o, "Program log: AnchorError occurred. Error Code: "
                        "InstructionFallbackNotFound. Error Number: 101. Error Message: "
                        "Fallback functions are not supported."));
  ix.data = {1, 2};  // shorter than a discriminator: also 101 in this Anchor revision
  o = Send({ix}, {&grantor});
  EXPECT_EQ(CustomError(o), 101u) << Logs(o);
}

TEST_F(AuthorizerExecTest, BoolByteOtherThanZeroOrOneIs102) {
  ASSERT_FALSE(Create().err.has_value());
  solana::Instruction ix = psyche::AuthorizationGrantorUpdate(grantor.pubkey(), auth, true);
  ix.data.back() = 2;
  TxOutcome o = Send({ix}, {&grantor});
  EXPECT_EQ(CustomError(o), 102u) << Logs(o);
}

TEST_F(AuthorizerExecTest, NonSystemSpillIs3011) {
  ASSERT_FALSE(Create().err.has_value());
  TxOutcome o = Send({psyche::AuthorizationClose(grantor.pubkey(), auth, auth)}, {&grantor});
  EXPECT_EQ(CustomError(o), 3011u) << Logs(o);
}

// The 30-day rule needs the clock, so this runs the program on a hand-made context.
TEST(AuthorizerCloseDelayTest, DelegatesBlockCloseFor30DaysAfterGrantorUpdate) {
  Authorization a;
  a.grantor = PsycheTestKeypair(1).pubkey();
  a.grantee = PsycheTestKeypair(33).pubkey();
  auto scope = JoinRunScope();
  a.scope.assign(scope.begin(), scope.end());
  a.delegates = {PsycheTestKeypair(65).pubkey()};
  a.grantor_update_unix_timestamp = 1'000'000;
  TxAccount grantor{a.grantor, {}, true, false};
  grantor.account.lamports = 1;
  TxAccount spill{PsycheTestKeypair(97).pubkey(), {}, false, true};
  TxAccount auth{PsycheTestKeypair(129).pubkey(), {}, false, true};
  auth.account.owner = AuthorizerId();
  auth.account.data = *psyche::EncodeAuthorization(a);
  auth.account.lamports = RentExemptMinimum(auth.account.data.size());
  TxAccount system{solana::program_ids::System(), {}, false, false};
  Bytes data(8);
  auto d = psyche::AnchorInstructionDiscriminator("authorization_close");
  std::copy(d.begin(), d.end(), data.begin());

  for (int64_t now : {1'000'000 + kAuthorizationCloseDelaySeconds - 1,
                      1'000'000 + kAuthorizationCloseDelaySeconds}) {
    TxAccount auth_copy = auth, spill_copy = spill;
    std::vector<std::string> logs;
    InvokeContext ctx(AuthorizerId(), {&grantor, &spill_copy, &auth_copy, &system}, data,
                      ExecEnv{1, now}, &logs);
    InstructionResult r = AuthorizerProgram().Process(ctx);
    if (now < 1'000'000 + kAuthorizationCloseDelaySeconds) {
      ASSERT_TRUE(r.has_value());
      EXPECT_EQ(*r, InstructionError::Custom(6001));
    } else {
      EXPECT_FALSE(r.has_value());
      EXPECT_EQ(spill_copy.account.lamports, auth.account.lamports);
      EXPECT_TRUE(auth_copy.account.data.empty());
      EXPECT_EQ(auth_copy.account.owner, solana::program_ids::System());
    }
  }
}

}  // namespace
}  // namespace localnet
