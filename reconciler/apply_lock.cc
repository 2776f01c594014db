#include "reconciler/apply_lock.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "providers/solana/coding.h"

namespace reconciler {
namespace {

// A lock file without a readable owner younger than this may still be
// being written by its creator.
constexpr int64_t kUnreadableGraceSeconds = 10;

bool ProcessAlive(int64_t pid) {
  if (pid <= 0) return false;
  if (kill(static_cast<pid_t>(pid), 0) == 0) return true;
  return errno != ESRCH;  // EPERM: alive, owned by someone else
}

std::optional<std::string> ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Serializes stale-lock takeovers between processes (the lock itself cannot:
// it is exactly what is being replaced). Released when the fd closes.
class GuardFile {
 public:
  explicit GuardFile(const std::string& path) {
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0 && flock(fd_, LOCK_EX) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  ~GuardFile() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

absl::StatusOr<bool> TryCreate(const std::string& path, const std::string& content) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    return absl::InternalError(
        absl::StrCat("cannot create lock ", path, ": ", std::strerror(errno)));
  }
  bool ok = write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
            fsync(fd) == 0;
  close(fd);
  if (!ok) {
    unlink(path.c_str());
    return absl::InternalError(absl::StrCat("cannot write lock ", path));
  }
  return true;
}

std::string Describe(const LockOwner& o) {
  return absl::StrCat("pid ", o.pid, " on host ", o.host, " since unix time ", o.unix_time);
}

}  // namespace

std::string ThisHostName() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown-host";
  return buf;
}

std::optional<LockOwner> ParseLockOwner(absl::string_view content) {
  std::vector<absl::string_view> parts =
      absl::StrSplit(content, absl::ByAnyChar(" \n"), absl::SkipEmpty());
  LockOwner o;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &o.pid) ||
      !absl::SimpleAtoi(parts[2], &o.unix_time) || o.pid <= 0) {
    return std::nullopt;
  }
  o.host = std::string(parts[1]);
  return o;
}

absl::StatusOr<std::unique_ptr<ApplyLock>> ApplyLock::Acquire(const std::string& path,
                                                              std::string* message) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const std::string host = ThisHostName();
  const std::string content = absl::StrCat(getpid(), " ", host, " ", time(nullptr), "\n");
  ASSIGN_OR_RETURN(bool created, TryCreate(path, content));
  if (created) return std::make_unique<ApplyLock>(Token{}, path, content);

  GuardFile guard(path + ".guard");
  if (!guard.ok()) return absl::InternalError(absl::StrCat("cannot lock ", path, ".guard"));
  // Under the guard: look again, the holder may have gone or another
  // process may have taken over in between.
  ASSIGN_OR_RETURN(created, TryCreate(path, content));
  if (created) return std::make_unique<ApplyLock>(Token{}, path, content);
  std::optional<std::string> held = ReadAll(path);
  std::optional<LockOwner> owner = held ? ParseLockOwner(*held) : std::nullopt;
  std::string stale_note;
  if (owner.has_value()) {
    if (owner->host != host) {
      return absl::FailedPreconditionError(
          absl::StrCat("another apply holds ", path, " (", Describe(*owner),
                       "); it cannot be checked from this host: if it is gone, remove the file"));
    }
    if (ProcessAlive(owner->pid)) {
      return absl::FailedPreconditionError(
          absl::StrCat("another apply is running against this cluster: ", path, " is held by ",
                       Describe(*owner)));
    }
    stale_note = absl::StrCat("took over stale apply lock ", path, " left by ", Describe(*owner),
                              " (process no longer exists)");
  } else {
    struct stat st;
    if (stat(path.c_str(), &st) == 0 && time(nullptr) - st.st_mtime < kUnreadableGraceSeconds) {
      return absl::FailedPreconditionError(
          absl::StrCat("apply lock ", path, " is being created by another process"));
    }
    stale_note = absl::StrCat("took over unreadable stale apply lock ", path);
  }
  if (unlink(path.c_str()) != 0 && errno != ENOENT) {
    return absl::InternalError(
        absl::StrCat("cannot remove stale lock ", path, ": ", std::strerror(errno)));
  }
  ASSIGN_OR_RETURN(created, TryCreate(path, content));
  if (!created) {
    return absl::FailedPreconditionError(absl::StrCat("apply lock ", path, " was taken meanwhile"));
  }
  if (message != nullptr) *message = stale_note;
  return std::make_unique<ApplyLock>(Token{}, path, content);
}

ApplyLock::~ApplyLock() {
  std::optional<std::string> now = ReadAll(path_);
  if (now.has_value() && *now == content_) unlink(path_.c_str());
}

}  // namespace reconciler
