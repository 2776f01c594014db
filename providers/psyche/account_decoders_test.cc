#include "providers/psyche/account_decoders.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>

#include "providers/psyche/anchor.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/hex.h"
#include "providers/psyche/testing_fixtures.h"

namespace psyche {
namespace {

TEST(AccountDecodersTest, DetectsCoordinatorAccount) {
  auto r = DecodeAnyAccount(testing::ReadFixture("coordinator-account-v1.so"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->kind, "CoordinatorAccount");
  rapidjson::Document doc;
  doc.Parse(r->json.c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["kind"].GetString(), "CoordinatorAccount");
  EXPECT_EQ(doc["data_size"].GetUint(), 119160u);
  EXPECT_STREQ(doc["account"]["run_id"].GetString(), "test");
  EXPECT_TRUE(doc["account"]["clients"]["registered"].IsArray());
}

TEST(AccountDecodersTest, DetectsCoordinatorInstance) {
  CoordinatorInstance inst;
  inst.run_id = "test";
  inst.bump = 254;
  auto r = DecodeAnyAccount(EncodeCoordinatorInstance(inst));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->kind, "CoordinatorInstance");
  EXPECT_NE(r->json.find(R"("account":{"run_id":"test","bump":254,)"), std::string::npos)
      << r->json;
}

TEST(AccountDecodersTest, UnknownKindIsNotFound) {
  solana::Bytes junk(100, 0x42);
  auto r = DecodeAnyAccount(junk);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("4242424242424242"), std::string::npos);
  EXPECT_FALSE(DecodeAnyAccount(solana::Bytes()).ok());
}

TEST(AccountDecodersTest, CorruptKnownKindReportsTheField) {
  solana::Bytes data = testing::ReadFixture("coordinator-account-v1.so");
  data[936] = 9;
  auto r = DecodeAnyAccount(data);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("optimizer"), std::string::npos);
}

}  // namespace
}  // namespace psyche

namespace psyche {
namespace {

solana::Bytes HexBytes(std::string hex) {
  hex.erase(std::remove(hex.begin(), hex.end(), ' '), hex.end());
  return HexDecode(hex).value();
}

TEST(AccountDecodersTest, DetectsAuthorizationAndDerivesItsAddress) {
  // Spec authorizer-treasurer-token 8.1: a fresh permissionless join authorization.
  auto r = DecodeAnyAccount(HexBytes(
      "0344a8f3c3a8204b ff"
      "7e8c088760bfde1dddcf32c17f209b8242ee52aaf131facd88d0ea2c6d0b06f2"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "12000000 436f6f7264696e61746f724a6f696e52756e"
      "00 00000000 0000000000000000"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->kind, "Authorization");
  rapidjson::Document doc;
  doc.Parse(r->json.c_str());
  ASSERT_FALSE(doc.HasParseError());
  const auto& a = doc["account"];
  EXPECT_TRUE(a["permissionless"].GetBool());
  EXPECT_FALSE(a["active"].GetBool());
  EXPECT_STREQ(a["scope"].GetString(), "CoordinatorJoinRun");
  // The address is the PDA of (grantor, grantee, scope), not something stored.
  auto grantor = solana::Pubkey::FromBytes(
      HexBytes("7e8c088760bfde1dddcf32c17f209b8242ee52aaf131facd88d0ea2c6d0b06f2"));
  auto pda = AuthorizationAddress(*grantor, solana::Pubkey(), JoinRunScope());
  ASSERT_TRUE(pda.ok());
  EXPECT_EQ(a["address"].GetString(), pda->address.ToBase58());
}

TEST(AccountDecodersTest, DetectsMintAndTokenAccountBySize) {
  solana::Bytes mint(82, 0);
  mint[36] = 0x40;  // supply = 64
  mint[44] = 6;     // decimals
  mint[45] = 1;     // initialized
  auto m = DecodeAnyAccount(mint);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->kind, "SplMint");
  EXPECT_NE(m->json.find(R"("supply":64,"decimals":6)"), std::string::npos) << m->json;

  solana::Bytes token(165, 0);
  token[64] = 0x10;  // amount = 16
  token[108] = 1;    // state initialized
  auto t = DecodeAnyAccount(token);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->kind, "SplTokenAccount");
  EXPECT_NE(t->json.find(R"("amount":16)"), std::string::npos) << t->json;

  token[108] = 0;  // uninitialized: detected by size, then refused by the decoder
  EXPECT_FALSE(DecodeAnyAccount(token).ok());
}

TEST(AccountDecodersTest, TruncatedTreasurerRunIsRejected) {
  solana::Bytes run;
  const auto disc = AnchorAccountDiscriminator("Run");
  run.insert(run.end(), disc.begin(), disc.end());
  run.resize(100, 0);  // the Run account is at least 193 bytes
  auto r = DecodeAnyAccount(run);
  ASSERT_FALSE(r.ok());
}

}  // namespace
}  // namespace psyche
