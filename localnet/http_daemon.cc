#include "localnet/http_daemon.h"

#include <httplib.h>

namespace localnet {

HttpDaemon::HttpDaemon(LocalValidator* validator)
    : validator_(validator), server_(std::make_unique<httplib::Server>()) {}

HttpDaemon::~HttpDaemon() { Stop(); }

absl::Status HttpDaemon::Start(int port) {
  server_->set_payload_max_length(50 * 1024);  // larger bodies: HTTP 413
  server_->Get("/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server_->Post("/", [this](const httplib::Request& req, httplib::Response& res) {
    HttpReply r = validator_->Handle(req.body);
    res.status = r.status;
    if (r.retry_after) res.set_header("Retry-After", *r.retry_after);
    if (r.drop) {
      // Fault injection: the request took effect, but the reply is cut off.
      // A chunked provider that fails at once closes the connection after the
      // headers, so the client sees a transport error, not an answer.
      res.set_chunked_content_provider("application/json",
                                       [](size_t, httplib::DataSink&) { return false; });
      return;
    }
    bool json = !r.body.empty() && (r.body[0] == '{' || r.body[0] == '[');
    res.set_content(r.body, json ? "application/json" : "text/plain");
  });
  if (port == 0) {
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return absl::UnavailableError("cannot bind 127.0.0.1");
  } else {
    if (!server_->bind_to_port("127.0.0.1", port)) {
      return absl::UnavailableError(absl::StrCat("cannot bind 127.0.0.1:", port));
    }
    port_ = port;
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  return absl::OkStatus();
}

void HttpDaemon::Stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace localnet
