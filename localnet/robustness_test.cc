// Nothing a client sends may crash the server: random and mutated inputs
// through the JSON-RPC handler and the ledger.
#include <gtest/gtest.h>

#include <random>

#include "localnet/rpc_server.h"
#include "localnet/test_util.h"
#include "providers/solana/base64.h"

namespace localnet {
namespace {

TEST(RobustnessTest, RandomAndMutatedRequests) {
  LedgerOptions o;
  auto ledger = std::move(*Ledger::Open(o, ProgramRegistry::WithBuiltins()));
  Faults faults;
  RpcServer server(ledger.get(), &faults);
  testing::Signer payer = testing::Signer::Numbered(1);
  Account a;
  a.lamports = 1'000'000'000'000;
  ASSERT_TRUE(ledger->SetAccount(payer.pubkey, a).ok());
  Bytes tx = testing::BuildTx(
      {&payer},
      {testing::SetComputeUnitLimit(10000), testing::Transfer(payer.pubkey, testing::KeyOf(1), 5)},
      ledger->Block(Commitment::kProcessed).blockhash);

  std::mt19937_64 rng(12345);
  const std::vector<std::string> methods = {"getAccountInfo",
                                            "getMultipleAccounts",
                                            "getProgramAccounts",
                                            "getBalance",
                                            "getLatestBlockhash",
                                            "isBlockhashValid",
                                            "getBlockHeight",
                                            "getSlot",
                                            "getMinimumBalanceForRentExemption",
                                            "getFeeForMessage",
                                            "sendTransaction",
                                            "simulateTransaction",
                                            "getSignatureStatuses",
                                            "getTransaction",
                                            "requestAirdrop",
                                            "getHealth",
                                            "getVersion",
                                            "getGenesisHash",
                                            "localnet_tick",
                                            "localnet_skipSlots",
                                            "localnet_setAccount",
                                            "getEpochInfo"};
  const std::vector<std::string> values = {
      "null",
      "true",
      "-1",
      "0",
      "18446744073709551615",
      "1e400",
      "\"\"",
      "\"x\"",
      "[]",
      "{}",
      "[[]]",
      "{\"encoding\":\"base64\"}",
      "{\"commitment\":\"processed\"}",
      "{\"encoding\":\"base58\",\"dataSlice\":{\"offset\":18446744073709551615,\"length\":5}}",
      "{\"filters\":[{\"memcmp\":{\"offset\":18446744073709551615,\"bytes\":\"1\"}}]}",
      "\"11111111111111111111111111111111\"",
      "[\"11111111111111111111111111111111\"]",
      "{\"skipPreflight\":true,\"encoding\":\"base64\"}",
      "{\"sigVerify\":true}",
      "{\"accounts\":{\"addresses\":[\"11111111111111111111111111111111\"]}}"};
  int answered = 0;
  for (int i = 0; i < 4000; ++i) {
    std::string params = "[";
    int n = static_cast<int>(rng() % 4);
    for (int k = 0; k < n; ++k) {
      if (k) params += ",";
      if (rng() % 3 == 0) {
        Bytes m = tx;
        for (int f = 0; f < 1 + static_cast<int>(rng() % 4); ++f) {
          m[rng() % m.size()] = static_cast<uint8_t>(rng());
        }
        if (rng() % 5 == 0) m.resize(rng() % m.size());
        params += "\"" + solana::Base64Encode(m) + "\"";
      } else {
        params += values[rng() % values.size()];
      }
    }
    params += "]";
    std::string body = absl::StrCat(R"({"jsonrpc":"2.0","id":)", i, R"(,"method":")",
                                    methods[rng() % methods.size()], R"(","params":)", params, "}");
    if (rng() % 10 == 0) body.resize(rng() % body.size());  // truncated JSON
    HttpReply r = server.Handle(body);
    EXPECT_EQ(r.status, 200);
    if (!r.body.empty()) ++answered;
  }
  EXPECT_GT(answered, 3500);
  // The ledger still works afterwards.
  EXPECT_TRUE(ledger->Tick(1).ok());
}

TEST(RobustnessTest, LedgerRejectsOversizeAndGarbage) {
  auto ledger = std::move(*Ledger::Open(LedgerOptions{}, ProgramRegistry::WithBuiltins()));
  EXPECT_TRUE(absl::IsInvalidArgument(ledger->Submit(Bytes(1233, 1), {}).status()));
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    Bytes junk(rng() % 300);
    for (auto& b : junk) b = static_cast<uint8_t>(rng());
    if (!junk.empty()) junk[0] = static_cast<uint8_t>(rng() % 3);
    (void)ledger->Submit(junk, {});
    (void)ledger->Simulate(junk, {});
    (void)ledger->FeeForMessage(junk);
  }
  SUCCEED();
}

}  // namespace
}  // namespace localnet
