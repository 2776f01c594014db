#include "providers/solana/rpc_error.h"

#include <gtest/gtest.h>

namespace solana {
namespace {

absl::Status FromJson(absl::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  EXPECT_FALSE(doc.HasParseError());
  auto e = ParseRpcError(doc);
  EXPECT_TRUE(e.ok()) << e.status();
  return RpcErrorToStatus(*e, "sendTransaction @ http://x");
}

// The -32002 shape of spec 5.10.
TEST(RpcError, PreflightFailureCarriesSimulation) {
  absl::Status s = FromJson(R"({"code":-32002,
    "message":"Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1771",
    "data":{"err":{"InstructionError":[0,{"Custom":6001}]},"logs":["Program X invoke [1]",
    "Program X failed: custom program error: 0x1771"],"accounts":null,"unitsConsumed":2500,
    "returnData":null}})");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("RPC error -32002"), absl::string_view::npos);
  auto rpc = GetRpcError(s);
  ASSERT_TRUE(rpc.has_value());
  EXPECT_EQ(rpc->code, kRpcPreflightFailure);
  auto pf = GetPreflightFailure(s);
  ASSERT_TRUE(pf.has_value());
  ASSERT_TRUE(pf->err.has_value());
  EXPECT_EQ(pf->err->custom_code, 6001u);
  ASSERT_EQ(pf->logs.size(), 2u);
  EXPECT_EQ(pf->logs[1], "Program X failed: custom program error: 0x1771");
  EXPECT_EQ(pf->units_consumed, 2500u);
  EXPECT_FALSE(GetNodeUnhealthy(s).has_value());
}

TEST(RpcError, PreflightBlockhashNotFound) {
  absl::Status s =
      FromJson(R"({"code":-32002,"message":"Transaction simulation failed: Blockhash not found",
    "data":{"err":"BlockhashNotFound","logs":[],"unitsConsumed":0}})");
  auto pf = GetPreflightFailure(s);
  ASSERT_TRUE(pf.has_value() && pf->err.has_value());
  EXPECT_EQ(pf->err->kind, TransactionErrorKind::kBlockhashNotFound);
}

TEST(RpcError, NodeUnhealthy) {
  absl::Status s = FromJson(
      R"({"code":-32005,"message":"Node is behind by 42 slots","data":{"numSlotsBehind":42}})");
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  auto nu = GetNodeUnhealthy(s);
  ASSERT_TRUE(nu.has_value());
  EXPECT_EQ(nu->num_slots_behind, 42u);
  auto unknown = GetNodeUnhealthy(
      FromJson(R"({"code":-32005,"message":"Node is unhealthy","data":{"numSlotsBehind":null}})"));
  ASSERT_TRUE(unknown.has_value());
  EXPECT_FALSE(unknown->num_slots_behind.has_value());
  EXPECT_FALSE(GetPreflightFailure(s).has_value());
}

TEST(RpcError, CodeMapping) {
  EXPECT_EQ(StatusCodeForRpcError(kRpcInvalidParams), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StatusCodeForRpcError(kRpcMethodNotFound), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(StatusCodeForRpcError(kRpcInternalError), absl::StatusCode::kUnavailable);
  EXPECT_EQ(StatusCodeForRpcError(kRpcMinContextSlotNotReached), absl::StatusCode::kUnavailable);
  EXPECT_EQ(StatusCodeForRpcError(kRpcTransactionHistoryNotAvailable), absl::StatusCode::kNotFound);
  EXPECT_EQ(StatusCodeForRpcError(-1), absl::StatusCode::kUnknown);
  absl::Status plain = FromJson(R"({"code":-32602,"message":"Too many inputs provided; max 100"})");
  EXPECT_EQ(plain.code(), absl::StatusCode::kInvalidArgument);
  auto rpc = GetRpcError(plain);
  ASSERT_TRUE(rpc.has_value());
  EXPECT_EQ(rpc->message, "Too many inputs provided; max 100");
  EXPECT_TRUE(rpc->data_json.empty());
  EXPECT_FALSE(GetRpcError(absl::UnavailableError("x")).has_value());
}

TEST(RpcError, RejectsBadErrorObjects) {
  for (const char* bad : {R"({"message":"x"})", R"({"code":"1","message":"x"})",
                          R"({"code":1.5,"message":"x"})", R"({"code":1,"message":7})", "[]"}) {
    rapidjson::Document doc;
    doc.Parse(bad);
    EXPECT_FALSE(ParseRpcError(doc).ok()) << bad;
  }
}

}  // namespace
}  // namespace solana
