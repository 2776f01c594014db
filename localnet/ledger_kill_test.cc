// Kill -9 durability: a child process confirms transfers and reports each one
// through a pipe; the parent SIGKILLs it mid-stream and reopens the ledger.
// Every transfer the child saw confirmed must be there, and nothing partial.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "localnet/ledger.h"
#include "localnet/test_util.h"

namespace localnet {
namespace {

using testing::BuildTx;
using testing::KeyOf;

constexpr uint64_t kUnit = 1'000'000;  // transfer i moves i * kUnit (above rent-exemption)

std::unique_ptr<Ledger> OpenLedger(const std::string& dir) {
  LedgerOptions o;
  o.dir = dir;
  auto l = Ledger::Open(o, ProgramRegistry::WithBuiltins());
  return l.ok() ? std::move(*l) : nullptr;
}

// Child: transfer i * kUnit for i = 1, 2, ...; after the block boundary that
// confirms transfer i (and fsyncs the WAL), write i to the pipe.
[[noreturn]] void ConfirmTransfersForever(const std::string& dir, int fd) {
  auto ledger = OpenLedger(dir);
  testing::Signer payer = testing::SpecSigner();
  if (!ledger || !ledger->Airdrop(payer.pubkey, 1'000'000'000'000).ok()) _exit(3);
  for (uint32_t i = 1;; ++i) {
    Bytes tx = BuildTx({&payer}, {testing::Transfer(payer.pubkey, KeyOf(7), i * kUnit)},
                       ledger->Block(Commitment::kProcessed).blockhash);
    auto o = ledger->Submit(tx, {});
    if (!o.ok() || !o->landed || o->err) _exit(4);
    if (!ledger->Tick(1).ok()) _exit(5);
    if (write(fd, &i, sizeof i) != sizeof i) _exit(6);
  }
}

TEST(LedgerKillTest, NoConfirmedTransferIsLostAcrossSigkill) {
  const std::string dir = ::testing::TempDir() + "/localnet_kill_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (uint32_t kill_after : {1u, 7u, 40u}) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      ConfirmTransfersForever(dir, fds[1]);
    }
    close(fds[1]);
    uint32_t confirmed = 0;
    while (confirmed < kill_after) {
      ASSERT_EQ(read(fds[0], &confirmed, sizeof confirmed), static_cast<ssize_t>(sizeof confirmed))
          << "child stopped early";
    }
    kill(child, SIGKILL);  // mid-stream: the child is already submitting the next one
    int status = 0;
    waitpid(child, &status, 0);
    close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status));

    auto ledger = OpenLedger(dir);
    ASSERT_NE(ledger, nullptr);
    auto acct = ledger->GetAccounts({KeyOf(7)})[0];
    ASSERT_TRUE(acct.has_value());
    // The balance is 1 + 2 + ... + m units for some m >= confirmed: every
    // confirmed transfer survived and none was half-applied.
    uint64_t m = 0, sum = 0;
    while (sum < acct->lamports / kUnit) sum += ++m;
    EXPECT_EQ(sum * kUnit, acct->lamports) << "not a whole number of transfers";
    EXPECT_GE(m, confirmed) << "a confirmed transfer was lost";
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace localnet
