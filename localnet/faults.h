// Injected transport and ledger faults (spec 10), set through the
// localnet_setFaults RPC method or daemon flags. Counters count down per call.
#ifndef LOCALNET_FAULTS_H_
#define LOCALNET_FAULTS_H_

#include <cstdint>
#include <mutex>
#include <optional>

namespace localnet {

struct FaultState {
  uint32_t drop_replies = 0;       // next N sendTransaction: land, then drop the HTTP reply
  uint32_t drop_transactions = 0;  // next N sendTransaction: answer the signature, never land
  uint32_t http_429 = 0;           // next N calls: HTTP 429
  std::optional<uint32_t> retry_after_seconds;  // Retry-After header of those 429s
  uint32_t http_503 = 0;                        // next N calls: HTTP 503
  uint32_t unhealthy = 0;                       // next N calls: -32005 node unhealthy
  uint32_t land_delay_blocks = 0;               // sendTransaction lands this many blocks later
};

enum class HttpFault { kNone, kTooManyRequests, kUnavailable };

class Faults {
 public:
  void Set(const FaultState& s);
  FaultState Get() const;
  void Clear() { Set(FaultState{}); }

  // Each Take* consumes one unit of its counter and reports whether it fired.
  HttpFault TakeHttpFault(std::optional<uint32_t>* retry_after);
  bool TakeUnhealthy();
  bool TakeDropReply();
  bool TakeDropTransaction();
  uint32_t land_delay_blocks() const;

 private:
  static bool Take(uint32_t* counter);
  mutable std::mutex mu_;
  FaultState s_;
};

}  // namespace localnet

#endif  // LOCALNET_FAULTS_H_
