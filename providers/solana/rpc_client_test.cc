#include "providers/solana/rpc_client.h"

#include <gtest/gtest.h>

#include <thread>

#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/curl_transport.h"
#include "providers/solana/fake_rpc_server_test_util.h"
#include "providers/solana/rpc_error.h"

namespace solana {
namespace {

constexpr char kSpecAccount[] =
    R"({"lamports":890880,"owner":"11111111111111111111111111111111",
        "data":["AQID","base64"],"executable":false,
        "rentEpoch":18446744073709551615,"space":3})";
constexpr char kMainnetGenesis[] = "5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d";

Pubkey KeyFor(size_t i) {
  std::array<uint8_t, 32> b{};
  b[0] = static_cast<uint8_t>(i & 0xff);
  b[1] = static_cast<uint8_t>(i >> 8);
  b[31] = 7;
  return Pubkey(b);
}
size_t IndexOfKey(const std::string& base58) {
  auto k = Pubkey::FromBase58(base58);
  return k->bytes()[0] | (size_t{k->bytes()[1]} << 8);
}
std::string SignatureFor(size_t i) {
  Bytes b(64, 0);
  b[0] = static_cast<uint8_t>(i & 0xff);
  b[1] = static_cast<uint8_t>(i >> 8);
  b[63] = 9;
  return Base58Encode(b);
}

class RpcClientTest : public ::testing::Test {
 protected:
  RpcClientTest() { Reset({}); }

  // Tiny, recorded delays: tests never sleep for real.
  void Reset(ChannelOptions options) {
    options.retry.initial_backoff = absl::Milliseconds(1);
    options.retry.max_backoff = absl::Milliseconds(4);
    if (options.retry.max_attempts == RetryPolicy{}.max_attempts) options.retry.max_attempts = 4;
    if (options.request_timeout == absl::Seconds(30)) options.request_timeout = absl::Seconds(5);
    options.sleep = [this](absl::Duration d) {
      std::lock_guard<std::mutex> lock(sleep_mu_);
      sleeps_.push_back(d);
    };
    auto transport = CurlTransport::Create();
    ASSERT_TRUE(transport.ok());
    client_ = std::make_unique<RpcClient>(server_.url(), std::move(*transport), options);
  }

  FakeRpcServer server_;
  std::unique_ptr<RpcClient> client_;
  std::mutex sleep_mu_;
  std::vector<absl::Duration> sleeps_;
};

// ---- successful calls, shapes from spec section 5 ----

TEST_F(RpcClientTest, GetAccountInfo) {
  server_.SetResult(
      "getAccountInfo",
      absl::StrCat(R"({"context":{"slot":341,"apiVersion":"2.2.7"},"value":)", kSpecAccount, "}"));
  auto r = client_->GetAccountInfo(KeyFor(1), Commitment::kConfirmed);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->context_slot, 341u);
  ASSERT_TRUE(r->value.has_value());
  EXPECT_EQ(r->value->lamports, 890880u);
  EXPECT_TRUE(r->value->owner.IsZero());
  EXPECT_EQ(r->value->data, (Bytes{1, 2, 3}));
  EXPECT_FALSE(r->value->executable);
  EXPECT_EQ(r->value->rent_epoch, UINT64_MAX);
  EXPECT_EQ(r->value->space, 3u);
  ASSERT_EQ(server_.seen().size(), 1u);
  EXPECT_EQ(server_.seen()[0].params,
            absl::StrCat(R"([")", KeyFor(1).ToBase58(),
                         R"(",{"encoding":"base64","commitment":"confirmed"}])"));

  server_.SetResult("getAccountInfo", R"({"context":{"slot":342},"value":null})");
  auto missing = client_->GetAccountInfo(KeyFor(2), Commitment::kFinalized);
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_FALSE(missing->value.has_value());
  EXPECT_NE(server_.seen()[1].params.find("\"finalized\""), std::string::npos);
}

// getMultipleAccounts: lamports = key index, null for every 7th key.
void ServeMultipleAccounts(FakeRpcServer& server) {
  server.SetDynamic("getMultipleAccounts", [](const rapidjson::Value& params) {
    std::vector<std::string> values;
    if (params[0].Size() > 100) {
      return std::string(
          R"("error":{"code":-32602,"message":"Too many inputs provided; max 100"})");
    }
    for (const auto& k : params[0].GetArray()) {
      size_t i = IndexOfKey(k.GetString());
      values.push_back(
          i % 7 == 0
              ? "null"
              : absl::StrCat(
                    R"({"lamports":)", i,
                    R"(,"owner":"11111111111111111111111111111111","data":["","base64"],"executable":false,"rentEpoch":0,"space":0})"));
    }
    return absl::StrCat(R"("result":{"context":{"slot":)", 1000 + params[0].Size(),
                        R"(},"value":[)", absl::StrJoin(values, ","), "]}");
  });
}

TEST_F(RpcClientTest, GetMultipleAccountsChunksBy100InOneBatch) {
  ServeMultipleAccounts(server_);
  server_.SetReverseBatches(true);  // replies matched by id, not position
  std::vector<Pubkey> keys;
  for (size_t i = 0; i < 250; ++i) keys.push_back(KeyFor(i));
  auto r = client_->GetMultipleAccounts(keys, Commitment::kConfirmed);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(server_.posts(), 1);
  EXPECT_EQ(server_.batch_sizes(), (std::vector<size_t>{3}));
  auto seen = server_.seen();
  ASSERT_EQ(seen.size(), 3u);
  ASSERT_EQ(r->value.size(), 250u);
  for (size_t i = 0; i < 250; ++i) {
    if (i % 7 == 0) {
      EXPECT_FALSE(r->value[i].has_value()) << i;
    } else {
      ASSERT_TRUE(r->value[i].has_value()) << i;
      EXPECT_EQ(r->value[i]->lamports, i);
    }
  }
  EXPECT_EQ(r->context_slot, 1050u);  // lowest chunk slot
}

TEST_F(RpcClientTest, GetMultipleAccountsSplitsHttpBatches) {
  ChannelOptions o;
  o.max_batch_size = 2;
  Reset(o);
  ServeMultipleAccounts(server_);
  std::vector<Pubkey> keys;
  for (size_t i = 0; i < 301; ++i) keys.push_back(KeyFor(i));
  auto r = client_->GetMultipleAccounts(keys, Commitment::kProcessed);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(server_.batch_sizes(), (std::vector<size_t>{2, 2}));
  ASSERT_EQ(r->value.size(), 301u);
  EXPECT_EQ(r->value[300]->lamports, 300u);
  EXPECT_TRUE(client_->GetMultipleAccounts({}, Commitment::kProcessed)->value.empty());
}

// 20 getMultipleAccounts of 100 keys are ~95 KB: over Agave's 50 KiB body
// limit (HTTP 413), so the batch is split by bytes as well as by count.
TEST_F(RpcClientTest, GetMultipleAccountsBatchesStayUnderTheBodyLimit) {
  ServeMultipleAccounts(server_);
  std::vector<Pubkey> keys;
  for (size_t i = 0; i < 2000; ++i) keys.push_back(KeyFor(i));
  auto r = client_->GetMultipleAccounts(keys, Commitment::kProcessed);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->value.size(), 2000u);
  const std::vector<size_t> batches = server_.batch_sizes();
  size_t total = 0;
  for (size_t b : batches) {
    total += b;
    // Each request carries 100 base58 keys of 32-44 characters plus quotes and commas.
    EXPECT_LE(b * 100 * 47, 50u * 1024) << "a batch of " << b << " requests";
  }
  EXPECT_EQ(total, 20u);
  EXPECT_LE(batches.size(), 3u);  // still batched, not one POST per request
}

TEST_F(RpcClientTest, GetMultipleAccountsRejectsWrongCount) {
  server_.SetResult("getMultipleAccounts", R"({"context":{"slot":1},"value":[null]})");
  std::vector<Pubkey> keys = {KeyFor(1), KeyFor(2)};
  auto r = client_->GetMultipleAccounts(keys, Commitment::kConfirmed);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
}

TEST_F(RpcClientTest, GetSignatureStatusesChunksBy256) {
  server_.SetReverseBatches(true);
  server_.SetDynamic("getSignatureStatuses", [](const rapidjson::Value& params) {
    std::vector<std::string> values;
    for (const auto& s : params[0].GetArray()) {
      Bytes b = *Base58Decode(s.GetString());
      size_t i = b[0] | (size_t{b[1]} << 8);
      if (i % 3 == 0) {
        values.push_back("null");
      } else if (i % 3 == 1) {
        values.push_back(absl::StrCat(
            R"({"slot":)", i,
            R"(,"confirmations":null,"err":null,"status":{"Ok":null},"confirmationStatus":"finalized"})"));
      } else {
        values.push_back(absl::StrCat(
            R"({"slot":)", i,
            R"(,"confirmations":3,"err":{"InstructionError":[0,{"Custom":6001}]},"status":{"Err":{"InstructionError":[0,{"Custom":6001}]}},"confirmationStatus":"confirmed"})"));
      }
    }
    return absl::StrCat(R"("result":{"context":{"slot":77},"value":[)", absl::StrJoin(values, ","),
                        "]}");
  });
  std::vector<std::string> sigs;
  for (size_t i = 0; i < 600; ++i) sigs.push_back(SignatureFor(i));
  auto r = client_->GetSignatureStatuses(sigs, true);
  ASSERT_TRUE(r.ok()) << r.status();
  // Three requests of ~23 KB each: two POSTs under the 50 KiB body limit.
  EXPECT_EQ(server_.posts(), 2);
  auto seen = server_.seen();
  ASSERT_EQ(seen.size(), 3u);
  for (const auto& s : seen) {
    EXPECT_NE(s.params.find(R"({"searchTransactionHistory":true})"), std::string::npos);
  }
  ASSERT_EQ(r->value.size(), 600u);
  EXPECT_FALSE(r->value[0].has_value());
  ASSERT_TRUE(r->value[1].has_value());
  EXPECT_EQ(r->value[1]->slot, 1u);
  EXPECT_FALSE(r->value[1]->confirmations.has_value());
  EXPECT_FALSE(r->value[1]->err.has_value());
  EXPECT_EQ(r->value[1]->confirmation_status, Commitment::kFinalized);
  ASSERT_TRUE(r->value[599]->err.has_value());  // 599 % 3 == 2
  EXPECT_EQ(r->value[599]->slot, 599u);
  EXPECT_EQ(r->value[599]->confirmations, 3u);
  EXPECT_EQ(r->value[599]->err->custom_code, 6001u);
  EXPECT_EQ(r->value[599]->confirmation_status, Commitment::kConfirmed);

  std::vector<std::string> bad = {"not-a-signature"};
  EXPECT_EQ(client_->GetSignatureStatuses(bad, false).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(RpcClientTest, GetProgramAccountsFilters) {
  server_.SetResult("getProgramAccounts",
                    absl::StrCat(R"({"context":{"slot":9},"value":[{"pubkey":")",
                                 KeyFor(5).ToBase58(), R"(","account":)", kSpecAccount, "}]}"));
  std::vector<AccountFilter> filters = {MemcmpFilter{0, Bytes{1, 2, 3, 4, 5, 6, 7, 8}},
                                        DataSizeFilter{165}};
  auto r = client_->GetProgramAccounts(KeyFor(1), filters, Commitment::kConfirmed);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->context_slot, 9u);
  ASSERT_EQ(r->value.size(), 1u);
  EXPECT_EQ(r->value[0].pubkey, KeyFor(5));
  EXPECT_EQ(r->value[0].account.lamports, 890880u);
  EXPECT_NE(
      server_.seen()[0].params.find(absl::StrCat(R"("filters":[{"memcmp":{"offset":0,"bytes":")",
                                                 Base58Encode(Bytes{1, 2, 3, 4, 5, 6, 7, 8}),
                                                 R"(","encoding":"base58"}},{"dataSize":165}])")),
      std::string::npos)
      << server_.seen()[0].params;

  // Nodes that ignore withContext answer with the bare array.
  server_.SetResult("getProgramAccounts", "[]");
  auto bare = client_->GetProgramAccounts(KeyFor(1), {}, Commitment::kConfirmed);
  ASSERT_TRUE(bare.ok()) << bare.status();
  EXPECT_TRUE(bare->value.empty());

  std::vector<AccountFilter> too_many(5, DataSizeFilter{1});
  EXPECT_FALSE(client_->GetProgramAccounts(KeyFor(1), too_many, Commitment::kConfirmed).ok());
  std::vector<AccountFilter> too_long = {MemcmpFilter{0, Bytes(129, 1)}};
  EXPECT_FALSE(client_->GetProgramAccounts(KeyFor(1), too_long, Commitment::kConfirmed).ok());
  EXPECT_EQ(server_.posts(), 2);
}

TEST_F(RpcClientTest, ScalarReads) {
  server_.SetResult("getBalance", R"({"context":{"slot":5},"value":18446744073709551615})");
  server_.SetResult(
      "getLatestBlockhash",
      R"({"context":{"slot":2792},"value":{"blockhash":"EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N","lastValidBlockHeight":3090}})");
  server_.SetResult("isBlockhashValid", R"({"context":{"slot":2483},"value":false})");
  server_.SetResult("getBlockHeight", "1233");
  server_.SetResult("getSlot", "1234");
  server_.SetResult("getMinimumBalanceForRentExemption", "1461600");
  server_.SetResult("getGenesisHash", absl::StrCat("\"", kMainnetGenesis, "\""));
  server_.SetResult("getVersion", R"({"solana-core":"2.2.7","feature-set":3294202862})");
  server_.SetResult("getHealth", R"("ok")");

  auto balance = client_->GetBalance(KeyFor(1), Commitment::kConfirmed);
  ASSERT_TRUE(balance.ok()) << balance.status();
  EXPECT_EQ(balance->value, UINT64_MAX);  // u64 beyond 2^53 survives
  auto bh = client_->GetLatestBlockhash(Commitment::kConfirmed);
  ASSERT_TRUE(bh.ok()) << bh.status();
  EXPECT_EQ(bh->context_slot, 2792u);
  EXPECT_EQ(bh->value.blockhash.ToBase58(), "EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N");
  EXPECT_EQ(bh->value.last_valid_block_height, 3090u);
  auto valid = client_->IsBlockhashValid(bh->value.blockhash, Commitment::kProcessed);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_FALSE(valid->value);
  EXPECT_EQ(*client_->GetBlockHeight(Commitment::kFinalized), 1233u);
  EXPECT_EQ(*client_->GetSlot(Commitment::kConfirmed), 1234u);
  EXPECT_EQ(*client_->GetMinimumBalanceForRentExemption(82, Commitment::kConfirmed), 1461600u);
  EXPECT_EQ(client_->GetGenesisHash()->ToBase58(), kMainnetGenesis);
  auto version = client_->GetVersion();
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_EQ(version->solana_core, "2.2.7");
  EXPECT_EQ(version->feature_set, 3294202862u);
  EXPECT_TRUE(client_->GetHealth().ok());

  auto seen = server_.seen();
  EXPECT_EQ(seen[1].params, R"([{"commitment":"confirmed"}])");
  EXPECT_EQ(seen[3].params, R"([{"commitment":"finalized"}])");
  EXPECT_EQ(seen[5].params, R"([82,{"commitment":"confirmed"}])");
}

TEST_F(RpcClientTest, GetFeeForMessage) {
  server_.SetResult("getFeeForMessage", R"({"context":{"slot":5068},"value":5000})");
  Bytes message = {1, 0, 1, 3};
  auto fee = client_->GetFeeForMessage(message, Commitment::kConfirmed);
  ASSERT_TRUE(fee.ok()) << fee.status();
  EXPECT_EQ(fee->value, 5000u);
  EXPECT_NE(server_.seen()[0].params.find(Base64Encode(message)), std::string::npos);
  server_.SetResult("getFeeForMessage", R"({"context":{"slot":5068},"value":null})");
  auto expired = client_->GetFeeForMessage(message, Commitment::kConfirmed);
  ASSERT_TRUE(expired.ok()) << expired.status();
  EXPECT_FALSE(expired->value.has_value());
}

TEST_F(RpcClientTest, HealthUnhealthy) {
  server_.SetError(
      "getHealth",
      R"({"code":-32005,"message":"Node is behind by 42 slots","data":{"numSlotsBehind":42}})");
  absl::Status s = client_->GetHealth();
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  auto nu = GetNodeUnhealthy(s);
  ASSERT_TRUE(nu.has_value()) << s;
  EXPECT_EQ(nu->num_slots_behind, 42u);
  EXPECT_EQ(server_.posts(), 1);  // -32005 is not retried against the same node
}

TEST_F(RpcClientTest, SimulateTransaction) {
  server_.SetResult("simulateTransaction", R"({"context":{"slot":218},"value":{
      "err":{"InstructionError":[0,{"Custom":6001}]},
      "logs":["Program X invoke [1]","Program X failed: custom program error: 0x1771"],
      "accounts":null,"unitsConsumed":2366,"loadedAccountsDataSize":0,"returnData":null,
      "innerInstructions":null,
      "replacementBlockhash":{"blockhash":"EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N","lastValidBlockHeight":3090},
      "fee":5000}})");
  Bytes tx = {1, 2, 3, 4, 5};
  auto r = client_->SimulateTransaction(tx, [] {
    SimulateOptions o;
    o.replace_recent_blockhash = true;
    return o;
  }());
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(r->value.err.has_value());
  EXPECT_EQ(r->value.err->custom_code, 6001u);
  EXPECT_EQ(r->value.logs.size(), 2u);
  EXPECT_EQ(r->value.units_consumed, 2366u);
  ASSERT_TRUE(r->value.replacement_blockhash.has_value());
  EXPECT_EQ(r->value.replacement_blockhash->last_valid_block_height, 3090u);
  EXPECT_EQ(
      server_.seen()[0].params,
      R"(["AQIDBAU=",{"encoding":"base64","commitment":"confirmed","sigVerify":false,"replaceRecentBlockhash":true}])");
  EXPECT_FALSE(client_
                   ->SimulateTransaction(tx,
                                         [] {
                                           SimulateOptions o;
                                           o.sig_verify = o.replace_recent_blockhash = true;
                                           return o;
                                         }())
                   .ok());
}

TEST_F(RpcClientTest, GetTransaction) {
  server_.SetResult("getTransaction", R"({"slot":430,"blockTime":1700000000,"version":"legacy",
      "transaction":["AQID","base64"],
      "meta":{"err":null,"status":{"Ok":null},"fee":5000,"preBalances":[1],"postBalances":[1],
              "innerInstructions":[],"logMessages":["Program 11111111111111111111111111111111 invoke [1]",
              "Program 11111111111111111111111111111111 success"],"preTokenBalances":[],
              "postTokenBalances":[],"rewards":[],"loadedAddresses":{"writable":[],"readonly":[]},
              "computeUnitsConsumed":150,"costUnits":1}})");
  auto r = client_->GetTransaction(SignatureFor(1), Commitment::kConfirmed);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->slot, 430u);
  EXPECT_EQ((*r)->block_time, 1700000000);
  EXPECT_FALSE((*r)->err.has_value());
  EXPECT_EQ((*r)->fee, 5000u);
  EXPECT_EQ((*r)->log_messages.size(), 2u);
  EXPECT_EQ((*r)->compute_units_consumed, 150u);
  EXPECT_NE(server_.seen()[0].params.find(R"("maxSupportedTransactionVersion":0)"),
            std::string::npos);
  server_.SetResult("getTransaction", "null");
  auto missing = client_->GetTransaction(SignatureFor(1), Commitment::kFinalized);
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(client_->GetTransaction(SignatureFor(1), Commitment::kProcessed).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(RpcClientTest, RequestAirdropIsNotRetried) {
  server_.SetResult("requestAirdrop", absl::StrCat("\"", SignatureFor(3), "\""));
  auto sig = client_->RequestAirdrop(KeyFor(1), 1000000000, Commitment::kConfirmed);
  ASSERT_TRUE(sig.ok()) << sig.status();
  EXPECT_EQ(*sig, SignatureFor(3));
  EXPECT_EQ(server_.seen()[0].params, absl::StrCat(R"([")", KeyFor(1).ToBase58(),
                                                   R"(",1000000000,{"commitment":"confirmed"}])"));
  server_.SetIntercept([](int, const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    return true;
  });
  EXPECT_FALSE(client_->RequestAirdrop(KeyFor(1), 1, Commitment::kConfirmed).ok());
  EXPECT_EQ(server_.posts(), 2);
}

// ---- sendTransaction ----

TEST_F(RpcClientTest, SendTransactionParamsAndSignature) {
  server_.SetResult("sendTransaction", absl::StrCat("\"", SignatureFor(7), "\""));
  Bytes tx = {9, 8, 7};
  SendOptions o;
  o.preflight_commitment = Commitment::kConfirmed;
  o.max_retries = 0;
  o.min_context_slot = 55;
  auto sig = client_->SendTransaction(tx, o);
  ASSERT_TRUE(sig.ok()) << sig.status();
  EXPECT_EQ(*sig, SignatureFor(7));
  EXPECT_EQ(
      server_.seen()[0].params,
      R"(["CQgH",{"encoding":"base64","skipPreflight":false,"preflightCommitment":"confirmed","maxRetries":0,"minContextSlot":55}])");
}

TEST_F(RpcClientTest, SendTransactionPreflightFailureOnFirstSendIsFinal) {
  server_.SetError("sendTransaction", R"({"code":-32002,
      "message":"Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1771",
      "data":{"err":{"InstructionError":[0,{"Custom":6001}]},"logs":["Program X failed: custom program error: 0x1771"],
              "accounts":null,"unitsConsumed":1200,"returnData":null}})");
  auto sig = client_->SendTransaction(Bytes{1, 2, 3}, {});
  ASSERT_FALSE(sig.ok());
  EXPECT_EQ(sig.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(SendMayHaveBeenForwarded(sig.status()));
  auto pf = GetPreflightFailure(sig.status());
  ASSERT_TRUE(pf.has_value() && pf->err.has_value()) << sig.status();
  EXPECT_EQ(pf->err->custom_code, 6001u);
  EXPECT_EQ(pf->logs.size(), 1u);
  EXPECT_EQ(server_.posts(), 1);
}

TEST_F(RpcClientTest, SendTransactionRetriesWithIdenticalBytes) {
  server_.SetResult("sendTransaction", absl::StrCat("\"", SignatureFor(7), "\""));
  server_.SetIntercept([](int index, const httplib::Request&, httplib::Response& res) {
    if (index >= 2) return false;
    res.status = index == 0 ? 503 : 429;
    return true;
  });
  Bytes tx(300, 0xab);
  auto sig = client_->SendTransaction(tx, [] {
    SendOptions o;
    o.skip_preflight = true;
    return o;
  }());
  ASSERT_TRUE(sig.ok()) << sig.status();
  auto bodies = server_.bodies();
  ASSERT_EQ(bodies.size(), 3u);
  EXPECT_EQ(bodies[0], bodies[1]);
  EXPECT_EQ(bodies[1], bodies[2]);
  EXPECT_NE(bodies[0].find(Base64Encode(tx)), std::string::npos);
}

TEST_F(RpcClientTest, SendTransactionErrorAfterAmbiguousAttemptIsMarked) {
  // The first reply is lost (503); the resend's preflight then fails, which
  // proves nothing about the first copy (spec 5.10/7.2).
  server_.SetError("sendTransaction",
                   R"({"code":-32002,"message":"Transaction simulation failed: Blockhash not found",
      "data":{"err":"BlockhashNotFound","logs":[],"unitsConsumed":0}})");
  server_.SetIntercept([](int index, const httplib::Request&, httplib::Response& res) {
    if (index > 0) return false;
    res.status = 503;
    return true;
  });
  auto sig = client_->SendTransaction(Bytes{1}, {});
  ASSERT_FALSE(sig.ok());
  EXPECT_TRUE(SendMayHaveBeenForwarded(sig.status())) << sig.status();
  EXPECT_TRUE(GetPreflightFailure(sig.status()).has_value());
  EXPECT_EQ(server_.posts(), 2);
}

TEST_F(RpcClientTest, SendTransactionTimeoutIsAmbiguous) {
  ChannelOptions o;
  o.request_timeout = absl::Milliseconds(100);
  o.retry.max_attempts = 2;
  Reset(o);
  server_.SetIntercept([](int, const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    res.set_content("\"x\"", "application/json");
    return true;
  });
  auto sig = client_->SendTransaction(Bytes{1, 2}, {});
  ASSERT_FALSE(sig.ok());
  EXPECT_EQ(sig.status().code(), absl::StatusCode::kDeadlineExceeded) << sig.status();
  EXPECT_TRUE(SendMayHaveBeenForwarded(sig.status()));
  EXPECT_NE(sig.status().message().find("after 2 attempts"), absl::string_view::npos);
}

TEST_F(RpcClientTest, SendTransactionGarbledSuccessIsAmbiguous) {
  server_.SetResult("sendTransaction", "12345");
  auto sig = client_->SendTransaction(Bytes{1}, {});
  ASSERT_FALSE(sig.ok());
  EXPECT_EQ(sig.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(SendMayHaveBeenForwarded(sig.status()));
}

// ---- retries ----

TEST_F(RpcClientTest, Http429HonoursRetryAfter) {
  server_.SetResult("getSlot", "42");
  server_.SetIntercept([](int index, const httplib::Request&, httplib::Response& res) {
    if (index > 0) return false;
    res.status = 429;
    res.set_header("Retry-After", "2");
    res.set_content("Too many requests", "text/plain");
    return true;
  });
  auto slot = client_->GetSlot(Commitment::kConfirmed);
  ASSERT_TRUE(slot.ok()) << slot.status();
  EXPECT_EQ(*slot, 42u);
  EXPECT_EQ(server_.posts(), 2);
  ASSERT_EQ(sleeps_.size(), 1u);
  EXPECT_EQ(sleeps_[0], absl::Seconds(2));
}

TEST_F(RpcClientTest, Http503ThenSuccess) {
  server_.SetResult("getBlockHeight", "7");
  server_.SetIntercept([](int index, const httplib::Request&, httplib::Response& res) {
    if (index > 0) return false;
    res.status = 503;
    res.set_content("<html><body>Service Unavailable</body></html>", "text/html");
    return true;
  });
  auto h = client_->GetBlockHeight(Commitment::kConfirmed);
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(*h, 7u);
  ASSERT_EQ(sleeps_.size(), 1u);
  EXPECT_LE(sleeps_[0], absl::Milliseconds(1));  // full jitter under the first cap
}

TEST_F(RpcClientTest, TransientRpcErrorThenSuccess) {
  server_.SetResult("getSlot", "5");
  server_.SetIntercept([](int index, const httplib::Request& req, httplib::Response& res) {
    if (index > 0) return false;
    rapidjson::Document d;
    d.Parse(req.body.c_str());
    res.set_content(
        absl::StrCat(R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":)",
                     d["id"].GetUint64(), "}"),
        "application/json");
    return true;
  });
  auto slot = client_->GetSlot(Commitment::kConfirmed);
  ASSERT_TRUE(slot.ok()) << slot.status();
  EXPECT_EQ(server_.posts(), 2);
}

TEST_F(RpcClientTest, RetriesAreBounded) {
  server_.SetIntercept([](int, const httplib::Request&, httplib::Response& res) {
    res.status = 502;
    return true;
  });
  auto slot = client_->GetSlot(Commitment::kConfirmed);
  ASSERT_FALSE(slot.ok());
  EXPECT_EQ(slot.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(slot.status().message().find("HTTP 502"), absl::string_view::npos) << slot.status();
  EXPECT_NE(slot.status().message().find("after 4 attempts"), absl::string_view::npos);
  EXPECT_EQ(server_.posts(), 4);
  EXPECT_EQ(sleeps_.size(), 3u);
}

TEST_F(RpcClientTest, TotalTimeBudgetStopsRetries) {
  ChannelOptions o;
  o.retry.max_attempts = 100;
  o.retry.max_total = absl::Seconds(3);
  Reset(o);
  server_.SetIntercept([](int, const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "5");  // longer than the whole budget
    return true;
  });
  auto slot = client_->GetSlot(Commitment::kConfirmed);
  ASSERT_FALSE(slot.ok());
  EXPECT_EQ(slot.status().code(), absl::StatusCode::kResourceExhausted) << slot.status();
  EXPECT_EQ(server_.posts(), 1);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(RpcClientTest, SlowServerTimesOut) {
  ChannelOptions o;
  o.request_timeout = absl::Milliseconds(100);
  o.retry.max_attempts = 2;
  Reset(o);
  server_.SetIntercept([](int, const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(900));
    res.set_content("1", "application/json");
    return true;
  });
  absl::Time start = absl::Now();
  auto slot = client_->GetSlot(Commitment::kConfirmed);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(800));
  ASSERT_FALSE(slot.ok());
  EXPECT_EQ(slot.status().code(), absl::StatusCode::kDeadlineExceeded) << slot.status();
}

TEST(RpcClientNoServer, ConnectionRefused) {
  int port;
  {
    TestHttpServer gone([](const httplib::Request&, httplib::Response&) {});
    port = gone.port();
  }
  std::vector<absl::Duration> sleeps;
  ChannelOptions options;
  options.retry.max_attempts = 3;
  options.retry.initial_backoff = absl::Milliseconds(1);
  options.sleep = [&](absl::Duration d) { sleeps.push_back(d); };
  auto client =
      RpcClient::Connect(absl::StrCat("http://127.0.0.1:", port, "/?api-key=SECRET"), options);
  ASSERT_TRUE(client.ok());
  auto slot = (*client)->GetSlot(Commitment::kConfirmed);
  ASSERT_FALSE(slot.ok());
  EXPECT_EQ(slot.status().code(), absl::StatusCode::kUnavailable) << slot.status();
  EXPECT_EQ(slot.status().message().find("SECRET"), absl::string_view::npos);
  EXPECT_EQ(sleeps.size(), 2u);
  auto sig = (*client)->SendTransaction(Bytes{1}, {});
  ASSERT_FALSE(sig.ok());
  EXPECT_FALSE(SendMayHaveBeenForwarded(sig.status())) << sig.status();  // never left
}

// ---- malformed replies: clear errors, no retries, no crash ----

struct MalformedCase {
  const char* name;
  int status;
  const char* content_type;
  const char* body;
};

TEST_F(RpcClientTest, MalformedResponses) {
  const MalformedCase kCases[] = {
      {"truncated", 200, "application/json", R"({"jsonrpc":"2.0","result":{"context":{"slo)"},
      {"html", 200, "text/html", "<!DOCTYPE html><html><body>Bad gateway</body></html>"},
      {"text", 200, "text/plain", "upstream connect error"},
      {"empty", 200, "application/json", ""},
      {"array for single", 200, "application/json", "[]"},
      {"no id", 200, "application/json", R"({"jsonrpc":"2.0","result":1})"},
      {"wrong id", 200, "application/json", R"({"jsonrpc":"2.0","result":1,"id":999999})"},
      {"string id", 200, "application/json", R"({"jsonrpc":"2.0","result":1,"id":"a"})"},
      {"bad error", 200, "application/json", R"({"jsonrpc":"2.0","error":"boom","id":null})"},
      {"forbidden", 403, "text/plain", "forbidden"},
      {"deep nesting", 200, "application/json", nullptr},
  };
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  for (const auto& c : kCases) {
    server_.SetIntercept([&](int, const httplib::Request&, httplib::Response& res) {
      res.status = c.status;
      res.set_content(c.body != nullptr ? c.body : deep, c.content_type);
      return true;
    });
    int before = server_.posts();
    auto r = client_->GetBalance(KeyFor(1), Commitment::kConfirmed);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_TRUE(r.status().code() == absl::StatusCode::kInvalidArgument ||
                r.status().code() == absl::StatusCode::kPermissionDenied)
        << c.name << ": " << r.status();
    EXPECT_EQ(server_.posts() - before, 1) << c.name;  // not retried
    EXPECT_NE(r.status().message().find(server_.url().substr(7, 9)), absl::string_view::npos)
        << c.name << ": " << r.status();
  }
}

TEST_F(RpcClientTest, WrongTypesInResult) {
  const std::pair<const char*, const char*> kResults[] = {
      {"lamports as string", R"({"context":{"slot":1},"value":"5"})"},
      {"negative", R"({"context":{"slot":1},"value":-5})"},
      {"double", R"({"context":{"slot":1},"value":5.0})"},
      {"over u64", R"({"context":{"slot":1},"value":18446744073709551616})"},
      {"no context", R"({"value":5})"},
      {"slot string", R"({"context":{"slot":"1"},"value":5})"},
      {"no value", R"({"context":{"slot":1}})"},
      {"bare", "5"},
  };
  for (const auto& [name, result] : kResults) {
    server_.SetResult("getBalance", result);
    auto r = client_->GetBalance(KeyFor(1), Commitment::kConfirmed);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << name << r.status();
    EXPECT_NE(r.status().message().find("getBalance"), absl::string_view::npos) << r.status();
  }
  const char* kAccounts[] = {
      R"({"lamports":1,"owner":"xyz0","data":["","base64"],"executable":false,"rentEpoch":0})",
      R"({"lamports":1,"owner":"11111111111111111111111111111111","data":"AQID","executable":false,"rentEpoch":0})",
      R"({"lamports":1,"owner":"11111111111111111111111111111111","data":["AQID","base58"],"executable":false,"rentEpoch":0})",
      R"({"lamports":1,"owner":"11111111111111111111111111111111","data":["AQI","base64"],"executable":false,"rentEpoch":0})",
      R"({"lamports":1,"owner":"11111111111111111111111111111111","data":["AQID","base64"],"executable":0,"rentEpoch":0})",
      R"({"lamports":1,"owner":"11111111111111111111111111111111","data":["AQID","base64"],"executable":false,"rentEpoch":0,"space":4})",
      R"({"lamports":1,"owner":"11111111111111111111111111111111","data":["AQID","base64"],"executable":false})",
      R"([1,2])",
  };
  for (const char* account : kAccounts) {
    server_.SetResult("getAccountInfo",
                      absl::StrCat(R"({"context":{"slot":1},"value":)", account, "}"));
    auto r = client_->GetAccountInfo(KeyFor(1), Commitment::kConfirmed);
    ASSERT_FALSE(r.ok()) << account;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << account << r.status();
  }
}

// ---- generic batch ----

TEST_F(RpcClientTest, GenericBatchMatchesById) {
  server_.SetReverseBatches(true);
  server_.SetResult("getSlot", "11");
  server_.SetResult("getBlockHeight", "10");
  std::vector<RpcRequest> requests = {
      {"getSlot", R"([{"commitment":"processed"}])"},
      {"noSuchMethod", "[]"},
      {"getBlockHeight", "[]"},
  };
  auto r = client_->CallBatch(requests);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].value_or(""), "11");
  EXPECT_EQ((*r)[1].status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(GetRpcError((*r)[1].status())->code, kRpcMethodNotFound);
  EXPECT_EQ((*r)[2].value_or(""), "10");
  EXPECT_EQ(server_.posts(), 1);

  auto single = client_->Call("getSlot", "[]");
  ASSERT_TRUE(single.ok()) << single.status();
  EXPECT_EQ(*single, "11");
  EXPECT_FALSE(client_->Call("getSlot", "{not json").ok());
  EXPECT_EQ(server_.posts(), 2);
}

TEST_F(RpcClientTest, BatchRejectsDuplicateAndMissingReplies) {
  std::vector<RpcRequest> requests = {{"getSlot", "[]"}, {"getSlot", "[]"}};
  server_.SetIntercept([](int, const httplib::Request& req, httplib::Response& res) {
    rapidjson::Document d;
    d.Parse(req.body.c_str());
    uint64_t id = d[0]["id"].GetUint64();
    res.set_content(absl::StrCat(R"([{"jsonrpc":"2.0","result":1,"id":)", id,
                                 R"(},{"jsonrpc":"2.0","result":2,"id":)", id, "}]"),
                    "application/json");
    return true;
  });
  auto dup = client_->CallBatch(requests);
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("duplicate"), absl::string_view::npos) << dup.status();
  server_.SetIntercept([](int, const httplib::Request& req, httplib::Response& res) {
    rapidjson::Document d;
    d.Parse(req.body.c_str());
    res.set_content(
        absl::StrCat(R"([{"jsonrpc":"2.0","result":1,"id":)", d[0]["id"].GetUint64(), "}]"),
        "application/json");
    return true;
  });
  auto missing = client_->CallBatch(requests);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("no reply"), absl::string_view::npos)
      << missing.status();
}

}  // namespace
}  // namespace solana
