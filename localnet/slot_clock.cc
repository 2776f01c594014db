#include "localnet/slot_clock.h"

namespace localnet {

SlotClock::SlotClock(std::chrono::milliseconds interval, std::function<absl::Status()> tick,
                     std::function<void(const absl::Status&)> on_error)
    : interval_(interval),
      tick_(std::move(tick)),
      on_error_(std::move(on_error)),
      thread_([this] { Run(); }) {}

SlotClock::~SlotClock() { Stop(); }

void SlotClock::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SlotClock::Run() {
  auto next = std::chrono::steady_clock::now() + interval_;
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    if (cv_.wait_until(lock, next, [this] { return stop_; })) break;
    lock.unlock();
    absl::Status s = tick_();
    if (!s.ok() && on_error_) on_error_(s);
    lock.lock();
    next += interval_;
    auto now = std::chrono::steady_clock::now();
    if (next < now) next = now + interval_;  // do not burst after a stall
  }
}

}  // namespace localnet
