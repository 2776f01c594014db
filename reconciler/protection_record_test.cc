#include "reconciler/protection_record.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"
#include "reconciler/planner_fixtures_for_test.h"

namespace reconciler {
namespace {

class ProtectionRecordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::string(::testing::TempDir()) + "/protect_" + std::to_string(getpid());
    std::filesystem::remove_all(dir_);
    path_ = dir_ + "/state/" + kProtectionRecordFile;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_, path_;
};

TEST_F(ProtectionRecordTest, MissingFileIsEmptyAndWritesReadBack) {
  auto empty = ReadProtectionRecord(path_);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_TRUE(empty->empty());
  ProtectionRecord r = {{testing::Key(1), "run.a"}, {testing::Key(2), "authorization.b[x]"}};
  ASSERT_TRUE(WriteProtectionRecord(path_, r).ok());
  auto back = ReadProtectionRecord(path_);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, r);
}

TEST_F(ProtectionRecordTest, AMalformedLineIsAnError) {
  std::filesystem::create_directories(dir_ + "/state");
  std::ofstream(path_) << "# comment\nnot-a-key run.a\n";
  auto r = ReadProtectionRecord(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(":2:"), std::string::npos) << r.status();
}

TEST_F(ProtectionRecordTest, ManifestsAddAndRemoveOthersStay) {
  DesiredResources d = testing::OneRun(false, 2);
  d.runs[0].protect = true;
  d.authorizations[0].protect = false;
  d.authorizations[1].protect = true;
  const solana::Pubkey elsewhere = testing::Key(0x55);
  ProtectionRecord before = {{d.authorizations[0].pda, "old"}, {elsewhere, "run.gone"}};
  ProtectionRecord after = UpdateProtectionRecord(before, d);
  EXPECT_EQ(after.count(d.runs[0].instance), 1u);
  EXPECT_EQ(after.count(d.authorizations[0].pda), 0u);  // declared without protect
  EXPECT_EQ(after.count(d.authorizations[1].pda), 1u);
  EXPECT_EQ(after.at(elsewhere), "run.gone");  // its manifest is gone: still protected
}

}  // namespace
}  // namespace reconciler
