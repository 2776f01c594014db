#include "localnet/rpc_server.h"

#include "localnet/rpc_methods.h"

namespace localnet {

using rpc::RpcError;
using rpc::Value;
using rpc::Writer;

namespace {

void WriteId(Writer& w, const Value* id) {
  if (id == nullptr) {
    w.Null();
  } else {
    id->Accept(w);
  }
}

void WriteError(Writer& w, const Value* id, const RpcError& e) {
  w.StartObject();
  w.Key("jsonrpc");
  w.String("2.0");
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.Int(e.code);
  w.Key("message");
  w.String(e.message.c_str(), static_cast<rapidjson::SizeType>(e.message.size()));
  if (!e.data_json.empty()) {
    w.Key("data");
    w.RawValue(e.data_json.c_str(), e.data_json.size(), rapidjson::kObjectType);
  }
  w.EndObject();
  w.Key("id");
  WriteId(w, id);
  w.EndObject();
}

bool IsControlMethod(const Value& req) {
  if (!req.IsObject()) return false;
  auto m = req.FindMember("method");
  return m != req.MemberEnd() && m->value.IsString() &&
         absl::string_view(m->value.GetString(), m->value.GetStringLength()).substr(0, 9) ==
             "localnet_";
}

// Handles one request object; returns false for a notification (no reply).
bool HandleOne(rpc::CallContext& ctx, const Value& req, Writer& w) {
  const RpcError invalid{-32600, "Invalid request", ""};
  if (!req.IsObject()) {
    WriteError(w, nullptr, invalid);
    return true;
  }
  auto id_it = req.FindMember("id");
  const Value* id = id_it == req.MemberEnd() ? nullptr : &id_it->value;
  if (id != nullptr && !(id->IsNull() || id->IsString() || id->IsNumber())) {
    WriteError(w, nullptr, invalid);
    return true;
  }
  auto ver = req.FindMember("jsonrpc");
  auto method = req.FindMember("method");
  if (ver == req.MemberEnd() || !ver->value.IsString() ||
      std::string(ver->value.GetString()) != "2.0" || method == req.MemberEnd() ||
      !method->value.IsString()) {
    WriteError(w, id, invalid);
    return true;
  }
  bool notification = id == nullptr;
  std::string name(method->value.GetString(), method->value.GetStringLength());
  rpc::MethodFn fn = rpc::FindMethod(name);
  if (fn == nullptr) {
    if (notification) return false;
    WriteError(w, id, {-32601, "Method not found", ""});
    return true;
  }
  static const Value kEmptyArray(rapidjson::kArrayType);
  auto params_it = req.FindMember("params");
  const Value* params = &kEmptyArray;
  if (params_it != req.MemberEnd() && !params_it->value.IsNull()) {
    if (!params_it->value.IsArray()) {
      if (notification) return false;
      WriteError(w, id, {-32602, "Invalid params: invalid type: map, expected a sequence.", ""});
      return true;
    }
    params = &params_it->value;
  }
  rapidjson::StringBuffer result;
  Writer rw(result);
  rpc::MaybeError err = fn(ctx, *params, rw);
  if (notification) return false;
  if (err) {
    WriteError(w, id, *err);
    return true;
  }
  w.StartObject();
  w.Key("jsonrpc");
  w.String("2.0");
  w.Key("result");
  w.RawValue(result.GetString(), result.GetSize(), rapidjson::kObjectType);
  w.Key("id");
  WriteId(w, id);
  w.EndObject();
  return true;
}

}  // namespace

RpcServer::RpcServer(Ledger* ledger, Faults* faults, RpcServerOptions options)
    : ledger_(ledger), faults_(faults), options_(std::move(options)) {}

HttpReply RpcServer::Handle(absl::string_view body) {
  HttpReply reply;
  if (body.size() > options_.max_body_bytes) {
    reply.status = 413;
    reply.body = "Payload Too Large";
    return reply;
  }
  rapidjson::Document doc;
  // Iterative: deeply nested input cannot exhaust the stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  rapidjson::StringBuffer out;
  Writer w(out);
  if (doc.HasParseError()) {
    WriteError(w, nullptr, {-32700, "Parse error", ""});
    reply.body.assign(out.GetString(), out.GetSize());
    return reply;
  }
  // Transport faults apply to everything but the control methods.
  bool control = doc.IsArray() ? (doc.Size() > 0 && IsControlMethod(doc[0])) : IsControlMethod(doc);
  if (!control) {
    std::optional<uint32_t> retry_after;
    switch (faults_->TakeHttpFault(&retry_after)) {
      case HttpFault::kTooManyRequests: {
        reply.status = 429;
        if (retry_after) reply.retry_after = std::to_string(*retry_after);
        WriteError(w, nullptr, {429, "Too many requests for a specific RPC call", ""});
        reply.body.assign(out.GetString(), out.GetSize());
        return reply;
      }
      case HttpFault::kUnavailable:
        reply.status = 503;
        reply.body = "Service Unavailable";
        return reply;
      case HttpFault::kNone:
        break;
    }
  }
  rpc::CallContext ctx{ledger_, faults_, &options_};
  if (doc.IsArray()) {
    if (doc.Size() == 0) {
      WriteError(w, nullptr, {-32600, "Invalid request", ""});
    } else {
      w.StartArray();
      bool any = false;
      for (const Value& req : doc.GetArray()) any |= HandleOne(ctx, req, w);
      w.EndArray();
      if (!any) {
        reply.drop = ctx.drop_reply;
        return reply;
      }
    }
  } else if (!HandleOne(ctx, doc, w)) {
    reply.drop = ctx.drop_reply;
    return reply;
  }
  reply.drop = ctx.drop_reply;
  reply.body.assign(out.GetString(), out.GetSize());
  return reply;
}

}  // namespace localnet
