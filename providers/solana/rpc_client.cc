#include "providers/solana/rpc_client.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <functional>

#include "absl/strings/str_cat.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/curl_transport.h"
#include "providers/solana/rpc_parse.h"

namespace solana {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Str(Writer& w, absl::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
void Field(Writer& w, const char* key, absl::string_view value) {
  w.Key(key);
  Str(w, value);
}
void Field(Writer& w, const char* key, uint64_t value) {
  w.Key(key);
  w.Uint64(value);
}
void FieldBool(Writer& w, const char* key, bool value) {
  w.Key(key);
  w.Bool(value);
}

// "[<positional...>, {config}]" built by `body`.
std::string Params(const std::function<void(Writer&)>& body) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartArray();
  body(w);
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// {"commitment":c} alone, the config of most reads.
std::string CommitmentOnly(Commitment c) {
  return Params([&](Writer& w) {
    w.StartObject();
    Field(w, "commitment", CommitmentName(c));
    w.EndObject();
  });
}

void AccountConfig(Writer& w, Commitment c) {
  w.StartObject();
  Field(w, "encoding", "base64");
  Field(w, "commitment", CommitmentName(c));
  w.EndObject();
}

// Prefixes parse failures with "<method> @ <url>: ".
template <typename T>
absl::StatusOr<T> In(absl::string_view method, const std::string& url, absl::StatusOr<T> r) {
  if (r.ok()) return r;
  return absl::Status(r.status().code(),
                      absl::StrCat(method, " @ ", url, ": ", r.status().message()));
}

// The shape of every "context + value" reply: reads result.context.slot and
// hands result.value to `parse_value`, naming the method and URL on failure.
template <typename T, typename ParseValue>
absl::StatusOr<RpcResponse<T>> ContextValue(absl::string_view method, const std::string& url,
                                            const RpcReply& reply, ParseValue parse_value) {
  auto parse = [&]() -> absl::StatusOr<RpcResponse<T>> {
    RpcResponse<T> out;
    ASSIGN_OR_RETURN(const json::Value* v,
                     ParseContextValue(*reply.result, "result", &out.context_slot));
    ASSIGN_OR_RETURN(out.value, parse_value(*v, "result.value"));
    return out;
  };
  return In(method, url, parse());
}

void CommitmentConfig(Writer& w, Commitment c) {
  w.StartObject();
  Field(w, "commitment", CommitmentName(c));
  w.EndObject();
}

// The shared shape of chunked calls: one request per chunk, one batch.
absl::StatusOr<std::vector<RpcReply>> ChunkReplies(JsonRpcChannel& channel,
                                                   std::vector<RpcRequest> requests) {
  ASSIGN_OR_RETURN(std::vector<RpcReply> replies, channel.Call(requests, RetryMode::kIdempotent));
  for (const auto& r : replies) RETURN_IF_ERROR(r.status);
  return replies;
}

}  // namespace

RpcClient::RpcClient(std::string url, std::shared_ptr<HttpTransport> transport,
                     ChannelOptions options)
    : channel_(std::move(url), std::move(transport), std::move(options)) {}

absl::StatusOr<std::unique_ptr<RpcClient>> RpcClient::Connect(
    std::string url, ChannelOptions options, CurlTransportOptions transport_options) {
  ASSIGN_OR_RETURN(std::unique_ptr<CurlTransport> transport,
                   CurlTransport::Create(transport_options));
  return std::make_unique<RpcClient>(std::move(url), std::move(transport), std::move(options));
}

absl::StatusOr<RpcReply> RpcClient::CallOne(const std::string& method, std::string params,
                                            RetryMode mode) {
  RpcRequest request{method, std::move(params)};
  ASSIGN_OR_RETURN(std::vector<RpcReply> replies,
                   channel_.Call(absl::MakeConstSpan(&request, 1), mode));
  RETURN_IF_ERROR(replies[0].status);
  return std::move(replies[0]);
}

absl::StatusOr<RpcResponse<std::optional<AccountInfo>>> RpcClient::GetAccountInfo(const Pubkey& key,
                                                                                  Commitment c) {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getAccountInfo", Params([&](Writer& w) {
                                         Str(w, key.ToBase58());
                                         AccountConfig(w, c);
                                       })));
  return ContextValue<std::optional<AccountInfo>>(
      "getAccountInfo", redacted_url(), r,
      [](const json::Value& v, const std::string& path) { return ParseOptionalAccountInfo(v, path); });
}

absl::StatusOr<RpcResponse<std::vector<std::optional<AccountInfo>>>> RpcClient::GetMultipleAccounts(
    absl::Span<const Pubkey> keys, Commitment c) {
  RpcResponse<std::vector<std::optional<AccountInfo>>> out;
  if (keys.empty()) return out;
  std::vector<RpcRequest> requests;
  for (size_t i = 0; i < keys.size(); i += kMaxMultipleAccounts) {
    auto chunk = keys.subspan(i, kMaxMultipleAccounts);
    requests.push_back({"getMultipleAccounts", Params([&](Writer& w) {
                          w.StartArray();
                          for (const Pubkey& k : chunk) Str(w, k.ToBase58());
                          w.EndArray();
                          AccountConfig(w, c);
                        })});
  }
  ASSIGN_OR_RETURN(std::vector<RpcReply> replies, ChunkReplies(channel_, std::move(requests)));
  out.value.reserve(keys.size());
  out.context_slot = UINT64_MAX;
  auto parse = [&]() -> absl::StatusOr<bool> {
    for (size_t chunk = 0; chunk < replies.size(); ++chunk) {
      uint64_t slot = 0;
      ASSIGN_OR_RETURN(const json::Value* v,
                       ParseContextValue(*replies[chunk].result, "result", &slot));
      out.context_slot = std::min(out.context_slot, slot);
      RETURN_IF_ERROR(json::ExpectArray(*v, "result.value"));
      size_t expected = std::min(kMaxMultipleAccounts, keys.size() - chunk * kMaxMultipleAccounts);
      if (v->Size() != expected) {
        return json::Malformed("result.value",
                               absl::StrCat(v->Size(), " accounts for ", expected, " keys"));
      }
      for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
        ASSIGN_OR_RETURN(std::optional<AccountInfo> a,
                         ParseOptionalAccountInfo((*v)[i], json::Path("result.value", i)));
        out.value.push_back(std::move(a));
      }
    }
    return true;
  };
  RETURN_IF_ERROR(In("getMultipleAccounts", redacted_url(), parse()).status());
  return out;
}

absl::StatusOr<RpcResponse<std::vector<KeyedAccount>>> RpcClient::GetProgramAccounts(
    const Pubkey& program, absl::Span<const AccountFilter> filters, Commitment c) {
  if (filters.size() > kMaxProgramAccountFilters) {
    return absl::InvalidArgumentError(
        absl::StrCat("getProgramAccounts: ", filters.size(), " filters, at most 4 allowed"));
  }
  for (const auto& f : filters) {
    if (const auto* m = std::get_if<MemcmpFilter>(&f);
        m != nullptr && (m->bytes.empty() || m->bytes.size() > kMaxMemcmpBytes)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "getProgramAccounts: memcmp filter needs 1..128 bytes, got ", m->bytes.size()));
    }
  }
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getProgramAccounts", Params([&](Writer& w) {
                                         Str(w, program.ToBase58());
                                         w.StartObject();
                                         Field(w, "encoding", "base64");
                                         Field(w, "commitment", CommitmentName(c));
                                         FieldBool(w, "withContext", true);
                                         w.Key("filters");
                                         w.StartArray();
                                         for (const auto& f : filters) {
                                           w.StartObject();
                                           if (const auto* m = std::get_if<MemcmpFilter>(&f)) {
                                             w.Key("memcmp");
                                             w.StartObject();
                                             Field(w, "offset", m->offset);
                                             Field(w, "bytes", Base58Encode(m->bytes));
                                             Field(w, "encoding", "base58");
                                             w.EndObject();
                                           } else {
                                             Field(w, "dataSize", std::get<DataSizeFilter>(f).size);
                                           }
                                           w.EndObject();
                                         }
                                         w.EndArray();
                                         w.EndObject();
                                       })));
  auto parse = [&]() -> absl::StatusOr<RpcResponse<std::vector<KeyedAccount>>> {
    RpcResponse<std::vector<KeyedAccount>> out;
    const json::Value* list = r.result;
    std::string path = "result";
    if (list->IsObject()) {  // withContext honoured
      ASSIGN_OR_RETURN(list, ParseContextValue(*r.result, "result", &out.context_slot));
      path = "result.value";
    }
    RETURN_IF_ERROR(json::ExpectArray(*list, path));
    out.value.reserve(list->Size());
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
      ASSIGN_OR_RETURN(KeyedAccount k, ParseKeyedAccount((*list)[i], json::Path(path, i)));
      out.value.push_back(std::move(k));
    }
    return out;
  };
  return In("getProgramAccounts", redacted_url(), parse());
}

absl::StatusOr<RpcResponse<uint64_t>> RpcClient::GetBalance(const Pubkey& key, Commitment c) {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getBalance", Params([&](Writer& w) {
                                         Str(w, key.ToBase58());
                                         CommitmentConfig(w, c);
                                       })));
  return ContextValue<uint64_t>(
      "getBalance", redacted_url(), r,
      [](const json::Value& v, const std::string& path) { return json::U64(v, path); });
}

absl::StatusOr<RpcResponse<LatestBlockhash>> RpcClient::GetLatestBlockhash(Commitment c) {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getLatestBlockhash", CommitmentOnly(c)));
  return ContextValue<LatestBlockhash>(
      "getLatestBlockhash", redacted_url(), r,
      [](const json::Value& v, const std::string& path) { return ParseLatestBlockhash(v, path); });
}

absl::StatusOr<RpcResponse<bool>> RpcClient::IsBlockhashValid(const Hash& blockhash, Commitment c) {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("isBlockhashValid", Params([&](Writer& w) {
                                         Str(w, blockhash.ToBase58());
                                         CommitmentConfig(w, c);
                                       })));
  return ContextValue<bool>(
      "isBlockhashValid", redacted_url(), r,
      [](const json::Value& v, const std::string& path) { return json::Bool(v, path); });
}

absl::StatusOr<uint64_t> RpcClient::GetBlockHeight(Commitment c) {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getBlockHeight", CommitmentOnly(c)));
  return In("getBlockHeight", redacted_url(), json::U64(*r.result, "result"));
}

absl::StatusOr<uint64_t> RpcClient::GetSlot(Commitment c) {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getSlot", CommitmentOnly(c)));
  return In("getSlot", redacted_url(), json::U64(*r.result, "result"));
}

absl::StatusOr<uint64_t> RpcClient::GetMinimumBalanceForRentExemption(uint64_t data_len,
                                                                      Commitment c) {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getMinimumBalanceForRentExemption", Params([&](Writer& w) {
                                         w.Uint64(data_len);
                                         CommitmentConfig(w, c);
                                       })));
  return In("getMinimumBalanceForRentExemption", redacted_url(), json::U64(*r.result, "result"));
}

absl::StatusOr<RpcResponse<std::optional<uint64_t>>> RpcClient::GetFeeForMessage(ByteView message,
                                                                                 Commitment c) {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getFeeForMessage", Params([&](Writer& w) {
                                         Str(w, Base64Encode(message));
                                         CommitmentConfig(w, c);
                                       })));
  auto parse = [&]() -> absl::StatusOr<RpcResponse<std::optional<uint64_t>>> {
    RpcResponse<std::optional<uint64_t>> out;
    ASSIGN_OR_RETURN(const json::Value* v,
                     ParseContextValue(*r.result, "result", &out.context_slot));
    if (!v->IsNull()) {
      ASSIGN_OR_RETURN(out.value, json::U64(*v, "result.value"));
    }
    return out;
  };
  return In("getFeeForMessage", redacted_url(), parse());
}

absl::StatusOr<std::string> RpcClient::SendTransaction(ByteView signed_transaction,
                                                       const SendOptions& options) {
  // The params (hence the bytes) are fixed here; retries reuse them verbatim.
  std::string params = Params([&](Writer& w) {
    Str(w, Base64Encode(signed_transaction));
    w.StartObject();
    Field(w, "encoding", "base64");
    FieldBool(w, "skipPreflight", options.skip_preflight);
    if (options.preflight_commitment.has_value()) {
      Field(w, "preflightCommitment", CommitmentName(*options.preflight_commitment));
    }
    if (options.max_retries.has_value()) Field(w, "maxRetries", *options.max_retries);
    if (options.min_context_slot.has_value()) {
      Field(w, "minContextSlot", *options.min_context_slot);
    }
    w.EndObject();
  });
  ASSIGN_OR_RETURN(RpcReply r,
                   CallOne("sendTransaction", std::move(params), RetryMode::kSameBytes));
  auto signature = In("sendTransaction", redacted_url(), ParseSignature(*r.result, "result"));
  // A garbled success reply leaves the transaction's fate unknown.
  if (!signature.ok()) return MarkMaybeForwarded(signature.status());
  return signature;
}

absl::StatusOr<RpcResponse<SimulationResult>> RpcClient::SimulateTransaction(
    ByteView transaction, const SimulateOptions& options) {
  if (options.sig_verify && options.replace_recent_blockhash) {
    return absl::InvalidArgumentError(
        "simulateTransaction: sigVerify and replaceRecentBlockhash are exclusive");
  }
  ASSIGN_OR_RETURN(RpcReply r, CallOne("simulateTransaction", Params([&](Writer& w) {
                                         Str(w, Base64Encode(transaction));
                                         w.StartObject();
                                         Field(w, "encoding", "base64");
                                         Field(w, "commitment", CommitmentName(options.commitment));
                                         FieldBool(w, "sigVerify", options.sig_verify);
                                         FieldBool(w, "replaceRecentBlockhash",
                                                   options.replace_recent_blockhash);
                                         if (options.min_context_slot.has_value()) {
                                           Field(w, "minContextSlot", *options.min_context_slot);
                                         }
                                         w.EndObject();
                                       })));
  return ContextValue<SimulationResult>(
      "simulateTransaction", redacted_url(), r,
      [](const json::Value& v, const std::string& path) { return ParseSimulationResult(v, path); });
}

absl::StatusOr<RpcResponse<std::vector<std::optional<SignatureStatus>>>>
RpcClient::GetSignatureStatuses(absl::Span<const std::string> signatures,
                                bool search_transaction_history) {
  RpcResponse<std::vector<std::optional<SignatureStatus>>> out;
  if (signatures.empty()) return out;
  for (const auto& s : signatures) {
    if (auto v = ValidateSignatureText(s); !v.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("getSignatureStatuses: ", v.message()));
    }
  }
  std::vector<RpcRequest> requests;
  for (size_t i = 0; i < signatures.size(); i += kMaxSignatureStatuses) {
    auto chunk = signatures.subspan(i, kMaxSignatureStatuses);
    requests.push_back({"getSignatureStatuses", Params([&](Writer& w) {
                          w.StartArray();
                          for (const auto& s : chunk) Str(w, s);
                          w.EndArray();
                          w.StartObject();
                          FieldBool(w, "searchTransactionHistory", search_transaction_history);
                          w.EndObject();
                        })});
  }
  ASSIGN_OR_RETURN(std::vector<RpcReply> replies, ChunkReplies(channel_, std::move(requests)));
  out.value.reserve(signatures.size());
  out.context_slot = UINT64_MAX;
  auto parse = [&]() -> absl::StatusOr<bool> {
    for (size_t chunk = 0; chunk < replies.size(); ++chunk) {
      uint64_t slot = 0;
      ASSIGN_OR_RETURN(const json::Value* v,
                       ParseContextValue(*replies[chunk].result, "result", &slot));
      out.context_slot = std::min(out.context_slot, slot);
      RETURN_IF_ERROR(json::ExpectArray(*v, "result.value"));
      size_t expected =
          std::min(kMaxSignatureStatuses, signatures.size() - chunk * kMaxSignatureStatuses);
      if (v->Size() != expected) {
        return json::Malformed("result.value",
                               absl::StrCat(v->Size(), " statuses for ", expected, " signatures"));
      }
      for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
        ASSIGN_OR_RETURN(std::optional<SignatureStatus> s,
                         ParseSignatureStatus((*v)[i], json::Path("result.value", i)));
        out.value.push_back(std::move(s));
      }
    }
    return true;
  };
  RETURN_IF_ERROR(In("getSignatureStatuses", redacted_url(), parse()).status());
  return out;
}

absl::StatusOr<std::optional<TransactionInfo>> RpcClient::GetTransaction(
    const std::string& signature, Commitment c) {
  if (c == Commitment::kProcessed) {
    return absl::InvalidArgumentError("getTransaction: commitment must be confirmed or finalized");
  }
  if (auto v = ValidateSignatureText(signature); !v.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("getTransaction: ", v.message()));
  }
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getTransaction", Params([&](Writer& w) {
                                         Str(w, signature);
                                         w.StartObject();
                                         Field(w, "encoding", "base64");
                                         Field(w, "commitment", CommitmentName(c));
                                         Field(w, "maxSupportedTransactionVersion", uint64_t{0});
                                         w.EndObject();
                                       })));
  return In("getTransaction", redacted_url(), ParseTransactionInfo(*r.result, "result"));
}

absl::StatusOr<std::string> RpcClient::RequestAirdrop(const Pubkey& to, uint64_t lamports,
                                                      Commitment c) {
  // Not idempotent (each call is a new airdrop transaction): no retries.
  ASSIGN_OR_RETURN(RpcReply r, CallOne("requestAirdrop", Params([&](Writer& w) {
                                         Str(w, to.ToBase58());
                                         w.Uint64(lamports);
                                         CommitmentConfig(w, c);
                                       }),
                                       RetryMode::kNever));
  return In("requestAirdrop", redacted_url(), ParseSignature(*r.result, "result"));
}

absl::Status RpcClient::GetHealth() {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getHealth", "[]"));
  auto text = In("getHealth", redacted_url(), json::String(*r.result, "result"));
  if (!text.ok()) return text.status();
  if (*text != "ok") {
    return absl::UnavailableError(
        absl::StrCat("getHealth @ ", redacted_url(), ": node reports \"", *text, "\""));
  }
  return absl::OkStatus();
}

absl::StatusOr<VersionInfo> RpcClient::GetVersion() {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getVersion", "[]"));
  return In("getVersion", redacted_url(), ParseVersionInfo(*r.result, "result"));
}

absl::StatusOr<Hash> RpcClient::GetGenesisHash() {
  ASSIGN_OR_RETURN(RpcReply r, CallOne("getGenesisHash", "[]"));
  return In("getGenesisHash", redacted_url(), json::Base58Key(*r.result, "result"));
}

absl::StatusOr<std::vector<absl::StatusOr<std::string>>> RpcClient::CallBatch(
    absl::Span<const RpcRequest> requests, bool retry) {
  ASSIGN_OR_RETURN(std::vector<RpcReply> replies,
                   channel_.Call(requests, retry ? RetryMode::kIdempotent : RetryMode::kNever));
  std::vector<absl::StatusOr<std::string>> out;
  out.reserve(replies.size());
  for (const auto& r : replies) {
    if (r.status.ok()) {
      out.emplace_back(json::ToJson(*r.result));
    } else {
      out.emplace_back(r.status);
    }
  }
  return out;
}

absl::StatusOr<std::string> RpcClient::Call(const std::string& method,
                                            const std::string& params_json, bool retry) {
  RpcRequest request{method, params_json};
  ASSIGN_OR_RETURN(auto results, CallBatch(absl::MakeConstSpan(&request, 1), retry));
  return std::move(results[0]);
}

}  // namespace solana
