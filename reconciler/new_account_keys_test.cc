#include "reconciler/new_account_keys.h"

#include <sys/stat.h>

#include <filesystem>

#include "gtest/gtest.h"

namespace reconciler {
namespace {

std::string TempStateDir() {
  std::string dir = std::filesystem::temp_directory_path() /
                    ("new_account_keys_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

TEST(NewAccountKeys, SecondCallReturnsTheSavedKey) {
  const std::string dir = TempStateDir();
  auto first = LoadOrCreateNewAccountKey(dir, "coordinator-run-a");
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = LoadOrCreateNewAccountKey(dir, "coordinator-run-a");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(first->pubkey(), again->pubkey());
  auto other = LoadOrCreateNewAccountKey(dir, "coordinator-run-b");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(first->pubkey(), other->pubkey());

  struct stat st{};
  ASSERT_EQ(::stat(NewAccountKeyPath(dir, "coordinator-run-a").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  ASSERT_TRUE(ForgetNewAccountKey(dir, "coordinator-run-a").ok());
  auto fresh = LoadOrCreateNewAccountKey(dir, "coordinator-run-a");
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(fresh->pubkey(), first->pubkey());
  std::filesystem::remove_all(dir);
}

TEST(NewAccountKeys, RefusesLabelsThatAreNotPlainNames) {
  const std::string dir = TempStateDir();
  EXPECT_FALSE(LoadOrCreateNewAccountKey(dir, "../escape").ok());
  EXPECT_FALSE(LoadOrCreateNewAccountKey(dir, ".hidden").ok());
  EXPECT_FALSE(LoadOrCreateNewAccountKey(dir, "").ok());
  EXPECT_FALSE(std::filesystem::exists(dir + "/new-accounts"));
}

}  // namespace
}  // namespace reconciler
