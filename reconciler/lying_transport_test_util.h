// Test-only: an HttpTransport in front of an honest one that lies. It
// rewrites the JSON-RPC result of chosen methods (single or batched), can
// swallow sendTransaction (answering with the signature, forwarding nothing),
// and records the signed bytes of every sendTransaction it is handed, so a
// test can assert that nothing left the tool that the plan did not name.
#ifndef RECONCILER_LYING_TRANSPORT_TEST_UTIL_H_
#define RECONCILER_LYING_TRANSPORT_TEST_UTIL_H_

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/http_transport.h"
#include "providers/solana/transaction.h"

namespace reconciler::testing {

class LyingTransport : public solana::HttpTransport {
 public:
  // Rewrites one reply's "result" in place.
  using Lie = std::function<void(rapidjson::Value& result, rapidjson::Document::AllocatorType&)>;

  explicit LyingTransport(std::shared_ptr<solana::HttpTransport> inner) : inner_(std::move(inner)) {}

  void LieAbout(const std::string& method, Lie lie) { lies_[method] = std::move(lie); }
  void SwallowSends(bool swallow) { swallow_sends_ = swallow; }

  // Signed transactions handed to sendTransaction, in order (rebroadcasts too).
  std::vector<solana::Bytes> sent() const {
    std::lock_guard<std::mutex> lock(mu_);
    return sent_;
  }

  absl::StatusOr<solana::HttpResponse> Post(const std::string& url, const std::string& body,
                                            absl::Duration timeout) override {
    rapidjson::Document request;
    request.Parse(body.c_str(), body.size());
    if (request.HasParseError()) return inner_->Post(url, body, timeout);
    std::vector<const rapidjson::Value*> calls;
    if (request.IsArray()) {
      for (const auto& c : request.GetArray()) calls.push_back(&c);
    } else {
      calls.push_back(&request);
    }
    bool all_sends = !calls.empty();
    for (const rapidjson::Value* c : calls) {
      const bool is_send = Method(*c) == "sendTransaction";
      if (is_send) Record(*c);
      all_sends = all_sends && is_send;
    }
    if (swallow_sends_ && all_sends && !request.IsArray()) return SwallowedReply(request);
    auto reply = inner_->Post(url, body, timeout);
    if (!reply.ok() || reply->status != 200 || lies_.empty()) return reply;
    rapidjson::Document response;
    response.Parse(reply->body.c_str(), reply->body.size());
    if (response.HasParseError()) return reply;
    auto& alloc = response.GetAllocator();
    auto rewrite = [&](rapidjson::Value& r) {
      if (!r.IsObject() || !r.HasMember("id") || !r.HasMember("result")) return;
      for (const rapidjson::Value* c : calls) {
        if (!c->IsObject() || !c->HasMember("id") || (*c)["id"] != r["id"]) continue;
        auto lie = lies_.find(Method(*c));
        if (lie != lies_.end()) lie->second(r["result"], alloc);
      }
    };
    if (response.IsArray()) {
      for (auto& r : response.GetArray()) rewrite(r);
    } else {
      rewrite(response);
    }
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    response.Accept(writer);
    reply->body = out.GetString();
    return reply;
  }

 private:
  static std::string Method(const rapidjson::Value& call) {
    if (!call.IsObject() || !call.HasMember("method") || !call["method"].IsString()) return "";
    return call["method"].GetString();
  }

  static absl::StatusOr<solana::Bytes> Wire(const rapidjson::Value& call) {
    if (!call.HasMember("params") || !call["params"].IsArray() || call["params"].Empty() ||
        !call["params"][0].IsString()) {
      return absl::InvalidArgumentError("sendTransaction without a transaction");
    }
    const std::string text = call["params"][0].GetString();
    bool base64 = false;
    if (call["params"].Size() > 1 && call["params"][1].IsObject() &&
        call["params"][1].HasMember("encoding") && call["params"][1]["encoding"].IsString()) {
      base64 = std::string(call["params"][1]["encoding"].GetString()) == "base64";
    }
    if (base64) return solana::Base64Decode(text);
    return solana::Base58Decode(text);
  }

  void Record(const rapidjson::Value& call) {
    auto wire = Wire(call);
    std::lock_guard<std::mutex> lock(mu_);
    sent_.push_back(wire.ok() ? *wire : solana::Bytes());
  }

  // {"result": <signature>}: what a node says when it accepted the bytes.
  static absl::StatusOr<solana::HttpResponse> SwallowedReply(const rapidjson::Document& call) {
    ASSIGN_OR_RETURN(solana::Bytes wire, Wire(call));
    ASSIGN_OR_RETURN(solana::Transaction tx, solana::Transaction::Parse(wire));
    rapidjson::Document reply(rapidjson::kObjectType);
    auto& a = reply.GetAllocator();
    reply.AddMember("jsonrpc", "2.0", a);
    reply.AddMember("id", rapidjson::Value(call["id"], a), a);
    reply.AddMember("result", rapidjson::Value(tx.Id().c_str(), a), a);
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    reply.Accept(writer);
    solana::HttpResponse r;
    r.status = 200;
    r.content_type = "application/json";
    r.body = out.GetString();
    return r;
  }

  std::shared_ptr<solana::HttpTransport> inner_;
  std::map<std::string, Lie> lies_;
  bool swallow_sends_ = false;
  mutable std::mutex mu_;
  std::vector<solana::Bytes> sent_;
};

}  // namespace reconciler::testing

#endif  // RECONCILER_LYING_TRANSPORT_TEST_UTIL_H_
