#include "providers/solana/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "providers/solana/coding.h"

namespace solana {
namespace {

absl::Status GlobalInit() {
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    return absl::InternalError(absl::StrCat("curl_global_init: ", curl_easy_strerror(code)));
  }
  return absl::OkStatus();
}

// Per-request state the callbacks write into.
struct Sink {
  HttpResponse* response;
  size_t cap;
  bool overflow = false;
};

size_t OnBody(char* data, size_t size, size_t nmemb, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * nmemb;
  if (sink->response->body.size() + n > sink->cap) {
    sink->overflow = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  sink->response->body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t nmemb, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * nmemb;
  absl::string_view line(data, n);
  // A new status line starts a new header block (e.g. after a 100 Continue).
  if (absl::StartsWith(line, "HTTP/")) {
    sink->response->retry_after.reset();
    sink->response->content_type.clear();
    return n;
  }
  size_t colon = line.find(':');
  if (colon == absl::string_view::npos) return n;
  absl::string_view name = absl::StripAsciiWhitespace(line.substr(0, colon));
  absl::string_view value = absl::StripAsciiWhitespace(line.substr(colon + 1));
  if (absl::EqualsIgnoreCase(name, "Retry-After")) {
    sink->response->retry_after = std::string(value);
  } else if (absl::EqualsIgnoreCase(name, "Content-Type")) {
    sink->response->content_type = std::string(value);
  }
  return n;
}

long ToMillis(absl::Duration d) {
  return static_cast<long>(std::max<int64_t>(1, absl::ToInt64Milliseconds(d)));
}

}  // namespace

struct CurlTransport::Handle {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  ~Handle() {
    if (headers != nullptr) curl_slist_free_all(headers);
    if (easy != nullptr) curl_easy_cleanup(easy);
  }
};

CurlTransport::CurlTransport(CurlTransportOptions options, std::unique_ptr<Handle> handle)
    : options_(options), handle_(std::move(handle)) {}

CurlTransport::~CurlTransport() = default;

absl::StatusOr<std::unique_ptr<CurlTransport>> CurlTransport::Create(CurlTransportOptions options) {
  RETURN_IF_ERROR(GlobalInit());
  auto handle = std::make_unique<Handle>();
  handle->easy = curl_easy_init();
  if (handle->easy == nullptr) return absl::InternalError("curl_easy_init failed");
  for (const char* h : {"Content-Type: application/json", "Accept: application/json",
                        "Expect:"}) {  // "Expect:" disables 100-continue round trips
    curl_slist* next = curl_slist_append(handle->headers, h);
    if (next == nullptr) return absl::InternalError("curl_slist_append failed");
    handle->headers = next;
  }
  return std::make_unique<CurlTransport>(options, std::move(handle));
}

absl::StatusOr<HttpResponse> CurlTransport::Post(const std::string& url, const std::string& body,
                                                 absl::Duration timeout) {
  std::lock_guard<std::mutex> lock(mu_);
  CURL* easy = handle_->easy;
  HttpResponse response;
  Sink sink{&response, options_.max_response_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {0};

  // Options are re-set on every call; the connection cache survives this.
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);  // never replay a POST elsewhere
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, handle_->headers);
  curl_easy_setopt(easy, CURLOPT_POST, 1L);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, ToMillis(options_.connect_timeout));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, ToMillis(timeout));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(options_.max_response_bytes));
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // any encoding curl can decode
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);

  CURLcode code = curl_easy_perform(easy);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);  // buffer dies with this frame
  const std::string where = RedactUrl(url);
  if (sink.overflow || code == CURLE_FILESIZE_EXCEEDED) {
    return absl::ResourceExhaustedError(absl::StrCat("HTTP POST ", where, ": response exceeds ",
                                                     options_.max_response_bytes, " bytes"));
  }
  if (code != CURLE_OK) {
    // curl's detail names hosts and ports but not paths; drop it if it ever
    // contains more of the URL than the redacted form.
    std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    absl::string_view tail = url;
    size_t scheme = tail.find("://");
    if (scheme != absl::string_view::npos) tail.remove_prefix(scheme + 3);
    size_t path = tail.find_first_of("/?#@");
    if (path != absl::string_view::npos && tail.size() > path + 1 &&
        absl::StrContains(detail, tail.substr(path))) {
      detail = curl_easy_strerror(code);
    }
    std::string message = absl::StrCat("HTTP POST ", where, ": ", detail);
    switch (code) {
      case CURLE_OPERATION_TIMEDOUT:
        return absl::DeadlineExceededError(message);
      case CURLE_COULDNT_CONNECT:
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
        return MarkNeverSent(absl::UnavailableError(message));
      case CURLE_UNSUPPORTED_PROTOCOL:
      case CURLE_URL_MALFORMAT:
        return MarkNeverSent(absl::InvalidArgumentError(message));
      default:
        return absl::UnavailableError(message);
    }
  }
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace solana
