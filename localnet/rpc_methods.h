// Internal to the RPC server: the method table and the helpers methods share.
#ifndef LOCALNET_RPC_METHODS_H_
#define LOCALNET_RPC_METHODS_H_

#include <optional>
#include <string>

#include "localnet/faults.h"
#include "localnet/ledger.h"
#include "localnet/rpc_server.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace localnet::rpc {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using Value = rapidjson::Value;

struct RpcError {
  int code = -32603;
  std::string message;
  std::string data_json;  // raw JSON of "data", empty when absent
};
using MaybeError = std::optional<RpcError>;

struct CallContext {
  Ledger* ledger;
  Faults* faults;
  const RpcServerOptions* options;
  bool drop_reply = false;  // set by sendTransaction under the drop-reply fault
};

// Writes the method's "result" value; on error nothing written is used.
using MethodFn = MaybeError (*)(CallContext& ctx, const Value& params, Writer& out);

// nullptr for an unknown method.
MethodFn FindMethod(const std::string& name);

}  // namespace localnet::rpc

#endif  // LOCALNET_RPC_METHODS_H_
