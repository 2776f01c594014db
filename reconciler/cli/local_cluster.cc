#include "reconciler/cli/local_cluster.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "localnet/in_process_transport.h"
#include "localnet/local_validator.h"
#include "providers/psyche/rent.h"
#include "providers/solana/coding.h"
#include "reconciler/manifest.h"

namespace cli {
namespace {

// Owns the validator so it lives as long as any RpcClient using it, and the
// lock that keeps a second process from writing the same ledger.
class EmbeddedLocalnet : public solana::HttpTransport {
 public:
  EmbeddedLocalnet(int lock_fd, std::unique_ptr<localnet::LocalValidator> v)
      : lock_fd_(lock_fd), validator_(std::move(v)), wire_(validator_.get()) {}
  ~EmbeddedLocalnet() override {
    validator_.reset();  // stop the clock and close the ledger before unlocking
    close(lock_fd_);
  }
  absl::StatusOr<solana::HttpResponse> Post(const std::string& url, const std::string& body,
                                            absl::Duration timeout) override {
    return wire_.Post(url, body, timeout);
  }

 private:
  int lock_fd_;
  std::unique_ptr<localnet::LocalValidator> validator_;
  localnet::InProcessTransport wire_;
};

// Only a ledger directory holding nothing but our lock file is new.
bool LedgerIsNew(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().filename() != "ledger.lock") return false;
  }
  return true;
}

absl::StatusOr<std::vector<localnet::SeedAccount>> ReadSeeds(const std::string& seed_dir) {
  std::vector<localnet::SeedAccount> seeds;
  std::error_code ec;
  if (seed_dir.empty() || !std::filesystem::is_directory(seed_dir, ec)) return seeds;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(seed_dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return absl::NotFoundError(absl::StrCat(f.string(), ": cannot be read"));
    auto seed = localnet::ParseAccountDumpJson(text.str());
    if (!seed.ok()) return absl::InvalidArgumentError(absl::StrCat(f.string(), ": ",
                                                                   seed.status().message()));
    std::cerr << "localnet: seeding " << seed->address.ToBase58() << " from " << f.string()
              << "\n";
    seeds.push_back(std::move(*seed));
  }
  return seeds;
}

absl::StatusOr<std::shared_ptr<solana::HttpTransport>> StartLocal(const std::string& state_dir,
                                                                  const std::string& seed_dir) {
  const std::filesystem::path dir = std::filesystem::path(state_dir) / "localnet";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot create the localnet state directory ", dir.string(), ": ",
                     ec.message()));
  }
  // The ledger's WAL has one writer: a second invocation on the same state
  // directory (plan while apply runs) is refused rather than interleaved.
  const std::string lock_path = (dir / "ledger.lock").string();
  const int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot open ", lock_path));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return absl::UnavailableError(absl::StrCat(
        "the local ledger in ", dir.string(),
        " is in use by another psyche-reconcile process; wait for it or use --state-dir"));
  }
  localnet::LocalValidatorOptions options;
  options.ledger.dir = dir.string();
  options.slot_interval = std::chrono::milliseconds(100);
  if (LedgerIsNew(dir)) {
    auto seeds = ReadSeeds(seed_dir);
    if (!seeds.ok()) {
      close(fd);
      return seeds.status();
    }
    options.seed_accounts = std::move(*seeds);
  }
  auto v = localnet::LocalValidator::Start(std::move(options));
  if (!v.ok()) {
    close(fd);
    return v.status();
  }
  return std::shared_ptr<solana::HttpTransport>(
      std::make_shared<EmbeddedLocalnet>(fd, std::move(*v)));
}

}  // namespace

std::string ResolveStateDir(const std::vector<std::string>& paths, const std::string& flag) {
  if (!flag.empty()) return flag;
  reconciler::LoadedManifests m = reconciler::LoadManifests(paths);
  std::filesystem::path base;
  if (!m.state.clusters.empty()) {
    base = std::filesystem::path(m.state.clusters[0].origin.file).parent_path();
  } else if (!paths.empty()) {
    std::filesystem::path p(paths[0]);
    base = std::filesystem::is_directory(p) ? p : p.parent_path();
  }
  if (base.empty()) base = ".";
  return (base / ".psyche-reconcile").string();
}

std::string ResolveLocalSeedDir(const std::vector<std::string>& paths) {
  reconciler::LoadedManifests m = reconciler::LoadManifests(paths);
  if (m.state.clusters.empty()) return "";
  return (std::filesystem::path(m.state.clusters[0].origin.file).parent_path() / "local-accounts")
      .string();
}

reconciler::TransportFactory CliTransportFactory(const std::string& state_dir,
                                                 const std::string& seed_dir) {
  auto cached = std::make_shared<std::shared_ptr<solana::HttpTransport>>();
  return [state_dir, seed_dir, cached](const std::string& url)
             -> absl::StatusOr<std::shared_ptr<solana::HttpTransport>> {
    if (url != "local") return reconciler::DefaultTransport(url);
    if (*cached == nullptr) {
      ASSIGN_OR_RETURN(*cached, StartLocal(state_dir, seed_dir));
    }
    return *cached;
  };
}

absl::Status FundLocalAccounts(solana::RpcClient& rpc,
                               const std::map<solana::Pubkey, uint64_t>& needs) {
  constexpr uint64_t kMarginLamports = 1'000'000'000;  // 1 SOL for later fees
  for (const auto& [key, need] : needs) {
    ASSIGN_OR_RETURN(auto balance, rpc.GetBalance(key, solana::Commitment::kConfirmed));
    // Enough for the debits while staying rent-exempt (apply checks the same).
    const uint64_t target = need + psyche::RentExemptMinimum(0);
    if (balance.value >= target) continue;
    const uint64_t amount = target - balance.value + kMarginLamports;
    std::cerr << "localnet: airdrop " << amount << " lamports to " << key.ToBase58()
              << " (balance " << balance.value << ", needs " << need << ")\n";
    ASSIGN_OR_RETURN(std::string sig,
                     rpc.RequestAirdrop(key, amount, solana::Commitment::kConfirmed));
    (void)sig;
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (true) {
      ASSIGN_OR_RETURN(auto now, rpc.GetBalance(key, solana::Commitment::kConfirmed));
      if (now.value >= target) break;
      if (absl::Now() > deadline) {
        return absl::DeadlineExceededError(
            absl::StrCat("localnet: airdrop to ", key.ToBase58(), " not confirmed in 30s"));
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
  }
  return absl::OkStatus();
}

}  // namespace cli
