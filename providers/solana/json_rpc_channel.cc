#include "providers/solana/json_rpc_channel.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "providers/solana/json_read.h"
#include "providers/solana/rpc_error.h"

namespace solana {
namespace {

constexpr absl::string_view kMaybeForwardedUrl = "type.psyche/solana.SendMaybeForwarded";

// The same status with `suffix` appended to its message, payloads kept.
absl::Status Annotate(const absl::Status& status, absl::string_view suffix) {
  absl::Status out(status.code(), absl::StrCat(status.message(), suffix));
  status.ForEachPayload(
      [&](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

// A short printable excerpt of a body for error messages.
std::string Describe(absl::string_view body) {
  absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(body);
  if (trimmed.empty()) return "empty body";
  std::string excerpt;
  for (char c : trimmed.substr(0, 100)) {
    excerpt.push_back(absl::ascii_isprint(static_cast<unsigned char>(c)) ? c : '?');
  }
  absl::string_view kind = trimmed[0] == '<' ? "an HTML/XML page" : "body";
  return absl::StrCat(kind, " starting \"", excerpt, trimmed.size() > 100 ? "...\"" : "\"");
}

bool TransientRpcCode(int64_t code) {
  return code == kRpcInternalError || code == kRpcMinContextSlotNotReached ||
         code == kRpcBlockNotAvailable || code == kRpcBlockStatusNotAvailableYet || code == 429;
}

absl::Status ValidateParams(const RpcRequest& request) {
  rapidjson::Document doc;
  doc.Parse(request.params_json.data(), request.params_json.size());
  if (doc.HasParseError() || !doc.IsArray()) {
    return absl::InvalidArgumentError(
        absl::StrCat(request.method, ": params must be a JSON array"));
  }
  return absl::OkStatus();
}

void WriteEnvelope(rapidjson::Writer<rapidjson::StringBuffer>& w, uint64_t id,
                   const RpcRequest& request) {
  w.StartObject();
  w.Key("jsonrpc");
  w.String("2.0");
  w.Key("id");
  w.Uint64(id);
  w.Key("method");
  w.String(request.method.data(), static_cast<rapidjson::SizeType>(request.method.size()));
  w.Key("params");
  w.RawValue(request.params_json.data(), request.params_json.size(), rapidjson::kArrayType);
  w.EndObject();
}

}  // namespace

absl::Status MarkMaybeForwarded(absl::Status status) {
  status.SetPayload(kMaybeForwardedUrl, absl::Cord("1"));
  return status;
}

bool SendMayHaveBeenForwarded(const absl::Status& status) {
  return !status.ok() && status.GetPayload(kMaybeForwardedUrl).has_value();
}

struct JsonRpcChannel::Attempt {
  absl::Status status;  // failure of the whole exchange
  std::vector<RpcReply> replies;
  bool retryable = false;
  bool maybe_delivered = true;
  std::optional<absl::Duration> retry_after;
};

namespace {
// Upper bound of one request's bytes in a batch body: params, method and the
// envelope ({"jsonrpc":"2.0","id":<u64>,"method":"","params":},).
size_t EnvelopeBytes(const RpcRequest& r) { return r.params_json.size() + r.method.size() + 64; }
}  // namespace

JsonRpcChannel::JsonRpcChannel(std::string url, std::shared_ptr<HttpTransport> transport,
                               ChannelOptions options)
    : url_(std::move(url)),
      redacted_url_(RedactUrl(url_)),
      transport_(std::move(transport)),
      options_(std::move(options)) {
  if (!options_.sleep) options_.sleep = [](absl::Duration d) { absl::SleepFor(d); };
  options_.max_batch_size = std::max<size_t>(1, options_.max_batch_size);
}

absl::StatusOr<std::vector<RpcReply>> JsonRpcChannel::Call(absl::Span<const RpcRequest> requests,
                                                           RetryMode mode) {
  for (const auto& r : requests) RETURN_IF_ERROR(ValidateParams(r));
  std::vector<RpcReply> replies;
  replies.reserve(requests.size());
  size_t i = 0;
  while (i < requests.size()) {
    // At least one request per POST; then as many as fit both limits.
    size_t n = 1;
    size_t bytes = EnvelopeBytes(requests[i]);
    while (i + n < requests.size() && n < options_.max_batch_size) {
      const size_t more = EnvelopeBytes(requests[i + n]);
      if (bytes + more > options_.max_batch_body_bytes) break;
      bytes += more;
      ++n;
    }
    ASSIGN_OR_RETURN(std::vector<RpcReply> part, CallGroup(requests.subspan(i, n), mode));
    for (auto& r : part) replies.push_back(std::move(r));
    i += n;
  }
  return replies;
}

absl::Duration JsonRpcChannel::Jitter(int retry, std::optional<absl::Duration> retry_after) {
  std::lock_guard<std::mutex> lock(gen_mu_);
  return NextDelay(options_.retry, retry, retry_after, gen_);
}

absl::StatusOr<std::vector<RpcReply>> JsonRpcChannel::CallGroup(absl::Span<const RpcRequest> group,
                                                                RetryMode mode) {
  // The body is built once: a retried sendTransaction carries identical bytes.
  const bool batch = group.size() > 1;
  std::vector<uint64_t> ids;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  if (batch) w.StartArray();
  for (const auto& request : group) {
    ids.push_back(next_id_.fetch_add(1));
    WriteEnvelope(w, ids.back(), request);
  }
  if (batch) w.EndArray();
  const std::string body(buffer.GetString(), buffer.GetSize());

  const absl::Time start = absl::Now();
  const RetryPolicy& policy = options_.retry;
  bool earlier_maybe_delivered = false;
  int attempts = 0;
  Attempt last;
  for (;;) {
    ++attempts;
    absl::Duration timeout = options_.request_timeout;
    absl::Duration remaining = policy.max_total - (absl::Now() - start);
    timeout = std::max(absl::Milliseconds(1), std::min(timeout, remaining));
    last = TryOnce(body, ids, group, timeout);
    // Sends retry only whole-exchange failures; a JSON-RPC error is an answer.
    bool retry = last.retryable && mode != RetryMode::kNever &&
                 (mode == RetryMode::kIdempotent || !last.status.ok());
    if (!retry || attempts >= policy.max_attempts) break;
    absl::Duration delay = Jitter(attempts - 1, last.retry_after);
    if (absl::Now() - start + delay >= policy.max_total) break;
    earlier_maybe_delivered |= last.maybe_delivered;
    options_.sleep(delay);
  }
  const std::string suffix = attempts > 1 ? absl::StrCat(" (after ", attempts, " attempts)") : "";
  if (!last.status.ok()) {
    absl::Status s = Annotate(last.status, suffix);
    if (mode == RetryMode::kSameBytes && (earlier_maybe_delivered || last.maybe_delivered)) {
      s = MarkMaybeForwarded(std::move(s));
    }
    return s;
  }
  for (auto& reply : last.replies) {
    if (reply.status.ok()) continue;
    reply.status = Annotate(reply.status, suffix);
    if (mode == RetryMode::kSameBytes && earlier_maybe_delivered) {
      reply.status = MarkMaybeForwarded(std::move(reply.status));
    }
  }
  return std::move(last.replies);
}

JsonRpcChannel::Attempt JsonRpcChannel::TryOnce(const std::string& body,
                                                const std::vector<uint64_t>& ids,
                                                absl::Span<const RpcRequest> group,
                                                absl::Duration timeout) {
  Attempt a;
  const bool batch = group.size() > 1;
  const std::string where = absl::StrCat(batch ? "batch" : group[0].method, " @ ", redacted_url_);
  auto http = transport_->Post(url_, body, timeout);
  if (!http.ok()) {
    a.status = http.status();
    a.maybe_delivered = !IsNeverSent(a.status);
    a.retryable = a.status.code() == absl::StatusCode::kUnavailable ||
                  a.status.code() == absl::StatusCode::kDeadlineExceeded;
    return a;
  }
  const HttpResponse& response = *http;
  if (response.status == 429 || response.status >= 500) {
    a.retryable = true;
    if (response.retry_after.has_value()) a.retry_after = ParseRetryAfter(*response.retry_after);
    std::string message = absl::StrCat(where, ": HTTP ", response.status,
                                       response.status == 429 ? " (rate limited)" : "", ": ",
                                       Describe(response.body));
    a.status = response.status == 429 ? absl::ResourceExhaustedError(message)
                                      : absl::UnavailableError(message);
    return a;
  }

  if (json::JsonNestingDepth(response.body) > json::kMaxJsonDepth) {
    a.status = absl::InvalidArgumentError(absl::StrCat(
        where, ": malformed RPC response: JSON nested deeper than ", json::kMaxJsonDepth));
    return a;
  }
  auto doc = std::make_shared<rapidjson::Document>();
  doc->Parse<rapidjson::kParseIterativeFlag>(response.body.data(), response.body.size());
  if (response.status != 200) {
    // Some gateways explain a 4xx with a JSON-RPC error object; prefer it.
    if (!doc->HasParseError() && doc->IsObject() && doc->HasMember("error")) {
      if (auto e = ParseRpcError((*doc)["error"]); e.ok()) {
        a.status = RpcErrorToStatus(*e, absl::StrCat(where, " (HTTP ", response.status, ")"));
        return a;
      }
    }
    absl::StatusCode code = absl::StatusCode::kUnknown;
    if (response.status == 401 || response.status == 403) {
      code = absl::StatusCode::kPermissionDenied;
    } else if (response.status == 404) {
      code = absl::StatusCode::kNotFound;
    } else if (response.status == 413) {
      code = absl::StatusCode::kInvalidArgument;
    }
    a.status = absl::Status(
        code, absl::StrCat(where, ": HTTP ", response.status, ": ", Describe(response.body)));
    return a;
  }
  if (doc->HasParseError()) {
    a.status = absl::InvalidArgumentError(
        absl::StrCat(where, ": malformed RPC response: not JSON (",
                     rapidjson::GetParseError_En(doc->GetParseError()), " at offset ",
                     doc->GetErrorOffset(), "); ", Describe(response.body)));
    return a;
  }

  auto fail = [&](const absl::Status& s) {
    a.status = absl::InvalidArgumentError(absl::StrCat(where, ": ", s.message()));
    a.replies.clear();
    return a;
  };
  // A batch answered by one error object (parse error, provider rate limit).
  if (batch && doc->IsObject()) {
    auto error = json::Member(*doc, "", "error");
    if (!error.ok()) return fail(json::Malformed("", "expected an array of replies to a batch"));
    auto e = ParseRpcError(**error);
    if (!e.ok()) return fail(e.status());
    a.status = RpcErrorToStatus(*e, where);
    a.retryable = TransientRpcCode(e->code);
    return a;
  }
  if (batch && !doc->IsArray()) return fail(json::ExpectArray(*doc, ""));
  if (!batch && !doc->IsObject()) return fail(json::ExpectObject(*doc, ""));

  std::unordered_map<uint64_t, size_t> index;
  for (size_t i = 0; i < ids.size(); ++i) index[ids[i]] = i;
  a.replies.resize(group.size());
  std::vector<bool> seen(group.size(), false);
  const size_t n = batch ? doc->Size() : 1;
  for (size_t k = 0; k < n; ++k) {
    const json::Value& entry = batch ? (*doc)[static_cast<rapidjson::SizeType>(k)] : *doc;
    const std::string path = batch ? json::Path("", k) : "";
    if (auto s = json::ExpectObject(entry, path); !s.ok()) return fail(s);
    auto error = json::OptionalMember(entry, path, "error");
    auto id_value = json::Member(entry, path, "id");
    if (!id_value.ok()) return fail(id_value.status());
    size_t slot = 0;
    if (!batch && (*id_value)->IsNull() && *error != nullptr) {
      slot = 0;  // a request the server could not parse has no id
    } else {
      auto id = json::U64(**id_value, json::Path(path, "id"));
      if (!id.ok()) return fail(id.status());
      auto it = index.find(*id);
      if (it == index.end()) {
        return fail(json::Malformed(json::Path(path, "id"), absl::StrCat("unexpected id ", *id)));
      }
      slot = it->second;
    }
    if (seen[slot]) {
      return fail(json::Malformed(json::Path(path, "id"), "duplicate reply for one request"));
    }
    seen[slot] = true;
    RpcReply& reply = a.replies[slot];
    reply.doc = doc;
    const std::string context = absl::StrCat(group[slot].method, " @ ", redacted_url_);
    if (*error != nullptr) {
      auto e = ParseRpcError(**error);
      if (!e.ok()) return fail(e.status());
      reply.status = RpcErrorToStatus(*e, context);
      if (TransientRpcCode(e->code)) a.retryable = true;
      continue;
    }
    auto result = json::Member(entry, path, "result");
    if (!result.ok()) return fail(result.status());
    reply.result = *result;
  }
  for (size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) {
      return fail(json::Malformed("", absl::StrCat("no reply for request id ", ids[i])));
    }
  }
  return a;
}

}  // namespace solana
