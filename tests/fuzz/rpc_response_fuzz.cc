// The JSON-RPC client's reply handling on arbitrary bytes: envelopes, batch id
// matching, error objects and every typed result parser of spec section 5.
// Input: byte 0 picks the RpcClient method, byte 1 bit 0 picks how the rest is
// served: raw as the HTTP body (envelope fuzzing), or as the "result" member of
// a well-formed envelope carrying the request's own id(s) (parser fuzzing).
// Nothing here may crash; every malformed reply must come back as a status.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "providers/solana/rpc_client.h"
#include "providers/solana/transaction_error.h"
#include "rapidjson/document.h"

namespace {

class ReplayTransport : public solana::HttpTransport {
 public:
  ReplayTransport(std::string payload, bool wrap) : payload_(std::move(payload)), wrap_(wrap) {}

  absl::StatusOr<solana::HttpResponse> Post(const std::string&, const std::string& body,
                                            absl::Duration) override {
    solana::HttpResponse response;
    response.status = 200;
    response.content_type = "application/json";
    response.body = wrap_ ? Wrap(body) : payload_;
    return response;
  }

 private:
  std::string Envelope(const rapidjson::Value& request) const {
    std::string id = "null";
    if (request.IsObject() && request.HasMember("id") && request["id"].IsUint64()) {
      id = std::to_string(request["id"].GetUint64());
    }
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + payload_ + "}";
  }
  std::string Wrap(const std::string& request_body) const {
    rapidjson::Document request;
    request.Parse(request_body.c_str(), request_body.size());
    if (request.HasParseError() || !request.IsArray()) return Envelope(request);
    std::string out = "[";
    for (const auto& item : request.GetArray()) {
      if (out.size() > 1) out += ",";
      out += Envelope(item);
    }
    return out + "]";
  }

  std::string payload_;
  bool wrap_;
};

constexpr solana::Commitment kConfirmed = solana::Commitment::kConfirmed;

void CallMethod(solana::RpcClient& client, uint8_t method) {
  const solana::Pubkey key;  // all zero: the System Program address
  const std::vector<solana::Pubkey> keys(2);
  const std::vector<std::string> sigs(
      2, "3JsTRaF8cY4NjQ1wApc6EwWZNt95dKW5BiCAs14b3BFhvJ74UCo6Ytb2moPe7U1vskyMG7HdWy5kZTV565wXNXLS");
  const solana::Bytes tx(215, 1);
  switch (method % 18) {
    case 0: (void)client.GetAccountInfo(key, kConfirmed); break;
    case 1: (void)client.GetMultipleAccounts(keys, kConfirmed); break;
    case 2: (void)client.GetProgramAccounts(key, {}, kConfirmed); break;
    case 3: (void)client.GetBalance(key, kConfirmed); break;
    case 4: (void)client.GetLatestBlockhash(kConfirmed); break;
    case 5: (void)client.IsBlockhashValid(key, kConfirmed); break;
    case 6: (void)client.GetBlockHeight(kConfirmed); break;
    case 7: (void)client.GetMinimumBalanceForRentExemption(100, kConfirmed); break;
    case 8: (void)client.GetFeeForMessage(tx, kConfirmed); break;
    case 9: (void)client.SendTransaction(tx, solana::SendOptions{}); break;
    case 10: (void)client.SimulateTransaction(tx, solana::SimulateOptions{}); break;
    case 11: (void)client.GetSignatureStatuses(sigs, true); break;
    case 12: (void)client.GetTransaction(sigs[0], kConfirmed); break;
    case 13: (void)client.RequestAirdrop(key, 1, kConfirmed); break;
    case 14: (void)client.GetHealth(); break;
    case 15: (void)client.GetVersion(); break;
    case 16: (void)client.GetGenesisHash(); break;
    default: {
      const std::vector<solana::RpcRequest> requests = {{"getSlot", "[]"}, {"getHealth", "[]"}};
      (void)client.CallBatch(requests);
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t method = data[0];
  const bool wrap = (data[1] & 1) != 0;
  std::string payload(reinterpret_cast<const char*>(data + 2), size - 2);

  (void)solana::ParseTransactionErrorJson(payload);

  solana::ChannelOptions options;
  options.retry.max_attempts = 1;
  options.sleep = [](absl::Duration) {};
  solana::RpcClient client("http://fuzz.invalid/",
                           std::make_shared<ReplayTransport>(std::move(payload), wrap), options);
  CallMethod(client, method);
  return 0;
}
