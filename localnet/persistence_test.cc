#include "localnet/persistence.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "localnet/ledger.h"
#include "localnet/test_util.h"

namespace localnet {
namespace {

using testing::BuildTx;
using testing::KeyOf;

std::string TempDir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/localnet_" + name + "_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void AppendRaw(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::app);
  f << bytes;
}

TEST(WalTest, RoundTripAndTornTail) {
  std::string path = TempDir("wal") + "/wal.log";
  {
    auto wal = WriteAheadLog::Open(path);
    ASSERT_TRUE(wal.ok());
    ASSERT_TRUE((*wal)->Append(1, Bytes{1, 2, 3}).ok());
    ASSERT_TRUE((*wal)->Append(2, Bytes{}).ok());
    ASSERT_TRUE((*wal)->Sync().ok());
  }
  auto full = ReadWriteAheadLog(path, false);
  ASSERT_TRUE(full.ok());
  ASSERT_EQ(full->records.size(), 2u);
  EXPECT_EQ(full->records[0].payload, (Bytes{1, 2, 3}));
  EXPECT_EQ(full->records[1].type, 2);
  EXPECT_FALSE(full->torn_tail);
  uint64_t good = full->valid_bytes;

  // A half-written record (length says 100, only 5 bytes follow).
  AppendRaw(path, std::string("\x64\x00\x00\x00\x01\x02\x03\x04\x05", 9));
  auto torn = ReadWriteAheadLog(path, /*truncate=*/true);
  ASSERT_TRUE(torn.ok());
  EXPECT_EQ(torn->records.size(), 2u);
  EXPECT_TRUE(torn->torn_tail);
  EXPECT_EQ(std::filesystem::file_size(path), good);

  // A complete record with a bad checksum also ends the log.
  AppendRaw(path, std::string("\x02\x00\x00\x00\xde\xad\xbe\xef\x01\x09", 10));
  torn = ReadWriteAheadLog(path, true);
  ASSERT_TRUE(torn.ok());
  EXPECT_EQ(torn->records.size(), 2u);
  EXPECT_TRUE(torn->torn_tail);
}

TEST(WalTest, Crc32KnownValue) {
  std::string s = "123456789";
  EXPECT_EQ(Crc32(ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size())), 0xCBF43926u);
}

TEST(AtomicWriteTest, ReplacesWholeFile) {
  std::string path = TempDir("atomic") + "/f";
  ASSERT_TRUE(WriteFileAtomically(path, Bytes{1, 2, 3}).ok());
  ASSERT_TRUE(WriteFileAtomically(path, Bytes{4}).ok());
  EXPECT_EQ(*ReadWholeFile(path), (Bytes{4}));
  EXPECT_FALSE(FileExists(path + ".tmp"));
}

class DurableLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    payer = testing::SpecSigner();
  }
  std::unique_ptr<Ledger> Open(uint64_t snapshot_every = 0) {
    LedgerOptions o;
    o.dir = dir;
    o.snapshot_every = snapshot_every;
    auto l = Ledger::Open(o, ProgramRegistry::WithBuiltins());
    EXPECT_TRUE(l.ok()) << l.status();
    return l.ok() ? std::move(*l) : nullptr;
  }
  Signature SendTransfer(Ledger* l, const Pubkey& to, uint64_t lamports) {
    Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, to, lamports)},
                       l->Block(Commitment::kProcessed).blockhash);
    SubmitOptions so;
    auto o = l->Submit(tx, so);
    EXPECT_TRUE(o.ok() && o->landed && !o->err) << (o.ok() && o->err ? o->err->Json() : "");
    return o.ok() ? o->signature : Signature{};
  }
  std::string dir;
  testing::Signer payer;
};

// "Crash" = destroy the Ledger without a checkpoint: only the WAL remains.
TEST_F(DurableLedgerTest, ConfirmedTransactionsSurviveACrash) {
  Signature sig;
  solana::Hash genesis;
  Bytes tx;
  {
    auto l = Open();
    genesis = l->genesis_hash();
    ASSERT_TRUE(l->Airdrop(payer.pubkey, 5'000'000'000).ok());
    tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(1), 1'000'000)},
                 l->Block(Commitment::kProcessed).blockhash);
    auto o = l->Submit(tx, {});
    ASSERT_TRUE(o.ok() && o->landed && !o->err);
    sig = o->signature;
    ASSERT_TRUE(l->Tick(1).ok());  // the block boundary fsyncs the WAL
  }
  auto l = Open();
  EXPECT_EQ(l->genesis_hash(), genesis);
  EXPECT_EQ(l->GetAccounts({KeyOf(1)})[0]->lamports, 1'000'000u);
  auto st = l->SignatureStatuses({sig})[0];
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->level, Commitment::kConfirmed);
  auto rec = l->GetTransaction(sig, Commitment::kConfirmed);
  ASSERT_TRUE(rec.has_value());
  EXPECT_FALSE(rec->logs.empty());
  // Replaying the same bytes after the restart is still AlreadyProcessed.
  auto again = l->Submit(tx, {});
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(again->err.has_value());
  EXPECT_EQ(again->err->kind, TransactionErrorKind::kAlreadyProcessed);
}

TEST_F(DurableLedgerTest, TornLastRecordIsIgnored) {
  Signature first;
  {
    auto l = Open();
    ASSERT_TRUE(l->Airdrop(payer.pubkey, 5'000'000'000).ok());
    first = SendTransfer(l.get(), KeyOf(1), 1'000'000);
    ASSERT_TRUE(l->Tick(1).ok());
  }
  // Simulate a kill -9 in the middle of the next record's write.
  std::string wal;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().rfind("wal-", 0) == 0) wal = e.path().string();
  }
  ASSERT_FALSE(wal.empty());
  uint64_t size = std::filesystem::file_size(wal);
  AppendRaw(wal, std::string("\xff\x00\x00\x00\x12\x34", 6));
  auto l = Open();
  ASSERT_NE(l, nullptr);
  EXPECT_TRUE(l->recovered_torn_tail());
  EXPECT_EQ(std::filesystem::file_size(wal), size);
  EXPECT_TRUE(l->SignatureStatuses({first})[0].has_value());
  // The ledger keeps working after recovery.
  SendTransfer(l.get(), KeyOf(1), 5);
  EXPECT_EQ(l->GetAccounts({KeyOf(1)})[0]->lamports, 1'000'005u);
}

TEST_F(DurableLedgerTest, SnapshotPlusWal) {
  Signature before, after;
  uint64_t slot;
  {
    auto l = Open();
    ASSERT_TRUE(l->Airdrop(payer.pubkey, 5'000'000'000).ok());
    before = SendTransfer(l.get(), KeyOf(1), 1'000'000);
    ASSERT_TRUE(l->Checkpoint().ok());
    after = SendTransfer(l.get(), KeyOf(1), 7);
    ASSERT_TRUE(l->Tick(2).ok());
    slot = l->Slot(Commitment::kProcessed);
  }
  EXPECT_TRUE(FileExists(dir + "/snapshot"));
  auto l = Open();
  EXPECT_EQ(l->Slot(Commitment::kProcessed), slot);
  EXPECT_EQ(l->GetAccounts({KeyOf(1)})[0]->lamports, 1'000'007u);
  EXPECT_TRUE(l->SignatureStatuses({before})[0].has_value());
  EXPECT_TRUE(l->SignatureStatuses({after})[0].has_value());
}

TEST_F(DurableLedgerTest, AutomaticSnapshotsRotateTheWal) {
  {
    auto l = Open(/*snapshot_every=*/5);
    ASSERT_TRUE(l->Airdrop(payer.pubkey, 5'000'000'000).ok());
    for (int i = 0; i < 12; ++i) {
      SendTransfer(l.get(), KeyOf(1), 1'000'000);
      ASSERT_TRUE(l->Tick(1).ok());
    }
  }
  int wal_files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().rfind("wal-", 0) == 0) ++wal_files;
  }
  EXPECT_LE(wal_files, 1);
  auto l = Open(5);
  EXPECT_EQ(l->GetAccounts({KeyOf(1)})[0]->lamports, 12'000'000u);
}

TEST(SeedTest, ParsesAccountDumpJson) {
  auto s = ParseAccountDumpJson(
      R"({"pubkey":"9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj","account":{"lamports":1461600,)"
      R"("data":["AQID","base64"],"owner":"TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",)"
      R"("executable":false,"rentEpoch":18446744073709551615,"space":3}})");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->address.ToBase58(), "9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj");
  EXPECT_EQ(s->account.lamports, 1461600u);
  EXPECT_EQ(s->account.data, (Bytes{1, 2, 3}));
  EXPECT_FALSE(ParseAccountDumpJson("{}").ok());
  EXPECT_FALSE(ParseAccountDumpJson("not json").ok());
  EXPECT_FALSE(ParseAccountDumpJson(
                   R"({"pubkey":"x","account":{"lamports":1,"data":["","base64"],"owner":"x"}})")
                   .ok());
}

TEST(SeedTest, RawDumpAtAddress) {
  std::string path = TempDir("raw") + "/dump.bin";
  AppendRaw(path, std::string(10, '\x05'));
  auto s = ReadRawAccountDump(path, KeyOf(3), KeyOf(4), 0, false);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->account.data.size(), 10u);
  EXPECT_EQ(s->account.lamports, RentExemptMinimum(10));
  EXPECT_EQ(s->account.owner, KeyOf(4));
}

}  // namespace
}  // namespace localnet
