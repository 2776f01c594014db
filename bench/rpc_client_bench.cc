// Client-side cost of decoding getMultipleAccounts replies (JSON parse, id
// matching, base64) through an in-process transport, without network time.
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/solana/base64.h"
#include "providers/solana/rpc_client.h"

namespace solana {
namespace {

// Answers each getMultipleAccounts request (single or batch) with `n` accounts
// of `data_len` bytes per request.
class AccountsTransport : public HttpTransport {
 public:
  AccountsTransport(size_t per_request, size_t data_len) {
    std::string account = absl::StrCat(
        R"({"lamports":2039280,"owner":"TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA","data":[")",
        Base64Encode(Bytes(data_len, 0x5a)),
        R"(","base64"],"executable":false,"rentEpoch":18446744073709551615,"space":)", data_len,
        "}");
    std::vector<std::string> values(per_request, account);
    result_ = absl::StrCat(R"({"context":{"slot":1},"value":[)", absl::StrJoin(values, ","), "]}");
  }
  absl::StatusOr<HttpResponse> Post(const std::string&, const std::string& body,
                                    absl::Duration) override {
    rapidjson::Document d;
    d.Parse(body.c_str());
    auto reply = [&](const rapidjson::Value& r) {
      return absl::StrCat(R"({"jsonrpc":"2.0","result":)", result_, R"(,"id":)",
                          r["id"].GetUint64(), "}");
    };
    HttpResponse out;
    out.status = 200;
    if (d.IsArray()) {
      std::vector<std::string> parts;
      for (const auto& r : d.GetArray()) parts.push_back(reply(r));
      out.body = absl::StrCat("[", absl::StrJoin(parts, ","), "]");
    } else {
      out.body = reply(d);
    }
    return out;
  }

 private:
  std::string result_;
};

void BM_GetMultipleAccounts(benchmark::State& state) {
  const size_t keys_n = static_cast<size_t>(state.range(0));
  const size_t data_len = static_cast<size_t>(state.range(1));
  auto transport =
      std::make_shared<AccountsTransport>(std::min(keys_n, kMaxMultipleAccounts), data_len);
  RpcClient client("inproc://bench", transport);
  std::vector<Pubkey> keys(keys_n);
  for (auto _ : state) {
    auto r = client.GetMultipleAccounts(keys, Commitment::kConfirmed);
    if (!r.ok()) state.SkipWithError("call failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(keys_n));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(keys_n * data_len));
}
// 165 bytes: an SPL token account; 10 KiB: a large program account.
BENCHMARK(BM_GetMultipleAccounts)->Args({100, 165})->Args({1000, 165})->Args({100, 10240});

}  // namespace
}  // namespace solana

BENCHMARK_MAIN();
