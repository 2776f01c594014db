// Test-only: a canned Solana JSON-RPC server on 127.0.0.1 (cpp-httplib). Each
// method answers with a fixed "result"/"error" fragment or a dynamic handler;
// an interceptor can inject HTTP-level faults. Records every request.
#ifndef PROVIDERS_SOLANA_FAKE_RPC_SERVER_TEST_UTIL_H_
#define PROVIDERS_SOLANA_FAKE_RPC_SERVER_TEST_UTIL_H_

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/solana/test_http_server.h"

namespace solana {

class FakeRpcServer {
 public:
  struct Seen {
    std::string method;
    std::string params;  // JSON text
  };
  // Returns the member text after the id, e.g. "\"result\":1".
  using Dynamic = std::function<std::string(const rapidjson::Value& params)>;
  // Return true when the response was fully produced (fault injection).
  using Intercept =
      std::function<bool(int post_index, const httplib::Request&, httplib::Response&)>;

  FakeRpcServer()
      : http_([this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); }) {}

  void SetResult(const std::string& method, const std::string& result_json) {
    std::lock_guard<std::mutex> lock(mu_);
    fixed_[method] = absl::StrCat("\"result\":", result_json);
  }
  void SetError(const std::string& method, const std::string& error_json) {
    std::lock_guard<std::mutex> lock(mu_);
    fixed_[method] = absl::StrCat("\"error\":", error_json);
  }
  void SetDynamic(const std::string& method, Dynamic d) {
    std::lock_guard<std::mutex> lock(mu_);
    dynamic_[method] = std::move(d);
  }
  void SetIntercept(Intercept i) {
    std::lock_guard<std::mutex> lock(mu_);
    intercept_ = std::move(i);
  }
  void SetReverseBatches(bool on) { reverse_ = on; }

  std::string url() const { return http_.url("/"); }
  int posts() const { return http_.posts(); }
  std::vector<std::string> bodies() const {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }
  std::vector<Seen> seen() const {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }
  std::vector<size_t> batch_sizes() const {  // JSON-RPC requests per HTTP POST
    std::lock_guard<std::mutex> lock(mu_);
    return batch_sizes_;
  }
  void Stop() { http_.Stop(); }

 private:
  static std::string ToJson(const rapidjson::Value& v) {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    v.Accept(w);
    return b.GetString();
  }

  std::string Answer(const rapidjson::Value& request) {
    std::string id = ToJson(request["id"]);
    std::string method = request["method"].GetString();
    const rapidjson::Value& params = request["params"];
    std::string member;
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back({method, ToJson(params)});
      if (auto it = fixed_.find(method); it != fixed_.end()) member = it->second;
    }
    Dynamic d;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = dynamic_.find(method); it != dynamic_.end()) d = it->second;
    }
    if (d) member = d(params);
    if (member.empty()) member = R"("error":{"code":-32601,"message":"Method not found"})";
    return absl::StrCat(R"({"jsonrpc":"2.0",)", member, R"(,"id":)", id, "}");
  }

  void Handle(const httplib::Request& req, httplib::Response& res) {
    Intercept intercept;
    int index;
    {
      std::lock_guard<std::mutex> lock(mu_);
      bodies_.push_back(req.body);
      index = static_cast<int>(bodies_.size()) - 1;
      intercept = intercept_;
    }
    if (intercept && intercept(index, req, res)) return;
    rapidjson::Document doc;
    doc.Parse(req.body.c_str());
    if (doc.HasParseError()) {
      res.set_content(
          R"({"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null})",
          "application/json");
      return;
    }
    if (doc.IsArray()) {
      std::vector<std::string> parts;
      for (const auto& r : doc.GetArray()) parts.push_back(Answer(r));
      if (reverse_) std::reverse(parts.begin(), parts.end());
      {
        std::lock_guard<std::mutex> lock(mu_);
        batch_sizes_.push_back(parts.size());
      }
      res.set_content(absl::StrCat("[", absl::StrJoin(parts, ","), "]"), "application/json");
    } else {
      {
        std::lock_guard<std::mutex> lock(mu_);
        batch_sizes_.push_back(1);
      }
      res.set_content(Answer(doc), "application/json");
    }
  }

  mutable std::mutex mu_;
  std::map<std::string, std::string> fixed_;
  std::map<std::string, Dynamic> dynamic_;
  Intercept intercept_;
  std::atomic<bool> reverse_{false};
  std::vector<std::string> bodies_;
  std::vector<Seen> seen_;
  std::vector<size_t> batch_sizes_;
  TestHttpServer http_;  // last: stops before the state above is destroyed
};

}  // namespace solana

#endif  // PROVIDERS_SOLANA_FAKE_RPC_SERVER_TEST_UTIL_H_
