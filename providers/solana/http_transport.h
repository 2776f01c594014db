// The seam between the JSON-RPC client and the network. The libcurl
// implementation (curl_transport.h) talks HTTP; an embedded test validator can
// implement Post() in-process without sockets.
#ifndef PROVIDERS_SOLANA_HTTP_TRANSPORT_H_
#define PROVIDERS_SOLANA_HTTP_TRANSPORT_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace solana {

struct HttpResponse {
  int status = 0;                          // HTTP status code
  std::optional<std::string> retry_after;  // raw Retry-After header, if any
  std::string content_type;                // may be empty
  std::string body;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // POSTs `body` as application/json. Any HTTP status is a successful
  // StatusOr; errors are transport failures: DeadlineExceeded on timeout,
  // Unavailable for connection problems (marked with MarkNeverSent when the
  // request certainly never left this process), ResourceExhausted when the
  // reply exceeds the size cap. Error messages name RedactUrl(url) only.
  virtual absl::StatusOr<HttpResponse> Post(const std::string& url, const std::string& body,
                                            absl::Duration timeout) = 0;
};

// scheme://host[:port] plus "/..." when the URL had a path or query: RPC
// providers put API keys in paths, queries and user-info, so only this form
// may appear in messages and logs.
std::string RedactUrl(absl::string_view url);

// A transport error for which the request provably never reached the server
// (connection refused, name not resolved). Lets sendTransaction tell "not
// sent" from "maybe sent".
absl::Status MarkNeverSent(absl::Status status);
bool IsNeverSent(const absl::Status& status);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_HTTP_TRANSPORT_H_
