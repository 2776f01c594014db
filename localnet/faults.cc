#include "localnet/faults.h"

namespace localnet {

void Faults::Set(const FaultState& s) {
  std::lock_guard<std::mutex> lock(mu_);
  s_ = s;
}

FaultState Faults::Get() const {
  std::lock_guard<std::mutex> lock(mu_);
  return s_;
}

bool Faults::Take(uint32_t* counter) {
  if (*counter == 0) return false;
  --*counter;
  return true;
}

HttpFault Faults::TakeHttpFault(std::optional<uint32_t>* retry_after) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Take(&s_.http_429)) {
    *retry_after = s_.retry_after_seconds;
    return HttpFault::kTooManyRequests;
  }
  if (Take(&s_.http_503)) return HttpFault::kUnavailable;
  return HttpFault::kNone;
}

bool Faults::TakeUnhealthy() {
  std::lock_guard<std::mutex> lock(mu_);
  return Take(&s_.unhealthy);
}

bool Faults::TakeDropReply() {
  std::lock_guard<std::mutex> lock(mu_);
  return Take(&s_.drop_replies);
}

bool Faults::TakeDropTransaction() {
  std::lock_guard<std::mutex> lock(mu_);
  return Take(&s_.drop_transactions);
}

uint32_t Faults::land_delay_blocks() const {
  std::lock_guard<std::mutex> lock(mu_);
  return s_.land_delay_blocks;
}

}  // namespace localnet
