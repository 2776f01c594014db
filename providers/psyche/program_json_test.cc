#include "providers/psyche/program_json.h"

#include <gtest/gtest.h>

#include "providers/psyche/codec_test_util.h"

#include "providers/psyche/hex.h"
#include "rapidjson/document.h"
#include "rapidjson/prettywriter.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace psyche {
namespace {

using ::psyche::testing::Key;

using solana::Pubkey;

const Pubkey kGrantor = Key("9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM");
const Pubkey kK1 = Key("9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj");
const Pubkey kK2 = Key("GcQfK48DV9BzDuDeCyV2sShbAAY4vqmK8JSj1NBrwoVZ");

Authorization JoinAuthorization() {
  Authorization a;
  a.bump = 254;
  a.grantor = kGrantor;
  a.grantee = kK1;
  a.scope.assign(JoinRunScope().begin(), JoinRunScope().end());
  a.active = true;
  a.delegates = {kK2};
  a.grantor_update_unix_timestamp = 1'700'000'000;
  return a;
}

template <typename F>
rapidjson::Document Render(F write) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  write(w);
  EXPECT_TRUE(w.IsComplete());
  rapidjson::Document d;
  d.Parse(buf.GetString());
  EXPECT_FALSE(d.HasParseError()) << buf.GetString();
  return d;
}

TEST(ProgramJsonTest, Authorization) {
  const Pubkey address = Key("5MhgiP4qKXwqBnf2qPC2JAN592dqSfXc92auwVJgfCWE");
  auto d = Render([&](auto& w) { WriteAuthorizationJson(w, address, JoinAuthorization()); });
  EXPECT_STREQ(d["address"].GetString(), address.ToBase58().c_str());
  EXPECT_EQ(d["bump"].GetUint(), 254u);
  EXPECT_STREQ(d["grantor"].GetString(), kGrantor.ToBase58().c_str());
  EXPECT_STREQ(d["grantee"].GetString(), kK1.ToBase58().c_str());
  EXPECT_FALSE(d["permissionless"].GetBool());
  EXPECT_STREQ(d["scope"].GetString(), "CoordinatorJoinRun");
  EXPECT_STREQ(d["scope_hex"].GetString(), "436f6f7264696e61746f724a6f696e52756e");
  EXPECT_TRUE(d["active"].GetBool());
  ASSERT_EQ(d["delegates"].Size(), 1u);
  EXPECT_STREQ(d["delegates"][0].GetString(), kK2.ToBase58().c_str());
  EXPECT_EQ(d["grantor_update_unix_timestamp"].GetInt64(), 1'700'000'000);

  Authorization binary = JoinAuthorization();
  binary.scope = {0x00, 0xff};
  auto b = Render([&](auto& w) { WriteAuthorizationJson(w, address, binary); });
  EXPECT_TRUE(b["scope"].IsNull());
  EXPECT_STREQ(b["scope_hex"].GetString(), "00ff");
}

TEST(ProgramJsonTest, PrettyWriterProducesTheSameDocument) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  WriteAuthorizationJson(w, kK1, JoinAuthorization());
  rapidjson::Document d;
  d.Parse(buf.GetString());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_TRUE(d["active"].GetBool());
}

TEST(ProgramJsonTest, UserJoinAccess) {
  const Pubkey address = Key("5MhgiP4qKXwqBnf2qPC2JAN592dqSfXc92auwVJgfCWE");
  const Authorization a = JoinAuthorization();
  auto direct = Render([&](auto& w) { WriteUserJoinAccessJson(w, kK1, kGrantor, address, a); });
  EXPECT_TRUE(direct["authorized"].GetBool());
  EXPECT_STREQ(direct["via"].GetString(), "grantee");
  EXPECT_STREQ(direct["authorization"].GetString(), address.ToBase58().c_str());
  auto delegate = Render([&](auto& w) { WriteUserJoinAccessJson(w, kK2, kGrantor, address, a); });
  EXPECT_STREQ(delegate["via"].GetString(), "delegate");
  auto stranger =
      Render([&](auto& w) { WriteUserJoinAccessJson(w, kGrantor, kGrantor, address, a); });
  EXPECT_FALSE(stranger["authorized"].GetBool());
  EXPECT_STREQ(stranger["via"].GetString(), "none");
  auto missing =
      Render([&](auto& w) { WriteUserJoinAccessJson(w, kK1, kGrantor, address, std::nullopt); });
  EXPECT_TRUE(missing["authorization"].IsNull());
  EXPECT_FALSE(missing["authorized"].GetBool());
}

TEST(ProgramJsonTest, TreasurerBalances) {
  TreasurerRun run;
  run.index = 7313085519096743583ull;
  run.main_authority = kK1;
  run.collateral_mint = Key("EPjFWdd5AufqSSqeM2qN1xxybapC8G4wEGGkZwyTDt1v");
  run.total_claimed_earned_points = 300;
  const TreasurerBalances b = ComputeTreasurerBalances(1'500'000, 500, run, 100);
  const Pubkey vault = Key("CBQPsWTfC2X7o1Afe9edFGmQrZNKkzLPbG9c1K1JyhFt");
  auto d = Render([&](auto& w) { WriteTreasurerBalancesJson(w, kK2, run, vault, 6, b); });
  EXPECT_EQ(d["index"].GetUint64(), 7313085519096743583ull);
  EXPECT_STREQ(d["vault"].GetString(), vault.ToBase58().c_str());
  EXPECT_EQ(d["decimals"].GetUint(), 6u);
  EXPECT_EQ(d["funded"]["amount"].GetUint64(), 1'500'000u);
  EXPECT_STREQ(d["funded"]["ui"].GetString(), "1.5");
  EXPECT_EQ(d["unclaimed"]["amount"].GetUint64(), 200u);
  EXPECT_STREQ(d["unclaimed"]["ui"].GetString(), "0.0002");
  EXPECT_EQ(d["missing"]["amount"].GetUint64(), 0u);
  EXPECT_EQ(d["surplus"]["amount"].GetUint64(), 1'499'800u);
  EXPECT_DOUBLE_EQ(d["estimated_funded_epochs"].GetDouble(), 14'998.0);

  const TreasurerBalances unbounded = ComputeTreasurerBalances(0, 0, TreasurerRun{}, 0);
  auto u = Render([&](auto& w) { WriteTreasurerBalancesJson(w, kK2, run, vault, 6, unbounded); });
  EXPECT_TRUE(u["estimated_funded_epochs"].IsNull());
}

}  // namespace
}  // namespace psyche
