// Every typed method against damaged replies, through an in-process
// HttpTransport (no sockets): truncations must fail cleanly, random byte
// damage must never crash.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <functional>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "providers/solana/base58.h"
#include "providers/solana/rpc_client.h"

namespace solana {
namespace {

// Answers every POST with `body`, "$ID" replaced by the request's id.
class CannedTransport : public HttpTransport {
 public:
  std::string body;
  absl::StatusOr<HttpResponse> Post(const std::string&, const std::string& request,
                                    absl::Duration) override {
    rapidjson::Document d;
    d.Parse(request.c_str());
    std::string id = d.IsObject() && d.HasMember("id") && d["id"].IsUint64()
                         ? absl::StrCat(d["id"].GetUint64())
                         : "0";
    HttpResponse r;
    r.status = 200;
    r.body = absl::StrReplaceAll(body, {{"$ID", id}});
    return r;
  }
};

const std::string kSig = Base58Encode(Bytes(64, 5));
const std::string kAccount =
    R"({"lamports":890880,"owner":"11111111111111111111111111111111","data":["AQID","base64"],"executable":false,"rentEpoch":18446744073709551615,"space":3})";

struct Case {
  const char* name;
  std::string result;
  std::function<absl::Status(RpcClient&)> call;
};

template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& r) {
  return r.status();
}

std::vector<Case> Cases() {
  Pubkey key;
  return {
      {"getAccountInfo", absl::StrCat(R"({"context":{"slot":1},"value":)", kAccount, "}"),
       [key](RpcClient& c) { return StatusOf(c.GetAccountInfo(key, Commitment::kConfirmed)); }},
      {"getMultipleAccounts",
       absl::StrCat(R"({"context":{"slot":1},"value":[)", kAccount, ",null]}"),
       [key](RpcClient& c) {
         std::vector<Pubkey> keys = {key, key};
         return StatusOf(c.GetMultipleAccounts(keys, Commitment::kConfirmed));
       }},
      {"getProgramAccounts",
       absl::StrCat(R"({"context":{"slot":1},"value":[{"pubkey":"11111111111111111111111111111111","account":)",
                    kAccount, "}]}"),
       [key](RpcClient& c) {
         return StatusOf(c.GetProgramAccounts(key, {}, Commitment::kConfirmed));
       }},
      {"getLatestBlockhash",
       R"({"context":{"slot":2792},"value":{"blockhash":"EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N","lastValidBlockHeight":3090}})",
       [](RpcClient& c) { return StatusOf(c.GetLatestBlockhash(Commitment::kConfirmed)); }},
      {"getSignatureStatuses",
       R"({"context":{"slot":82},"value":[{"slot":72,"confirmations":10,"err":{"InstructionError":[1,{"Custom":6001}]},"status":{"Ok":null},"confirmationStatus":"confirmed"},null]})",
       [](RpcClient& c) {
         std::vector<std::string> sigs = {kSig, kSig};
         return StatusOf(c.GetSignatureStatuses(sigs, true));
       }},
      {"simulateTransaction",
       R"({"context":{"slot":218},"value":{"err":{"InsufficientFundsForRent":{"account_index":2}},"logs":["a","b"],"accounts":null,"unitsConsumed":2366,"returnData":null}})",
       [](RpcClient& c) {
         return StatusOf(c.SimulateTransaction(Bytes{1, 2}, SimulateOptions{}));
       }},
      {"getTransaction",
       R"({"slot":430,"blockTime":1700000000,"transaction":["AQID","base64"],"meta":{"err":{"InstructionError":[0,"InvalidAccountData"]},"fee":5000,"logMessages":["x"],"computeUnitsConsumed":150}})",
       [](RpcClient& c) { return StatusOf(c.GetTransaction(kSig, Commitment::kConfirmed)); }},
      {"getVersion", R"({"solana-core":"2.2.7","feature-set":3294202862})",
       [](RpcClient& c) { return StatusOf(c.GetVersion()); }},
      {"sendTransaction", absl::StrCat("\"", kSig, "\""),
       [](RpcClient& c) { return StatusOf(c.SendTransaction(Bytes{1}, SendOptions{})); }},
  };
}

std::unique_ptr<RpcClient> MakeClient(std::shared_ptr<CannedTransport> transport) {
  ChannelOptions options;
  options.retry.max_attempts = 1;
  return std::make_unique<RpcClient>("inproc://test", transport, options);
}

TEST(RpcClientRobustness, IntactRepliesParse) {
  auto transport = std::make_shared<CannedTransport>();
  auto client = MakeClient(transport);
  for (const auto& c : Cases()) {
    transport->body = absl::StrCat(R"({"jsonrpc":"2.0","result":)", c.result, R"(,"id":$ID})");
    EXPECT_TRUE(c.call(*client).ok()) << c.name << ": " << c.call(*client);
  }
}

TEST(RpcClientRobustness, EveryTruncationFailsCleanly) {
  auto transport = std::make_shared<CannedTransport>();
  auto client = MakeClient(transport);
  for (const auto& c : Cases()) {
    std::string full = absl::StrCat(R"({"jsonrpc":"2.0","result":)", c.result, R"(,"id":$ID})");
    for (size_t n = 0; n < full.size(); ++n) {
      transport->body = full.substr(0, n);
      absl::Status s = c.call(*client);
      ASSERT_FALSE(s.ok()) << c.name << " cut at " << n;
      EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.name << " " << n << ": " << s;
    }
  }
}

TEST(RpcClientRobustness, RandomDamageNeverCrashes) {
  auto transport = std::make_shared<CannedTransport>();
  auto client = MakeClient(transport);
  std::mt19937 rng(20261125);
  const std::string alphabet = "{}[]\":,0123456789-.eEtruefalsn \\x";
  int ok = 0, failed = 0;
  for (const auto& c : Cases()) {
    std::string full = absl::StrCat(R"({"jsonrpc":"2.0","result":)", c.result, R"(,"id":$ID})");
    for (int round = 0; round < 1500; ++round) {
      std::string damaged = full;
      int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e) {
        size_t pos = rng() % damaged.size();
        switch (rng() % 3) {
          case 0:
            damaged[pos] = alphabet[rng() % alphabet.size()];
            break;
          case 1:
            damaged.erase(pos, 1 + rng() % 8);
            break;
          default:
            damaged.insert(pos, 1, alphabet[rng() % alphabet.size()]);
        }
        if (damaged.empty()) damaged = "x";
      }
      transport->body = damaged;
      (c.call(*client).ok() ? ok : failed)++;
    }
  }
  // Most damage must be detected; some (e.g. inside a log string) is harmless.
  EXPECT_GT(failed, ok);
}

}  // namespace
}  // namespace solana
