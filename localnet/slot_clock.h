// Drives a ledger's clock from a background thread: one block per interval.
#ifndef LOCALNET_SLOT_CLOCK_H_
#define LOCALNET_SLOT_CLOCK_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "absl/status/status.h"

namespace localnet {

class SlotClock {
 public:
  // `tick` runs every `interval` until Stop(); a failing tick is reported to
  // `on_error` and the clock keeps going.
  SlotClock(std::chrono::milliseconds interval, std::function<absl::Status()> tick,
            std::function<void(const absl::Status&)> on_error = nullptr);
  ~SlotClock();
  SlotClock(const SlotClock&) = delete;
  SlotClock& operator=(const SlotClock&) = delete;

  void Stop();

 private:
  void Run();

  std::chrono::milliseconds interval_;
  std::function<absl::Status()> tick_;
  std::function<void(const absl::Status&)> on_error_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace localnet

#endif  // LOCALNET_SLOT_CLOCK_H_
