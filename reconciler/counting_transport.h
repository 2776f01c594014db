// An HttpTransport wrapper that counts what goes over the wire: POSTs and the
// JSON-RPC requests inside them (a batch POST carries several). The planner
// reports these figures and the tests bound them.
#ifndef RECONCILER_COUNTING_TRANSPORT_H_
#define RECONCILER_COUNTING_TRANSPORT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "providers/solana/http_transport.h"

namespace reconciler {

class CountingTransport : public solana::HttpTransport {
 public:
  explicit CountingTransport(std::shared_ptr<solana::HttpTransport> inner)
      : inner_(std::move(inner)) {}

  absl::StatusOr<solana::HttpResponse> Post(const std::string& url, const std::string& body,
                                            absl::Duration timeout) override;

  uint64_t posts() const { return posts_.load(); }
  uint64_t requests() const { return requests_.load(); }

 private:
  std::shared_ptr<solana::HttpTransport> inner_;
  std::atomic<uint64_t> posts_{0};
  std::atomic<uint64_t> requests_{0};
};

}  // namespace reconciler

#endif  // RECONCILER_COUNTING_TRANSPORT_H_
