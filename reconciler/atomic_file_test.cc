#include "reconciler/atomic_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace reconciler {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AtomicFileTest, ReplacesTheWholeFileAndLeavesNoTemporary) {
  const std::string dir = ::testing::TempDir() + "/atomic_file_" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/plan.json";
  ASSERT_TRUE(WriteFileAtomically(path, "first, longer content\n").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "second\n").ok());
  EXPECT_EQ(Slurp(path), "second\n");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  std::filesystem::remove_all(dir);
}

TEST(AtomicFileTest, MissingDirectoryIsAnErrorNotACrash) {
  absl::Status s = WriteFileAtomically("/nonexistent-dir-for-test/plan.json", "x");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cannot write"), absl::string_view::npos) << s;
}

}  // namespace
}  // namespace reconciler
