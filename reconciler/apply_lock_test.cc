#include "reconciler/apply_lock.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace reconciler {
namespace {

std::string FreshDir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/lock_" + name + "_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The pid of a child that has already exited and been reaped.
pid_t DeadPid() {
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  int status = 0;
  waitpid(pid, &status, 0);
  return pid;
}

TEST(ApplyLockTest, SecondAcquireIsRefusedWhileHeldAndAllowedAfterRelease) {
  std::string path = FreshDir("live") + "/cluster.lock";
  auto first = ApplyLock::Acquire(path);
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = ApplyLock::Acquire(path);
  ASSERT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find(absl::StrCat("pid ", getpid())), std::string::npos)
      << second.status();
  first->reset();
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(ApplyLock::Acquire(path).ok());
}

TEST(ApplyLockTest, StaleLockOfDeadProcessIsTakenOverWithAMessage) {
  std::string path = FreshDir("stale") + "/cluster.lock";
  pid_t dead = DeadPid();
  std::ofstream(path) << dead << " " << ThisHostName() << " 1700000000\n";
  std::string message;
  auto lock = ApplyLock::Acquire(path, &message);
  ASSERT_TRUE(lock.ok()) << lock.status();
  EXPECT_NE(message.find("stale"), std::string::npos) << message;
  EXPECT_NE(message.find(absl::StrCat("pid ", dead)), std::string::npos) << message;
  std::ifstream f(path);
  int64_t pid = 0;
  f >> pid;
  EXPECT_EQ(pid, getpid());
}

TEST(ApplyLockTest, LockFromAnotherHostIsRefused) {
  std::string path = FreshDir("host") + "/cluster.lock";
  std::ofstream(path) << DeadPid() << " some-other-host 1700000000\n";
  auto lock = ApplyLock::Acquire(path);
  ASSERT_EQ(lock.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(lock.status().message().find("some-other-host"), std::string::npos);
}

TEST(ApplyLockTest, FreshUnreadableLockIsRefused) {
  std::string path = FreshDir("empty") + "/cluster.lock";
  std::ofstream(path) << "";
  EXPECT_EQ(ApplyLock::Acquire(path).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ApplyLockTest, ParsesOwner) {
  auto o = ParseLockOwner("12 host-a 99\n");
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->pid, 12);
  EXPECT_EQ(o->host, "host-a");
  EXPECT_EQ(o->unix_time, 99);
  EXPECT_FALSE(ParseLockOwner("x host 1").has_value());
  EXPECT_FALSE(ParseLockOwner("12 host").has_value());
}

}  // namespace
}  // namespace reconciler
