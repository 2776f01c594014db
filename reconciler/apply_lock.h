// One apply at a time per cluster (and lock scope): a lock file created with
// O_CREAT|O_EXCL holding "pid host unix-time". A lock left by a dead process
// on this host is stale and is taken over (with a message); a live one, or one
// held from another host, is refused with who holds it.
#ifndef RECONCILER_APPLY_LOCK_H_
#define RECONCILER_APPLY_LOCK_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace reconciler {

struct LockOwner {
  int64_t pid = 0;
  std::string host;
  int64_t unix_time = 0;
};

class ApplyLock {
  struct Token {};

 public:
  // FailedPrecondition when another live apply holds `path`. `message`, when
  // given, receives a note about a stale lock that was taken over.
  static absl::StatusOr<std::unique_ptr<ApplyLock>> Acquire(const std::string& path,
                                                            std::string* message = nullptr);
  ~ApplyLock();  // removes the file while it still names this process
  ApplyLock(const ApplyLock&) = delete;
  ApplyLock& operator=(const ApplyLock&) = delete;

  const std::string& path() const { return path_; }

  ApplyLock(Token, std::string path, std::string content)
      : path_(std::move(path)), content_(std::move(content)) {}

 private:
  std::string path_;
  std::string content_;  // what this process wrote
};

// "pid host time" -> owner; nullopt when malformed.
std::optional<LockOwner> ParseLockOwner(absl::string_view content);
std::string ThisHostName();

}  // namespace reconciler

#endif  // RECONCILER_APPLY_LOCK_H_
