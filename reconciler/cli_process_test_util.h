// Test-only: runs the psyche-reconcile binary as a child process (so a test
// can SIGKILL it for real), copies examples into temp dirs, and opens the
// persisted embedded-localnet ledger of a state directory between runs to
// check the chain itself (balances, landed transactions, journals).
#ifndef RECONCILER_CLI_PROCESS_TEST_UTIL_H_
#define RECONCILER_CLI_PROCESS_TEST_UTIL_H_

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "localnet/local_validator.h"
#include "providers/solana/base64.h"
#include "providers/solana/coding.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/transaction.h"
#include "reconciler/journal.h"

extern char** environ;

namespace reconciler::testing {

// PSYCHE_RECONCILE_BIN, else the CMake layout: <dir of this test>/cli/psyche-reconcile.
inline std::string CliBinary() {
  if (const char* env = std::getenv("PSYCHE_RECONCILE_BIN"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (self.parent_path() / "cli" / "psyche-reconcile").string();
}

struct CliRun {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out, err;
  bool killed() const { return signal == SIGKILL; }
  std::string Describe() const {
    return absl::StrCat("exit ", exit_code, " signal ", signal, "\n--- stdout\n", out,
                        "--- stderr\n", err);
  }
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the CLI with `args`, extra `env` (NAME=value) and stdin from /dev/null.
// With `kill_after`, SIGKILLs the child once that much time passed.
inline CliRun RunCli(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                     std::optional<std::chrono::milliseconds> kill_after = std::nullopt) {
  static int counter = 0;
  const std::string base = absl::StrCat(::testing::TempDir(), "/cli_", getpid(), "_", counter++);
  const std::string out_path = base + ".out", err_path = base + ".err";
  std::vector<std::string> argv_s = {CliBinary()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string(*e).rfind("PSYCHE_RECONCILE_TEST_", 0) != 0) env_s.push_back(*e);
  }
  env_s.insert(env_s.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (std::string& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = -1;
  CliRun run;
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    run.err = absl::StrCat("posix_spawn ", argv_s[0], " failed: ", rc);
    return run;
  }
  int status = 0;
  if (kill_after.has_value()) {
    const auto deadline = std::chrono::steady_clock::now() + *kill_after;
    while (waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  } else {
    waitpid(pid, &status, 0);
  }
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  run.out = ReadFile(out_path);
  run.err = ReadFile(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return run;
}

// A copy of examples/<name> under a fresh temp dir, keys made private.
inline std::string CopyExample(const std::string& name, const std::string& tag) {
  const std::string dir = absl::StrCat(::testing::TempDir(), "/", tag, "_", getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string dest = dir + "/" + name;
  std::filesystem::copy(std::string(PSYCHE_SOURCE_DIR) + "/examples/" + name, dest,
                        std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(dest + "/.psyche-reconcile");
  for (const auto& e : std::filesystem::directory_iterator(dest + "/keys")) {
    std::filesystem::permissions(
        e.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  return dest;
}

// The ledger of `state_dir` opened in this process (no clock), holding the
// CLI's ledger lock so no CLI run can write it meanwhile.
class LedgerView {
 public:
  static std::unique_ptr<LedgerView> Open(const std::string& state_dir) {
    auto v = std::make_unique<LedgerView>();
    const std::string dir = state_dir + "/localnet";
    v->lock_fd_ = open((dir + "/ledger.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (v->lock_fd_ < 0 || flock(v->lock_fd_, LOCK_EX | LOCK_NB) != 0) return nullptr;
    localnet::LocalValidatorOptions o;
    o.ledger.dir = dir;
    o.slot_interval = std::chrono::milliseconds(0);
    auto validator = localnet::LocalValidator::Start(std::move(o));
    if (!validator.ok()) return nullptr;
    v->validator_ = std::move(*validator);
    return v;
  }
  LedgerView() = default;
  ~LedgerView() {
    validator_.reset();
    if (lock_fd_ >= 0) close(lock_fd_);
  }

  localnet::LocalValidator& validator() { return *validator_; }
  localnet::Ledger& ledger() { return validator_->ledger(); }

  std::optional<localnet::Account> AccountAt(const solana::Pubkey& key) {
    return ledger().GetAccounts({key})[0];
  }
  // An SPL token account's amount; nullopt when absent or too short.
  std::optional<uint64_t> TokenAmount(const solana::Pubkey& key) {
    auto a = AccountAt(key);
    if (!a.has_value() || a->data.size() < 72) return std::nullopt;
    return solana::DecodeFixedLE<uint64_t>(a->data.data() + 64);
  }

 private:
  int lock_fd_ = -1;
  std::unique_ptr<localnet::LocalValidator> validator_;
};

// A landed transaction decoded: fee payer, signature, instructions.
struct LandedTx {
  std::string signature;
  solana::Pubkey fee_payer;
  bool ok = false;
  std::vector<solana::Instruction> instructions;
};

inline std::vector<LandedTx> LandedTransactions(localnet::Ledger& ledger) {
  std::vector<LandedTx> out;
  for (const localnet::TxRecord& r : ledger.Transactions()) {
    auto tx = solana::Transaction::Parse(r.raw);
    if (!tx.ok() || tx->message.account_keys.empty()) continue;
    auto ixs = tx->message.Decompile();
    if (!ixs.ok()) continue;
    LandedTx l;
    l.signature = tx->Id();
    l.fee_payer = tx->message.account_keys[0];
    l.ok = !r.err.has_value();
    l.instructions = std::move(*ixs);
    out.push_back(std::move(l));
  }
  return out;
}

// Every signature any apply journal under `state_dir` recorded as signed.
inline std::set<std::string> JournaledSignatures(const std::string& state_dir) {
  std::set<std::string> sigs;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(state_dir, ec)) {
    // Live journals (*.journal) and those of finished applies (*.journal.done-*).
    if (e.path().filename().string().find(".journal") == std::string::npos) continue;
    std::istringstream lines(ReadFile(e.path().string()));
    for (std::string line; std::getline(lines, line);) {
      auto rec = reconciler::DecodeJournalLine(line);
      if (rec.ok() && rec->state == reconciler::TxState::kSigned) sigs.insert(rec->signature);
    }
  }
  return sigs;
}

// Records of every journal under `state_dir` (live or finished), file by file.
inline std::vector<reconciler::JournalRecord> JournalRecords(const std::string& state_dir) {
  std::vector<reconciler::JournalRecord> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(state_dir, ec)) {
    if (e.path().filename().string().find(".journal") == std::string::npos) continue;
    std::istringstream lines(ReadFile(e.path().string()));
    for (std::string line; std::getline(lines, line);) {
      auto rec = reconciler::DecodeJournalLine(line);
      if (rec.ok()) out.push_back(*rec);
    }
  }
  return out;
}

inline bool IsComputeBudget(const solana::Instruction& ix) {
  return ix.program_id == solana::program_ids::ComputeBudget();
}

}  // namespace reconciler::testing

#endif  // RECONCILER_CLI_PROCESS_TEST_UTIL_H_
