#include "localnet/rpc_server.h"

#include <gtest/gtest.h>

#include "localnet/test_util.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "rapidjson/document.h"

namespace localnet {
namespace {

using testing::BuildTx;
using testing::HashOf;
using testing::KeyOf;

class RpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LedgerOptions o;
    o.genesis_blockhash = HashOf(7);
    ledger = std::move(*Ledger::Open(o, ProgramRegistry::WithBuiltins()));
    server = std::make_unique<RpcServer>(ledger.get(), &faults);
    payer = testing::SpecSigner();
    Account a;
    a.lamports = 10'000'000'000;
    ASSERT_TRUE(ledger->SetAccount(payer.pubkey, a).ok());
  }
  // One call; returns the parsed reply.
  rapidjson::Document Call(const std::string& method, const std::string& params = "[]") {
    last = server->Handle(absl::StrCat(R"({"jsonrpc":"2.0","id":1,"method":")", method,
                                       R"(","params":)", params, "}"));
    rapidjson::Document d;
    d.Parse(last.body.c_str());
    EXPECT_FALSE(d.HasParseError()) << last.body;
    return d;
  }
  static int ErrorCode(const rapidjson::Document& d) {
    if (!d.IsObject() || !d.HasMember("error")) return 0;
    return d["error"]["code"].GetInt();
  }
  std::string Latest() { return ledger->Block(Commitment::kProcessed).blockhash.ToBase58(); }
  std::string B64(const Bytes& b) { return solana::Base64Encode(b); }
  std::string SendParams(const Bytes& tx, const std::string& extra = "") {
    return absl::StrCat(R"([")", B64(tx), R"(",{"encoding":"base64")", extra, "}]");
  }

  std::unique_ptr<Ledger> ledger;
  Faults faults;
  std::unique_ptr<RpcServer> server;
  testing::Signer payer;
  HttpReply last;
};

TEST_F(RpcTest, MalformedEnvelopes) {
  HttpReply r = server->Handle("{not json");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"code\":-32700"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"id\":null"), std::string::npos);
  r = server->Handle(R"({"jsonrpc":"2.0","id":1,"method":"getSlot"} trailing)");
  EXPECT_NE(r.body.find("-32700"), std::string::npos);
  r = server->Handle("[]");
  EXPECT_NE(r.body.find("-32600"), std::string::npos);
  r = server->Handle("42");
  EXPECT_NE(r.body.find("-32600"), std::string::npos);
  r = server->Handle(R"({"jsonrpc":"1.0","id":1,"method":"getSlot"})");
  EXPECT_NE(r.body.find("-32600"), std::string::npos);
  r = server->Handle(R"({"jsonrpc":"2.0","id":7,"method":5})");
  EXPECT_NE(r.body.find("-32600"), std::string::npos);
  EXPECT_NE(r.body.find("\"id\":7"), std::string::npos);
  r = server->Handle(R"({"jsonrpc":"2.0","id":"abc","method":"noSuchMethod"})");
  EXPECT_EQ(r.body,
            R"({"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":"abc"})");
  r = server->Handle(R"({"jsonrpc":"2.0","id":1,"method":"getSlot","params":{"a":1}})");
  EXPECT_NE(r.body.find("-32602"), std::string::npos);
  // Notifications (no id) get no reply.
  r = server->Handle(R"({"jsonrpc":"2.0","method":"getSlot"})");
  EXPECT_TRUE(r.body.empty());
  // Huge bodies: HTTP 413, like the validator's 50 KiB limit.
  r = server->Handle(std::string(60 * 1024, ' '));
  EXPECT_EQ(r.status, 413);
  // Deep nesting must not crash.
  r = server->Handle(std::string(20000, '[') + std::string(20000, ']'));
  EXPECT_EQ(r.status, 200);
}

TEST_F(RpcTest, BatchRequests) {
  HttpReply r = server->Handle(
      R"([{"jsonrpc":"2.0","id":1,"method":"getSlot"},{"jsonrpc":"2.0","id":2,"method":"nope"},)"
      R"({"jsonrpc":"2.0","method":"getSlot"},3])");
  rapidjson::Document d;
  d.Parse(r.body.c_str());
  ASSERT_TRUE(d.IsArray()) << r.body;
  ASSERT_EQ(d.Size(), 3u);
  EXPECT_TRUE(d[0]["result"].IsUint64());
  EXPECT_EQ(d[1]["error"]["code"].GetInt(), -32601);
  EXPECT_EQ(d[2]["error"]["code"].GetInt(), -32600);
}

TEST_F(RpcTest, AccountReads) {
  auto d = Call("getAccountInfo",
                absl::StrCat(R"([")", payer.pubkey.ToBase58(), R"(",{"encoding":"base64"}])"));
  const auto& v = d["result"]["value"];
  EXPECT_EQ(v["lamports"].GetUint64(), 10'000'000'000u);
  EXPECT_EQ(std::string(v["owner"].GetString()), "11111111111111111111111111111111");
  EXPECT_EQ(std::string(v["data"][0].GetString()), "");
  EXPECT_EQ(std::string(v["data"][1].GetString()), "base64");
  EXPECT_EQ(v["rentEpoch"].GetUint64(), 18446744073709551615u);
  EXPECT_EQ(v["space"].GetUint64(), 0u);
  EXPECT_TRUE(d["result"]["context"]["slot"].IsUint64());

  d = Call("getAccountInfo", absl::StrCat(R"([")", KeyOf(99).ToBase58(), R"("])"));
  EXPECT_TRUE(d["result"]["value"].IsNull());
  d = Call("getAccountInfo", R"(["notakey"])");
  EXPECT_EQ(ErrorCode(d), -32602);
  EXPECT_EQ(std::string(d["error"]["message"].GetString()), "Invalid param: Invalid");
  d = Call("getAccountInfo", R"([5])");
  EXPECT_EQ(ErrorCode(d), -32602);
  d = Call("getAccountInfo", R"([])");
  EXPECT_EQ(ErrorCode(d), -32602);
  d = Call("getAccountInfo",
           absl::StrCat(R"([")", payer.pubkey.ToBase58(), R"(",{"commitment":"bogus"}])"));
  EXPECT_EQ(ErrorCode(d), -32602);

  d = Call("getBalance", absl::StrCat(R"([")", payer.pubkey.ToBase58(), R"("])"));
  EXPECT_EQ(d["result"]["value"].GetUint64(), 10'000'000'000u);

  std::string keys = "[";
  for (int i = 0; i < 101; ++i) keys += absl::StrCat(i ? "," : "", "\"", KeyOf(i).ToBase58(), "\"");
  keys += "]";
  d = Call("getMultipleAccounts", absl::StrCat("[", keys, "]"));
  EXPECT_EQ(ErrorCode(d), -32602);
  EXPECT_EQ(std::string(d["error"]["message"].GetString()), "Too many inputs provided; max 100");
  d = Call("getMultipleAccounts",
           absl::StrCat(R"([[")", payer.pubkey.ToBase58(), R"(",")", KeyOf(99).ToBase58(),
                        R"("],{"encoding":"base64"}])"));
  ASSERT_EQ(d["result"]["value"].Size(), 2u);
  EXPECT_TRUE(d["result"]["value"][0].IsObject());
  EXPECT_TRUE(d["result"]["value"][1].IsNull());
}

TEST_F(RpcTest, ProgramAccountsFilters) {
  Pubkey owner = KeyOf(50);
  for (uint8_t i = 1; i <= 3; ++i) {
    Account a;
    a.lamports = RentExemptMinimum(10);
    a.owner = owner;
    a.data = Bytes(10, i);
    if (i == 3) a.data.resize(12, 3);
    ASSERT_TRUE(ledger->SetAccount(KeyOf(60 + i), a).ok());
  }
  auto d = Call("getProgramAccounts",
                absl::StrCat(R"([")", owner.ToBase58(), R"(",{"encoding":"base64"}])"));
  EXPECT_EQ(d["result"].Size(), 3u);
  d = Call("getProgramAccounts",
           absl::StrCat(R"([")", owner.ToBase58(),
                        R"(",{"encoding":"base64","filters":[{"dataSize":10}]}])"));
  EXPECT_EQ(d["result"].Size(), 2u);
  std::string two = solana::Base58Encode(Bytes{2, 2});
  d = Call(
      "getProgramAccounts",
      absl::StrCat(
          R"([")", owner.ToBase58(),
          R"(",{"encoding":"base64","withContext":true,"filters":[{"memcmp":{"offset":8,"bytes":")",
          two, R"("}}]}])"));
  ASSERT_EQ(d["result"]["value"].Size(), 1u);
  EXPECT_EQ(std::string(d["result"]["value"][0]["pubkey"].GetString()), KeyOf(62).ToBase58());
  // base64 memcmp; past-the-end comparison never matches.
  d = Call(
      "getProgramAccounts",
      absl::StrCat(
          R"([")", owner.ToBase58(),
          R"(",{"encoding":"base64","filters":[{"memcmp":{"offset":9,"bytes":"AwM=","encoding":"base64"}}]}])"));
  EXPECT_EQ(d["result"].Size(), 1u);
  d = Call(
      "getProgramAccounts",
      absl::StrCat(
          R"([")", owner.ToBase58(),
          R"(",{"filters":[{"dataSize":1},{"dataSize":1},{"dataSize":1},{"dataSize":1},{"dataSize":1}]}])"));
  EXPECT_EQ(ErrorCode(d), -32602);
}

TEST_F(RpcTest, ClockAndFees) {
  auto d = Call("getLatestBlockhash", R"([{"commitment":"processed"}])");
  EXPECT_EQ(std::string(d["result"]["value"]["blockhash"].GetString()), Latest());
  uint64_t height = ledger->Block(Commitment::kProcessed).height;
  EXPECT_EQ(d["result"]["value"]["lastValidBlockHeight"].GetUint64(), height + 150);
  d = Call("getBlockHeight", R"([{"commitment":"processed"}])");
  EXPECT_EQ(d["result"].GetUint64(), height);
  d = Call("getSlot", R"([{"commitment":"finalized"}])");
  EXPECT_EQ(d["result"].GetUint64(), ledger->Slot(Commitment::kFinalized));
  d = Call("isBlockhashValid", absl::StrCat(R"([")", Latest(), R"(",{"commitment":"processed"}])"));
  EXPECT_TRUE(d["result"]["value"].GetBool());
  d = Call("getMinimumBalanceForRentExemption", "[165]");
  EXPECT_EQ(d["result"].GetUint64(), 2'039'280u);
  d = Call("getMinimumBalanceForRentExemption", R"(["x"])");
  EXPECT_EQ(ErrorCode(d), -32602);
  d = Call("getSlot", R"([{"minContextSlot":999999999}])");
  EXPECT_EQ(ErrorCode(d), -32016);
  EXPECT_TRUE(d["error"]["data"]["contextSlot"].IsUint64());

  Bytes tx = BuildTx({&payer},
                     {testing::SetComputeUnitLimit(200000), testing::SetComputeUnitPrice(10000),
                      testing::Transfer(payer.pubkey, KeyOf(1), 1)},
                     HashOf(7));
  d = Call("getFeeForMessage", absl::StrCat(R"([")", B64(Bytes(tx.begin() + 65, tx.end())),
                                            R"(",{"commitment":"processed"}])"));
  EXPECT_EQ(d["result"]["value"].GetUint64(), 7000u);
  Bytes stale = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(8));
  d = Call("getFeeForMessage",
           absl::StrCat(R"([")", B64(Bytes(stale.begin() + 65, stale.end())), R"("])"));
  EXPECT_TRUE(d["result"]["value"].IsNull());

  d = Call("getVersion");
  EXPECT_TRUE(d["result"]["solana-core"].IsString());
  EXPECT_TRUE(d["result"]["feature-set"].IsUint());
  d = Call("getGenesisHash");
  EXPECT_EQ(std::string(d["result"].GetString()), ledger->genesis_hash().ToBase58());
  d = Call("getHealth");
  EXPECT_EQ(std::string(d["result"].GetString()), "ok");
}

TEST_F(RpcTest, SendConfirmAndFetch) {
  Account funded;
  funded.lamports = 890'880;
  ASSERT_TRUE(ledger->SetAccount(KeyOf(1), funded).ok());
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  auto d = Call("sendTransaction", SendParams(tx));
  ASSERT_TRUE(d["result"].IsString()) << last.body;
  std::string sig = d["result"].GetString();
  EXPECT_EQ(sig, testing::SigBase58(tx));

  // Same bytes again: preflight reports AlreadyProcessed.
  d = Call("sendTransaction", SendParams(tx));
  EXPECT_EQ(ErrorCode(d), -32002);
  EXPECT_EQ(std::string(d["error"]["message"].GetString()),
            "Transaction simulation failed: This transaction has already been processed");
  EXPECT_EQ(std::string(d["error"]["data"]["err"].GetString()), "AlreadyProcessed");

  d = Call("getSignatureStatuses",
           absl::StrCat(R"([[")", sig, R"(",")", solana::Base58Encode(Bytes(64, 1)), R"("]])"));
  const auto& st = d["result"]["value"][0];
  EXPECT_EQ(std::string(st["confirmationStatus"].GetString()), "processed");
  EXPECT_EQ(st["confirmations"].GetUint64(), 0u);
  EXPECT_TRUE(st["err"].IsNull());
  EXPECT_TRUE(st["status"]["Ok"].IsNull());
  EXPECT_TRUE(d["result"]["value"][1].IsNull());

  d = Call("getTransaction", absl::StrCat(R"([")", sig, R"(",{"commitment":"processed"}])"));
  EXPECT_EQ(ErrorCode(d), -32602);
  EXPECT_EQ(std::string(d["error"]["message"].GetString()),
            "Method does not support commitment below `confirmed`");
  d = Call("getTransaction", absl::StrCat(R"([")", sig, R"(",{"commitment":"confirmed"}])"));
  EXPECT_TRUE(d["result"].IsNull());  // not confirmed yet
  ASSERT_TRUE(ledger->Tick(1).ok());
  d = Call("getTransaction",
           absl::StrCat(R"([")", sig,
                        R"(",{"commitment":"confirmed","maxSupportedTransactionVersion":0}])"));
  const auto& r = d["result"];
  ASSERT_TRUE(r.IsObject()) << last.body;
  EXPECT_EQ(r["meta"]["fee"].GetUint64(), 5000u);
  EXPECT_EQ(std::string(r["version"].GetString()), "legacy");
  EXPECT_EQ(r["meta"]["logMessages"].Size(), 2u);
  EXPECT_EQ(r["transaction"]["message"]["header"]["numReadonlyUnsignedAccounts"].GetUint(), 1u);
  EXPECT_EQ(std::string(r["transaction"]["message"]["instructions"][0]["data"].GetString()),
            solana::Base58Encode(testing::TransferData(1)));
  EXPECT_EQ(r["meta"]["preBalances"][1].GetUint64() + 1, r["meta"]["postBalances"][1].GetUint64());
  d = Call("getTransaction",
           absl::StrCat(R"([")", sig, R"(",{"commitment":"confirmed","encoding":"base64"}])"));
  EXPECT_EQ(std::string(d["result"]["transaction"][0].GetString()), B64(tx));
  d = Call("getSignatureStatuses", absl::StrCat(R"([[")", sig, R"("]])"));
  EXPECT_EQ(std::string(d["result"]["value"][0]["confirmationStatus"].GetString()), "confirmed");
}

TEST_F(RpcTest, PreflightFailuresAndLogs) {
  Bytes tx =
      BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 100'000'000'000)}, HashOf(7));
  auto d = Call("sendTransaction", SendParams(tx));
  EXPECT_EQ(ErrorCode(d), -32002);
  EXPECT_EQ(
      std::string(d["error"]["message"].GetString()),
      "Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1");
  EXPECT_EQ(d["error"]["data"]["err"]["InstructionError"][1]["Custom"].GetUint(), 1u);
  EXPECT_EQ(d["error"]["data"]["logs"].Size(), 3u);
  EXPECT_TRUE(d["error"]["data"]["accounts"].IsNull());

  Bytes bad = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7), true);
  d = Call("sendTransaction", SendParams(bad));
  EXPECT_EQ(ErrorCode(d), -32003);
  // With skipPreflight the node answers the signature but it never lands.
  d = Call("sendTransaction", SendParams(bad, R"(,"skipPreflight":true)"));
  ASSERT_TRUE(d["result"].IsString());
  d = Call("getSignatureStatuses", absl::StrCat(R"([[")", testing::SigBase58(bad), R"("]])"));
  EXPECT_TRUE(d["result"]["value"][0].IsNull());

  Bytes stale = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(8));
  d = Call("sendTransaction", SendParams(stale));
  EXPECT_EQ(std::string(d["error"]["message"].GetString()),
            "Transaction simulation failed: Blockhash not found");
  EXPECT_EQ(d["error"]["data"]["logs"].Size(), 0u);

  // skipPreflight: an on-chain failure lands failed, fee charged.
  d = Call("sendTransaction", SendParams(tx, R"(,"skipPreflight":true)"));
  ASSERT_TRUE(d["result"].IsString());
  d = Call("getSignatureStatuses", absl::StrCat(R"([[")", testing::SigBase58(tx), R"("]])"));
  EXPECT_EQ(d["result"]["value"][0]["err"]["InstructionError"][0].GetUint(), 0u);
  EXPECT_TRUE(d["result"]["value"][0]["status"]["Err"].IsObject());
}

TEST_F(RpcTest, MalformedTransactions) {
  auto d = Call("sendTransaction", R"(["!!!notbase64",{"encoding":"base64"}])");
  EXPECT_EQ(ErrorCode(d), -32602);
  EXPECT_EQ(std::string(d["error"]["message"].GetString()).rfind("invalid base64 encoding", 0), 0u);
  d = Call("sendTransaction", R"(["0OIl",{"encoding":"base58"}])");
  EXPECT_EQ(ErrorCode(d), -32602);
  d = Call("sendTransaction",
           absl::StrCat(R"([")", B64(Bytes(1300, 1)), R"(",{"encoding":"base64"}])"));
  EXPECT_EQ(ErrorCode(d), -32602);
  EXPECT_NE(std::string(d["error"]["message"].GetString()).find("too large: 1736 bytes"),
            std::string::npos);
  d = Call("sendTransaction",
           absl::StrCat(R"([")", B64(Bytes(1000, 1)), R"(",{"encoding":"base64"}])"));
  EXPECT_EQ(ErrorCode(d), -32602);  // does not deserialize
  d = Call("sendTransaction", R"([5])");
  EXPECT_EQ(ErrorCode(d), -32602);
  d = Call("sendTransaction", R"(["AAAA",{"encoding":"jsonParsed"}])");
  EXPECT_EQ(ErrorCode(d), -32602);
  // Decoded size over 1232 but encoded size within 1644 (base64 of 1233 bytes is 1644 chars).
  std::string b64 = B64(Bytes(1233, 0));
  ASSERT_EQ(b64.size(), 1644u);
  d = Call("sendTransaction", absl::StrCat(R"([")", b64, R"(",{"encoding":"base64"}])"));
  EXPECT_EQ(std::string(d["error"]["message"].GetString()),
            "decoded solana_transaction::versioned::VersionedTransaction too large: 1233 bytes "
            "(max: 1232 bytes)");
  // Sanitize failure.
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  tx[65] = 2;  // header says two signatures
  d = Call("sendTransaction", SendParams(tx));
  EXPECT_EQ(ErrorCode(d), -32602);
}

TEST_F(RpcTest, SimulateTransaction) {
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  auto d = Call("simulateTransaction", SendParams(tx, R"(,"commitment":"processed")"));
  const auto& v = d["result"]["value"];
  ASSERT_TRUE(v.IsObject()) << last.body;
  EXPECT_EQ(v["err"]["InsufficientFundsForRent"]["account_index"].GetUint(), 1u);
  EXPECT_EQ(v["unitsConsumed"].GetUint64(), 150u);
  Account funded;
  funded.lamports = 890'880;
  ASSERT_TRUE(ledger->SetAccount(KeyOf(1), funded).ok());
  d = Call("simulateTransaction",
           SendParams(tx, absl::StrCat(R"(,"accounts":{"encoding":"base64","addresses":[")",
                                       payer.pubkey.ToBase58(), R"("]})")));
  EXPECT_EQ(d["result"]["value"]["accounts"][0]["lamports"].GetUint64(), 10'000'000'000u - 5001);
  d = Call("simulateTransaction",
           SendParams(tx, R"(,"sigVerify":true,"replaceRecentBlockhash":true)"));
  EXPECT_EQ(ErrorCode(d), -32602);
  Bytes stale = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(8));
  d = Call("simulateTransaction", SendParams(stale, R"(,"replaceRecentBlockhash":true)"));
  EXPECT_EQ(std::string(d["result"]["value"]["replacementBlockhash"]["blockhash"].GetString()),
            Latest());
}

TEST_F(RpcTest, AirdropAndStatusLimit) {
  auto d = Call("requestAirdrop", absl::StrCat(R"([")", KeyOf(5).ToBase58(), R"(",1000000000])"));
  ASSERT_TRUE(d["result"].IsString()) << last.body;
  d = Call("getBalance",
           absl::StrCat(R"([")", KeyOf(5).ToBase58(), R"(",{"commitment":"processed"}])"));
  EXPECT_EQ(d["result"]["value"].GetUint64(), 1'000'000'000u);
  d = Call("requestAirdrop", absl::StrCat(R"([")", KeyOf(5).ToBase58(), R"(",-1])"));
  EXPECT_EQ(ErrorCode(d), -32602);
  std::string sigs = "[";
  for (int i = 0; i < 257; ++i)
    sigs += absl::StrCat(i ? "," : "", "\"", solana::Base58Encode(Bytes(64, 1)), "\"");
  d = Call("getSignatureStatuses", absl::StrCat("[", sigs, "]]"));
  EXPECT_EQ(ErrorCode(d), -32602);
}

TEST_F(RpcTest, HttpFaults) {
  Call("localnet_setFaults", R"([{"http429":1,"retryAfterSeconds":3,"http503":1}])");
  HttpReply r = server->Handle(R"({"jsonrpc":"2.0","id":1,"method":"getSlot"})");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.retry_after, "3");
  r = server->Handle(R"({"jsonrpc":"2.0","id":1,"method":"getSlot"})");
  EXPECT_EQ(r.status, 503);
  r = server->Handle(R"({"jsonrpc":"2.0","id":1,"method":"getSlot"})");
  EXPECT_EQ(r.status, 200);
  Call("localnet_setFaults", R"([{"unhealthy":1}])");
  auto d = Call("getHealth");
  EXPECT_EQ(ErrorCode(d), -32005);
  d = Call("getHealth");
  EXPECT_EQ(std::string(d["result"].GetString()), "ok");
}

TEST_F(RpcTest, DropReplyStillLands) {
  Account funded;
  funded.lamports = 890'880;
  ASSERT_TRUE(ledger->SetAccount(KeyOf(1), funded).ok());
  Call("localnet_setFaults", R"([{"dropReplies":1}])");
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  Call("sendTransaction", SendParams(tx));
  EXPECT_TRUE(last.drop);
  auto d = Call("getSignatureStatuses", absl::StrCat(R"([[")", testing::SigBase58(tx), R"("]])"));
  EXPECT_FALSE(last.drop);
  EXPECT_TRUE(d["result"]["value"][0].IsObject());
}

TEST_F(RpcTest, DropAndDelayTransactions) {
  Account funded;
  funded.lamports = 890'880;
  ASSERT_TRUE(ledger->SetAccount(KeyOf(1), funded).ok());
  Call("localnet_setFaults", R"([{"dropTransactions":1}])");
  Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  auto d = Call("sendTransaction", SendParams(tx));
  EXPECT_EQ(std::string(d["result"].GetString()), testing::SigBase58(tx));
  ASSERT_TRUE(ledger->Tick(3).ok());
  d = Call("getSignatureStatuses", absl::StrCat(R"([[")", testing::SigBase58(tx), R"("]])"));
  EXPECT_TRUE(d["result"]["value"][0].IsNull());

  Call("localnet_setFaults", R"([{"landDelayBlocks":2}])");
  Bytes tx2 = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 2)},
                      ledger->Block(Commitment::kProcessed).blockhash);
  d = Call("sendTransaction", SendParams(tx2));
  ASSERT_TRUE(d["result"].IsString());
  std::string statuses = absl::StrCat(R"([[")", testing::SigBase58(tx2), R"("]])");
  Call("localnet_tick", "[1]");
  EXPECT_TRUE(Call("getSignatureStatuses", statuses)["result"]["value"][0].IsNull());
  Call("localnet_tick", "[1]");
  EXPECT_TRUE(Call("getSignatureStatuses", statuses)["result"]["value"][0].IsObject());
}

TEST_F(RpcTest, LedgerFaultsThroughControlMethod) {
  Call("localnet_setFaults", R"([{"expireBlockhashes":true}])");
  auto d = Call("isBlockhashValid",
                absl::StrCat(R"([")", HashOf(7).ToBase58(), R"(",{"commitment":"processed"}])"));
  EXPECT_FALSE(d["result"]["value"].GetBool());
  Call("localnet_setFaults", R"([{"holdConfirmations":5}])");
  uint64_t confirmed = ledger->Slot(Commitment::kConfirmed);
  Call("localnet_tick", "[3]");
  EXPECT_EQ(ledger->Slot(Commitment::kConfirmed), confirmed);
  Call("localnet_setFaults", R"([{"clear":true}])");
  Call("localnet_tick", "[1]");
  EXPECT_GT(ledger->Slot(Commitment::kConfirmed), confirmed);
  d = Call("localnet_setFaults", R"([{"http429":"x"}])");
  EXPECT_EQ(ErrorCode(d), -32602);
}

TEST_F(RpcTest, V0NeedsMaxSupportedTransactionVersion) {
  Account funded;
  funded.lamports = 890'880;
  ASSERT_TRUE(ledger->SetAccount(KeyOf(1), funded).ok());
  Bytes legacy = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1)}, HashOf(7));
  Bytes msg;
  msg.reserve(legacy.size());
  msg.push_back(0x80);
  msg.insert(msg.end(), legacy.begin() + 65, legacy.end());
  msg.push_back(0);
  Signature sig = payer.Sign(msg);
  Bytes tx;
  tx.reserve(1 + 64 + msg.size());
  tx.push_back(1);
  tx.insert(tx.end(), sig.begin(), sig.end());
  tx.insert(tx.end(), msg.begin(), msg.end());
  auto d = Call("sendTransaction", SendParams(tx));
  ASSERT_TRUE(d["result"].IsString()) << last.body;
  std::string id = d["result"].GetString();
  ASSERT_TRUE(ledger->Tick(1).ok());
  d = Call("getTransaction", absl::StrCat(R"([")", id, R"(",{"commitment":"confirmed"}])"));
  EXPECT_EQ(ErrorCode(d), -32015);
  d = Call("getTransaction",
           absl::StrCat(R"([")", id,
                        R"(",{"commitment":"confirmed","maxSupportedTransactionVersion":0}])"));
  EXPECT_EQ(d["result"]["version"].GetInt(), 0);
  EXPECT_TRUE(d["result"]["transaction"]["message"]["addressTableLookups"].IsArray());
}

TEST_F(RpcTest, AccountEncodings) {
  Account a;
  a.lamports = RentExemptMinimum(200);
  a.data = Bytes(200, 9);
  ASSERT_TRUE(ledger->SetAccount(KeyOf(70), a).ok());
  std::string key = KeyOf(70).ToBase58();
  auto d = Call("getAccountInfo", absl::StrCat(R"([")", key, R"(",{"encoding":"base58"}])"));
  EXPECT_EQ(ErrorCode(d), -32602);
  d = Call("getAccountInfo",
           absl::StrCat(R"([")", key,
                        R"(",{"encoding":"base58","dataSlice":{"offset":10,"length":4}}])"));
  EXPECT_EQ(std::string(d["result"]["value"]["data"][0].GetString()),
            solana::Base58Encode(Bytes(4, 9)));
  EXPECT_EQ(d["result"]["value"]["space"].GetUint64(), 200u);
  d = Call("getAccountInfo", absl::StrCat(R"([")", key, R"(",{"encoding":"base64+zstd"}])"));
  EXPECT_EQ(std::string(d["result"]["value"]["data"][1].GetString()), "base64+zstd");
  auto frame = solana::Base64Decode(d["result"]["value"]["data"][0].GetString());
  ASSERT_TRUE(frame.ok());
  EXPECT_EQ(frame->size(), 4u + 1 + 8 + 3 + 200);
  EXPECT_EQ((*frame)[0], 0x28);
}

}  // namespace
}  // namespace localnet
