// The JSON-RPC 2.0 front of the local ledger as a pure request handler:
// request body in, HTTP status + body out. Used in-process without HTTP, by
// the fuzzer, and by the httplib daemon. Methods, shapes and error codes
// follow spec solana-wire section 5.
#ifndef LOCALNET_RPC_SERVER_H_
#define LOCALNET_RPC_SERVER_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "localnet/faults.h"
#include "localnet/ledger.h"

namespace localnet {

struct HttpReply {
  int status = 200;
  std::string body;  // empty for a request made only of notifications
  std::optional<std::string> retry_after;
  // Fault injection: the request took effect but the reply must not reach the
  // client (the daemon closes the connection mid-response).
  bool drop = false;
};

struct RpcServerOptions {
  size_t max_body_bytes = 50 * 1024;  // the validator's limit; larger bodies get HTTP 413
  std::string solana_core_version = "2.2.7";
  uint32_t feature_set = 3294202862u;
};

class RpcServer {
 public:
  RpcServer(Ledger* ledger, Faults* faults, RpcServerOptions options = {});
  // Never throws, never aborts: every input gets a JSON-RPC answer.
  HttpReply Handle(absl::string_view body);

 private:
  Ledger* ledger_;
  Faults* faults_;
  RpcServerOptions options_;
};

}  // namespace localnet

#endif  // LOCALNET_RPC_SERVER_H_
