#include "providers/solana/curl_transport.h"

#include <gtest/gtest.h>

#include <mutex>
#include <set>

#include "providers/solana/test_http_server.h"

namespace solana {
namespace {

std::unique_ptr<CurlTransport> MakeTransport(CurlTransportOptions options = {}) {
  auto t = CurlTransport::Create(options);
  EXPECT_TRUE(t.ok()) << t.status();
  return std::move(*t);
}

TEST(RedactUrl, KeepsOnlySchemeAndAuthority) {
  EXPECT_EQ(RedactUrl("http://127.0.0.1:8899"), "http://127.0.0.1:8899");
  EXPECT_EQ(RedactUrl("http://127.0.0.1:8899/"), "http://127.0.0.1:8899");
  EXPECT_EQ(RedactUrl("https://mainnet.helius-rpc.com/?api-key=SECRET"),
            "https://mainnet.helius-rpc.com/...");
  EXPECT_EQ(RedactUrl("https://solana-mainnet.g.alchemy.com/v2/SECRET"),
            "https://solana-mainnet.g.alchemy.com/...");
  EXPECT_EQ(RedactUrl("https://user:SECRET@host.example:443/x"), "https://host.example:443/...");
  EXPECT_EQ(RedactUrl("host.example?token=SECRET"), "host.example/...");
}

TEST(CurlTransport, PostsJsonAndReadsStatusHeadersBody) {
  std::string seen_body, seen_type;
  TestHttpServer server([&](const httplib::Request& req, httplib::Response& res) {
    seen_body = req.body;
    seen_type = req.get_header_value("Content-Type");
    res.status = 429;
    res.set_header("Retry-After", "3");
    res.set_content("{\"x\":1}", "application/json");
  });
  auto t = MakeTransport();
  auto r = t->Post(server.url(), "{\"hello\":true}", absl::Seconds(5));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 429);
  ASSERT_TRUE(r->retry_after.has_value());
  EXPECT_EQ(*r->retry_after, "3");
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(r->body, "{\"x\":1}");
  EXPECT_EQ(seen_body, "{\"hello\":true}");
  EXPECT_EQ(seen_type, "application/json");
}

TEST(CurlTransport, ReusesTheConnection) {
  std::mutex mu;
  std::set<int> remote_ports;
  TestHttpServer server([&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    remote_ports.insert(req.remote_port);
    res.set_content("{}", "application/json");
  });
  auto t = MakeTransport();
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(t->Post(server.url(), "{}", absl::Seconds(5)).ok());
  EXPECT_EQ(server.posts(), 4);
  EXPECT_EQ(remote_ports.size(), 1u);
}

TEST(CurlTransport, TotalTimeout) {
  TestHttpServer server([&](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    res.set_content("{}", "application/json");
  });
  auto t = MakeTransport();
  absl::Time start = absl::Now();
  auto r = t->Post(server.url(), "{}", absl::Milliseconds(100));
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(600));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDeadlineExceeded) << r.status();
  EXPECT_FALSE(IsNeverSent(r.status()));
}

TEST(CurlTransport, BodySizeCap) {
  TestHttpServer server([&](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(5000, 'a'), "application/json");
  });
  auto t = MakeTransport({.max_response_bytes = 1000});
  auto r = t->Post(server.url(), "{}", absl::Seconds(5));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted) << r.status();
}

TEST(CurlTransport, ConnectionRefusedIsNeverSentAndHidesSecrets) {
  int port;
  {
    TestHttpServer server([](const httplib::Request&, httplib::Response&) {});
    port = server.port();
  }
  auto t = MakeTransport();
  std::string url = absl::StrCat("http://127.0.0.1:", port, "/v2/SECRETKEY?api-key=SECRET2");
  auto r = t->Post(url, "{}", absl::Seconds(5));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable) << r.status();
  EXPECT_TRUE(IsNeverSent(r.status()));
  std::string message(r.status().message());
  EXPECT_NE(message.find(absl::StrCat("127.0.0.1:", port)), std::string::npos) << message;
  EXPECT_EQ(message.find("SECRET"), std::string::npos) << message;
}

TEST(CurlTransport, RejectsNonHttpSchemes) {
  auto t = MakeTransport();
  auto r = t->Post("file:///etc/passwd", "{}", absl::Seconds(1));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(IsNeverSent(r.status()));
}

}  // namespace
}  // namespace solana
