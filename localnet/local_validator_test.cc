#include "localnet/local_validator.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "localnet/http_daemon.h"
#include "localnet/test_util.h"

namespace localnet {
namespace {

using testing::BuildTx;
using testing::KeyOf;

std::string Req(const std::string& method, const std::string& params) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":1,"method":")", method, R"(","params":)", params,
                      "}");
}

LocalValidatorOptions Options(const std::string& dir) {
  LocalValidatorOptions o;
  o.ledger.dir = dir;
  o.slot_interval = std::chrono::milliseconds(0);
  return o;
}

std::string FreshDir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/lv_" + name + "_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  return dir;
}

TEST(LocalValidatorTest, SlotClockAdvancesTheLedger) {
  LocalValidatorOptions o;
  o.slot_interval = std::chrono::milliseconds(5);
  auto v = LocalValidator::Start(o);
  ASSERT_TRUE(v.ok());
  uint64_t s0 = (*v)->ledger().Slot(Commitment::kProcessed);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_GT((*v)->ledger().Slot(Commitment::kProcessed), s0 + 3);
}

TEST(LocalValidatorTest, CrashRestartKeepsConfirmedState) {
  std::string dir = FreshDir("restart");
  Account seeded;
  seeded.lamports = 777;
  seeded.owner = KeyOf(3);
  LocalValidatorOptions o = Options(dir);
  o.seed_accounts.push_back({KeyOf(8), seeded});
  auto v = LocalValidator::Start(o);
  ASSERT_TRUE(v.ok());
  HttpReply r = (*v)->Handle(
      Req("requestAirdrop", absl::StrCat(R"([")", KeyOf(9).ToBase58(), R"(",2000000000])")));
  ASSERT_NE(r.body.find("\"result\""), std::string::npos) << r.body;
  ASSERT_TRUE((*v)->ledger().Tick(1).ok());
  r = (*v)->Handle(R"({"jsonrpc":"2.0","id":4,"method":"localnet_restart","params":[false]})");
  EXPECT_EQ(r.body, R"({"jsonrpc":"2.0","result":true,"id":4})");
  auto a = (*v)->ledger().GetAccounts({KeyOf(9), KeyOf(8)});
  ASSERT_TRUE(a[0].has_value());
  EXPECT_EQ(a[0]->lamports, 2'000'000'000u);
  ASSERT_TRUE(a[1].has_value());
  EXPECT_EQ(a[1]->owner, KeyOf(3));
  EXPECT_TRUE((*v)->Restart(/*clean=*/true).ok());
  EXPECT_EQ((*v)->ledger().GetAccounts({KeyOf(9)})[0]->lamports, 2'000'000'000u);
}

TEST(HttpDaemonTest, ServesJsonRpcAndInjectsTransportFaults) {
  auto v = LocalValidator::Start(Options(""));
  ASSERT_TRUE(v.ok());
  HttpDaemon daemon(v->get());
  ASSERT_TRUE(daemon.Start(0).ok());
  httplib::Client cli("127.0.0.1", daemon.port());
  cli.set_read_timeout(5, 0);

  auto res = cli.Post("/", Req("getSlot", "[]"), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("\"result\":"), std::string::npos);
  res = cli.Get("/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "ok");
  res = cli.Post("/", std::string(60 * 1024, ' '), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);

  // Land a transaction but drop the reply.
  testing::Signer payer = testing::SpecSigner();
  Account funded;
  funded.lamports = 5'000'000'000;
  ASSERT_TRUE((*v)->ledger().SetAccount(payer.pubkey, funded).ok());
  funded.lamports = 890'880;
  ASSERT_TRUE((*v)->ledger().SetAccount(KeyOf(1), funded).ok());
  res = cli.Post("/", Req("localnet_setFaults", R"([{"dropReplies":1,"http503":0}])"),
                 "application/json");
  ASSERT_TRUE(res);
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)},
                     (*v)->ledger().Block(Commitment::kProcessed).blockhash);
  res = cli.Post("/",
                 Req("sendTransaction", absl::StrCat(R"([")", solana::Base64Encode(tx),
                                                     R"(",{"encoding":"base64"}])")),
                 "application/json");
  EXPECT_FALSE(res && res->status == 200 && res->body.find("result") != std::string::npos);
  httplib::Client cli2("127.0.0.1", daemon.port());
  res = cli2.Post(
      "/", Req("getSignatureStatuses", absl::StrCat(R"([[")", testing::SigBase58(tx), R"("]])")),
      "application/json");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("\"confirmationStatus\""), std::string::npos) << res->body;

  res = cli2.Post("/", Req("localnet_setFaults", R"([{"http429":1,"retryAfterSeconds":7}])"),
                  "application/json");
  res = cli2.Post("/", Req("getSlot", "[]"), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Retry-After"), "7");
  daemon.Stop();
}

}  // namespace
}  // namespace localnet
