// Test-only: a cpp-httplib server on 127.0.0.1 with an ephemeral port, running
// on its own thread for the lifetime of the object. Include only from tests.
#ifndef PROVIDERS_SOLANA_TEST_HTTP_SERVER_H_
#define PROVIDERS_SOLANA_TEST_HTTP_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"

namespace solana {

class TestHttpServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  explicit TestHttpServer(Handler handler) : handler_(std::move(handler)) {
    server_.Post("/.*", [this](const httplib::Request& req, httplib::Response& res) {
      ++posts_;
      handler_(req, res);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  ~TestHttpServer() { Stop(); }

  void Stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  std::string url(const std::string& path = "/") const {
    return absl::StrCat("http://127.0.0.1:", port_, path);
  }
  int posts() const { return posts_.load(); }

 private:
  Handler handler_;
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
  std::atomic<int> posts_{0};
};

}  // namespace solana

#endif  // PROVIDERS_SOLANA_TEST_HTTP_SERVER_H_
