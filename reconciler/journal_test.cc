#include "reconciler/journal.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace reconciler {
namespace {

std::string FreshDir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/journal_" + name + "_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  return dir;
}

JournalRecord Signed(const std::string& step, const std::string& sig) {
  return {step, sig, "AQID", 150, TxState::kSigned, ""};
}

TEST(JournalTest, RecordsSurviveReopenInOrder) {
  std::string dir = FreshDir("reopen");
  {
    auto j = Journal::Open(dir, "apply1");
    ASSERT_TRUE(j.ok()) << j.status();
    ASSERT_TRUE((*j)->Append(Signed("s1", "sigA")).ok());
    ASSERT_TRUE((*j)->Append({"s1", "sigA", "", 150, TxState::kSent, ""}).ok());
    ASSERT_TRUE((*j)->Append({"s1", "sigA", "", 150, TxState::kConfirmed, "ok \"quoted\""}).ok());
  }
  auto j = Journal::Open(dir, "apply1");
  ASSERT_TRUE(j.ok()) << j.status();
  ASSERT_EQ((*j)->records().size(), 3u);
  EXPECT_EQ((*j)->records()[2].note, "ok \"quoted\"");
  EXPECT_FALSE((*j)->recovered_torn_tail());
  auto txs = (*j)->StepTransactions("s1");
  ASSERT_EQ(txs.size(), 1u);
  EXPECT_EQ(txs[0].state, TxState::kConfirmed);
  EXPECT_EQ(txs[0].signed_tx_base64, "AQID");
  EXPECT_EQ(txs[0].last_valid_block_height, 150u);
  EXPECT_TRUE((*j)->StepTransactions("s2").empty());
}

TEST(JournalTest, TornTailIsDroppedAndAppendsContinueCleanly) {
  std::string dir = FreshDir("torn");
  std::string path;
  {
    auto j = Journal::Open(dir, "a");
    ASSERT_TRUE(j.ok());
    ASSERT_TRUE((*j)->Append(Signed("s1", "sigA")).ok());
    path = (*j)->path();
  }
  std::string partial = EncodeJournalLine(Signed("s2", "sigB"));
  {
    std::ofstream f(path, std::ios::app | std::ios::binary);
    f << partial.substr(0, partial.size() / 2);
  }
  {
    auto j = Journal::Open(dir, "a");
    ASSERT_TRUE(j.ok()) << j.status();
    EXPECT_TRUE((*j)->recovered_torn_tail());
    ASSERT_EQ((*j)->records().size(), 1u);
    ASSERT_TRUE((*j)->Append(Signed("s3", "sigC")).ok());
  }
  auto j = Journal::Open(dir, "a");
  ASSERT_TRUE(j.ok()) << j.status();
  ASSERT_EQ((*j)->records().size(), 2u);
  EXPECT_EQ((*j)->records()[1].step_id, "s3");
}

TEST(JournalTest, DamageBeforeAnIntactRecordIsDataLoss) {
  std::string dir = FreshDir("damage");
  std::string path;
  {
    auto j = Journal::Open(dir, "a");
    ASSERT_TRUE(j.ok());
    ASSERT_TRUE((*j)->Append(Signed("s1", "sigA")).ok());
    ASSERT_TRUE((*j)->Append(Signed("s2", "sigB")).ok());
    path = (*j)->path();
  }
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(25);
  f.put('X');
  f.close();
  auto j = Journal::Open(dir, "a");
  EXPECT_EQ(j.status().code(), absl::StatusCode::kDataLoss) << j.status();
}

TEST(JournalTest, LineCodecRejectsTampering) {
  std::string line = EncodeJournalLine(Signed("s1", "sigA"));
  line.pop_back();  // newline
  ASSERT_TRUE(DecodeJournalLine(line).ok());
  EXPECT_EQ(*DecodeJournalLine(line), Signed("s1", "sigA"));
  std::string bad = line;
  bad[bad.size() - 3] = 'Z';
  EXPECT_FALSE(DecodeJournalLine(bad).ok());
  EXPECT_FALSE(DecodeJournalLine("").ok());
  EXPECT_FALSE(DecodeJournalLine("0123456789abcdef {}").ok());
}

TEST(JournalTest, RejectsUnsafeNames) {
  EXPECT_FALSE(Journal::PathFor("/tmp", "../x").ok());
  EXPECT_FALSE(Journal::PathFor("/tmp", "").ok());
  EXPECT_FALSE(Journal::PathFor("/tmp", "a/b").ok());
  EXPECT_TRUE(Journal::PathFor("/tmp", "plan-1.abc_2").ok());
}

}  // namespace
}  // namespace reconciler
