#include "providers/solana/rpc_error.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "providers/solana/json_read.h"

namespace solana {
namespace {

constexpr absl::string_view kPayloadUrl = "type.psyche/solana.RpcError";

// Payload format: the error object re-serialized as JSON.
std::string SerializeRpcError(const RpcError& e) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("code");
  w.Int64(e.code);
  w.Key("message");
  w.String(e.message.data(), static_cast<rapidjson::SizeType>(e.message.size()));
  if (!e.data_json.empty()) {
    w.Key("data");
    w.RawValue(e.data_json.data(), e.data_json.size(), rapidjson::kObjectType);
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Parses the -32002/-32005 "data" of a status's RpcError into `doc`.
bool DataOf(const absl::Status& status, int64_t code, rapidjson::Document* doc) {
  auto e = GetRpcError(status);
  if (!e.has_value() || e->code != code) return false;
  if (!e->data_json.empty()) doc->Parse(e->data_json.data(), e->data_json.size());
  return true;
}

}  // namespace

absl::StatusOr<RpcError> ParseRpcError(const rapidjson::Value& error) {
  RpcError out;
  ASSIGN_OR_RETURN(const json::Value* code, json::Member(error, "error", "code"));
  ASSIGN_OR_RETURN(out.code, json::I64(*code, "error.code"));
  // Providers sometimes omit the message; tolerate that, but not a wrong type.
  ASSIGN_OR_RETURN(const json::Value* message, json::OptionalMember(error, "error", "message"));
  if (message != nullptr) {
    ASSIGN_OR_RETURN(out.message, json::String(*message, "error.message"));
  }
  ASSIGN_OR_RETURN(const json::Value* data, json::OptionalMember(error, "error", "data"));
  if (data != nullptr) out.data_json = json::ToJson(*data);
  return out;
}

absl::StatusCode StatusCodeForRpcError(int64_t code) {
  switch (code) {
    case kRpcParseError:
    case kRpcInvalidRequest:
    case kRpcInvalidParams:
    case kRpcSignatureVerificationFailure:
    case kRpcPrecompileVerificationFailure:
      return absl::StatusCode::kInvalidArgument;
    case kRpcMethodNotFound:
      return absl::StatusCode::kUnimplemented;
    case kRpcPreflightFailure:
    case kRpcUnsupportedTransactionVersion:
      return absl::StatusCode::kFailedPrecondition;
    case kRpcInternalError:
    case kRpcBlockNotAvailable:
    case kRpcNodeUnhealthy:
    case kRpcBlockStatusNotAvailableYet:
    case kRpcMinContextSlotNotReached:
    case 429:  // some providers put the HTTP rate-limit code in the JSON-RPC error
      return absl::StatusCode::kUnavailable;
    case kRpcBlockCleanedUp:
    case kRpcSlotSkipped:
    case kRpcLongTermStorageSlotSkipped:
    case kRpcTransactionHistoryNotAvailable:
      return absl::StatusCode::kNotFound;
    default:
      return absl::StatusCode::kUnknown;
  }
}

absl::Status RpcErrorToStatus(const RpcError& error, absl::string_view context) {
  absl::Status status(StatusCodeForRpcError(error.code),
                      absl::StrCat(context, ": RPC error ", error.code, ": ", error.message));
  status.SetPayload(kPayloadUrl, absl::Cord(SerializeRpcError(error)));
  return status;
}

std::optional<RpcError> GetRpcError(const absl::Status& status) {
  if (status.ok()) return std::nullopt;
  auto payload = status.GetPayload(kPayloadUrl);
  if (!payload.has_value()) return std::nullopt;
  std::string text(*payload);
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) return std::nullopt;
  auto e = ParseRpcError(doc);
  if (!e.ok()) return std::nullopt;
  return std::move(*e);
}

std::optional<PreflightFailure> GetPreflightFailure(const absl::Status& status) {
  rapidjson::Document data;
  if (!DataOf(status, kRpcPreflightFailure, &data)) return std::nullopt;
  PreflightFailure out;
  if (!data.IsObject()) return out;
  if (auto it = data.FindMember("err"); it != data.MemberEnd() && !it->value.IsNull()) {
    if (auto err = ParseTransactionError(it->value); err.ok()) out.err = std::move(*err);
  }
  if (auto it = data.FindMember("logs"); it != data.MemberEnd() && it->value.IsArray()) {
    for (const auto& line : it->value.GetArray()) {
      if (line.IsString()) out.logs.emplace_back(line.GetString(), line.GetStringLength());
    }
  }
  if (auto it = data.FindMember("unitsConsumed"); it != data.MemberEnd() && it->value.IsUint64()) {
    out.units_consumed = it->value.GetUint64();
  }
  return out;
}

std::optional<NodeUnhealthy> GetNodeUnhealthy(const absl::Status& status) {
  rapidjson::Document data;
  if (!DataOf(status, kRpcNodeUnhealthy, &data)) return std::nullopt;
  NodeUnhealthy out;
  if (data.IsObject()) {
    auto it = data.FindMember("numSlotsBehind");
    if (it != data.MemberEnd() && it->value.IsUint64())
      out.num_slots_behind = it->value.GetUint64();
  }
  return out;
}

}  // namespace solana
