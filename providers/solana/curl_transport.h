// HttpTransport over libcurl. One easy handle per transport, reused across
// calls so the TCP/TLS connection is kept alive; calls are serialized by a
// mutex (use one transport per thread for parallelism).
#ifndef PROVIDERS_SOLANA_CURL_TRANSPORT_H_
#define PROVIDERS_SOLANA_CURL_TRANSPORT_H_

#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "providers/solana/http_transport.h"

namespace solana {

struct CurlTransportOptions {
  absl::Duration connect_timeout = absl::Seconds(10);
  size_t max_response_bytes = size_t{64} << 20;  // 64 MiB
};

class CurlTransport : public HttpTransport {
 public:
  static absl::StatusOr<std::unique_ptr<CurlTransport>> Create(CurlTransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  absl::StatusOr<HttpResponse> Post(const std::string& url, const std::string& body,
                                    absl::Duration timeout) override;

  struct Handle;  // opaque libcurl state; only Create() can make one
  CurlTransport(CurlTransportOptions options, std::unique_ptr<Handle> handle);

 private:
  CurlTransportOptions options_;
  std::mutex mu_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace solana

#endif  // PROVIDERS_SOLANA_CURL_TRANSPORT_H_
