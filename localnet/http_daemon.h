// The HTTP face of psyche-localnet: cpp-httplib on 127.0.0.1, POST / for
// JSON-RPC, GET /health for the plain-text health check.
#ifndef LOCALNET_HTTP_DAEMON_H_
#define LOCALNET_HTTP_DAEMON_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "localnet/local_validator.h"

namespace httplib {
class Server;
}

namespace localnet {

class HttpDaemon {
 public:
  explicit HttpDaemon(LocalValidator* validator);
  ~HttpDaemon();

  // Binds 127.0.0.1:port (0 = any free port) and serves on a background thread.
  absl::Status Start(int port);
  int port() const { return port_; }
  void Stop();

 private:
  LocalValidator* validator_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace localnet

#endif  // LOCALNET_HTTP_DAEMON_H_
