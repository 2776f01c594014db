// Soak with faults (issue 8 item 3): a seeded random walk over manifests
// (runs created, paused and resumed, epoch rates and treasury targets changed,
// authorization groups added, grown, deactivated and reactivated) applied by
// the real CLI against its embedded localnet while faults fire: dropped
// replies and transactions, 429/503 bursts, held confirmations, blockhashes
// expiring mid-apply, SIGKILL at sender boundaries and at random moments
// (which also crash-restarts the in-process ledger). After every step:
//   * the apply finished (after at most a few re-runs) and `plan
//     --detailed-exitcode` exits 0: the chain equals the manifests;
//   * every treasury holds exactly its target: no top-up landed twice;
//   * every transaction the payer signed that landed was journaled first and
//     each of its instructions is one some plan of this step contained.
// PSYCHE_SOAK_SEED, PSYCHE_SOAK_STEPS and PSYCHE_SOAK_SECONDS scale it; a
// failure prints the seed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/psyche/treasurer.h"
#include "reconciler/cli_process_test_util.h"
#include "reconciler/localnet_transport_test_util.h"
#include "reconciler/make_plan.h"

namespace reconciler {
namespace {

using testing::CliRun;
using testing::RunCli;

const char kMint[] = "3u8bz2tzsofpxkWtGzCmZS9jbxioUYwTZKVyjbgwddk6";

uint64_t EnvU64(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  return std::strtoull(v, nullptr, 10);
}

struct SoakRun {
  std::string name;
  bool treasurer = false;
  bool paused = true;
  uint64_t earning = 0, slashing = 0, balance = 0;  // treasurer runs only
};

struct SoakGroup {
  std::string name;
  std::vector<int> grantees;  // indexes into the grantee pool
  bool active = true;
};

solana::Pubkey Grantee(int i) {
  std::array<uint8_t, 32> seed{};
  seed[0] = 0x5E;
  seed[1] = static_cast<uint8_t>(i);
  seed[2] = static_cast<uint8_t>(i >> 8);  // distinct beyond 256 joiners
  return solana::Keypair::FromSeed(solana::ByteView(seed.data(), seed.size()))->pubkey();
}

solana::Pubkey Vault(const std::string& run_id) {
  auto run = psyche::TreasurerRunAddress(psyche::DefaultTreasurerIndex(run_id));
  return psyche::TreasurerRunCollateralAddress(run->address,
                                               solana::Pubkey::FromBase58OrDie(kMint));
}

class Manifests {
 public:
  explicit Manifests(std::string dir) : dir_(std::move(dir)) {}

  void Write() const {
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
      if (e.path().extension() == ".yaml" && e.path().filename() != "cluster.yaml") {
        std::filesystem::remove(e.path());
      }
    }
    for (const SoakRun& r : runs) {
      std::ofstream f(dir_ + "/run-" + r.name + ".yaml");
      f << "apiVersion: psyche-reconcile/v1\nkind: Run\nmetadata:\n  name: " << r.name
        << "\nspec:\n  runId: " << r.name << "\n  authority: file:keys/owner.json\n";
      if (r.treasurer) f << "  treasurer:\n    collateralMint: " << kMint << "\n";
      f << "  config: config.toml\n  metadata:\n    name: " << r.name
        << "\n    description: soak\n  clientVersion: latest\n  paused: "
        << (r.paused ? "true" : "false") << "\n";
      if (r.treasurer) {
        f << "  epochRates:\n    earningRateTotalShared: " << r.earning
          << "\n    slashingRatePerClient: " << r.slashing
          << "\n  treasury:\n    balance: " << r.balance << "\n";
      }
    }
    for (const SoakGroup& g : groups) {
      std::ofstream f(dir_ + "/auth-" + g.name + ".yaml");
      f << "apiVersion: psyche-reconcile/v1\nkind: Authorization\nmetadata:\n  name: " << g.name
        << "\nspec:\n  grantor: file:keys/owner.json\n  active: " << (g.active ? "true" : "false")
        << "\n  grantees:\n";
      for (int i : g.grantees) f << "    - " << Grantee(i).ToBase58() << "\n";
    }
  }

  std::vector<SoakRun> runs;
  std::vector<SoakGroup> groups;
  int next_grantee = 0;

 private:
  std::string dir_;
};

// One random manifest change; returns what it did.
std::string Mutate(Manifests& m, std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  std::vector<SoakRun*> treasurer_runs;
  for (SoakRun& r : m.runs) {
    if (r.treasurer) treasurer_runs.push_back(&r);
  }
  switch (pick(7)) {
    case 0:
      if (m.runs.size() < 6) {
        SoakRun r;
        r.name = absl::StrCat("soak-", m.runs.size());
        r.treasurer = rng() % 2 == 0;
        r.paused = rng() % 2 == 0;
        r.earning = 1 + rng() % 1'000'000;
        r.slashing = rng() % 100'000;
        r.balance = rng() % 5'000'000;
        m.runs.push_back(r);
        return absl::StrCat("create run ", r.name, r.treasurer ? " (treasurer)" : "");
      }
      [[fallthrough]];
    case 1:
      if (!m.runs.empty()) {
        SoakRun& r = m.runs[pick(m.runs.size())];
        r.paused = !r.paused;
        return absl::StrCat(r.paused ? "pause " : "resume ", r.name);
      }
      break;
    case 2:
      if (!treasurer_runs.empty()) {
        SoakRun& r = *treasurer_runs[pick(treasurer_runs.size())];
        r.earning = 1 + rng() % 1'000'000;
        r.slashing = rng() % 100'000;
        return absl::StrCat("epoch rates of ", r.name);
      }
      break;
    case 3:
      if (!treasurer_runs.empty()) {
        SoakRun& r = *treasurer_runs[pick(treasurer_runs.size())];
        r.balance += 1 + rng() % 3'000'000;  // the treasury only grows
        return absl::StrCat("treasury of ", r.name, " to ", r.balance);
      }
      break;
    case 4:
      if (m.groups.size() < 6) {
        SoakGroup g;
        g.name = absl::StrCat("joiners-", m.groups.size());
        const int n = 1 + static_cast<int>(rng() % 4);
        for (int i = 0; i < n; ++i) g.grantees.push_back(m.next_grantee++);
        m.groups.push_back(g);
        return absl::StrCat("authorize ", n, " joiners (", g.name, ")");
      }
      [[fallthrough]];
    case 5:
      if (!m.groups.empty()) {
        SoakGroup& g = m.groups[pick(m.groups.size())];
        const int n = 1 + static_cast<int>(rng() % 3);
        for (int i = 0; i < n; ++i) g.grantees.push_back(m.next_grantee++);
        return absl::StrCat("add ", n, " joiners to ", g.name);
      }
      break;
    case 6:
      if (!m.groups.empty()) {
        SoakGroup& g = m.groups[pick(m.groups.size())];
        g.active = !g.active;
        return absl::StrCat(g.active ? "reactivate " : "deactivate ", g.name);
      }
      break;
  }
  return "";
}

struct Fault {
  std::string name;
  std::vector<std::string> env;
  std::optional<std::chrono::milliseconds> kill_after;
};

Fault RandomFault(std::mt19937_64& rng) {
  const int n = 1 + static_cast<int>(rng() % 4);
  const int tx = 1 + static_cast<int>(rng() % 2);  // packed applies send few transactions
  const std::vector<std::string> points = {"after-signed", "after-send", "before-confirmed"};
  const std::string point = points[rng() % points.size()];
  switch (rng() % 10) {
    case 0:
      return {"none", {}, std::nullopt};
    case 1:
      return {"dropped replies",
              {absl::StrCat(R"(PSYCHE_RECONCILE_TEST_FAULTS={"dropReplies":)", n, "}")},
              std::nullopt};
    case 2:
      return {"dropped transactions",
              {absl::StrCat(R"(PSYCHE_RECONCILE_TEST_FAULTS={"dropTransactions":)", n, "}")},
              std::nullopt};
    case 3:
      return {"429 burst",
              {absl::StrCat(R"(PSYCHE_RECONCILE_TEST_FAULTS={"http429":)", n,
                            R"(,"retryAfterSeconds":0})")},
              std::nullopt};
    case 4:
      return {"503 burst",
              {absl::StrCat(R"(PSYCHE_RECONCILE_TEST_FAULTS={"http503":)", n, "}")},
              std::nullopt};
    case 5:
      return {"held confirmations",
              {absl::StrCat(R"(PSYCHE_RECONCILE_TEST_FAULTS={"holdConfirmations":)", 5 * n, "}")},
              std::nullopt};
    case 6:
      return {"blockhash expiry mid-apply",
              {R"(PSYCHE_RECONCILE_TEST_FAULTS={"expireBlockhashes":true})",
               absl::StrCat("PSYCHE_RECONCILE_TEST_FAULTS_AT=after-signed:", tx)},
              std::nullopt};
    case 7:
      return {"late landing",
              {absl::StrCat(R"(PSYCHE_RECONCILE_TEST_FAULTS={"landDelayBlocks":)", 2 * n, "}")},
              std::nullopt};
    case 8:
      return {absl::StrCat("SIGKILL at ", point, ":", tx),
              {absl::StrCat("PSYCHE_RECONCILE_TEST_KILL_AT=", point, ":", tx)},
              std::nullopt};
    default:
      return {"SIGKILL at a random moment (ledger crash-restart)",
              {},
              std::chrono::milliseconds(50 + rng() % 1000)};
  }
}

struct PlannedInstructions {
  std::vector<solana::Instruction> instructions;
  std::set<solana::Pubkey> placeholders;
};

bool Matches(const solana::Instruction& planned, const solana::Instruction& landed,
             const std::set<solana::Pubkey>& placeholders) {
  if (planned.program_id != landed.program_id || planned.data != landed.data ||
      planned.accounts.size() != landed.accounts.size()) {
    return false;
  }
  for (size_t i = 0; i < planned.accounts.size(); ++i) {
    const auto& p = planned.accounts[i];
    const auto& l = landed.accounts[i];
    // Compiling may raise a flag (an account writable elsewhere in the
    // transaction) but never lower one.
    if ((p.is_signer && !l.is_signer) || (p.is_writable && !l.is_writable)) return false;
    if (p.pubkey != l.pubkey && !placeholders.contains(p.pubkey)) return false;
  }
  return true;
}

class Soak {
 public:
  Soak(uint64_t seed, std::string dir) : seed_(seed), rng_(seed), dir_(std::move(dir)), m_(dir_) {
    state_ = dir_ + "/.state";
    payer_ = solana::Keypair::ReadFile(dir_ + "/keys/payer.json")->pubkey();
  }

  void Violation(const std::string& what) {
    violations_.push_back(absl::StrCat("step ", step_, ": ", what));
    ADD_FAILURE() << "seed " << seed_ << " step " << step_ << ": " << what;
  }

  // The plan the CLI is about to make, computed here from the same chain.
  void RecordPlan() {
    auto view = testing::LedgerView::Open(state_);
    if (view == nullptr) return Violation("ledger did not open for planning");
    MakePlanOptions o;
    localnet::LocalValidator* v = &view->validator();
    o.transport =
        [v](const std::string&) -> absl::StatusOr<std::shared_ptr<solana::HttpTransport>> {
      return std::make_shared<testing::LocalValidatorTransport>(v);
    };
    auto plan = MakePlan({dir_}, o);
    if (!plan.ok()) return Violation(absl::StrCat("plan failed: ", plan.status().message()));
    // A placeholder (a coordinator account apply creates) is named by its
    // creating operation and by the later operations on that run.
    PlannedInstructions p;
    for (const OperationInstructions& oi : plan->build.instructions) {
      p.instructions.insert(p.instructions.end(), oi.instructions.begin(), oi.instructions.end());
      p.placeholders.insert(oi.placeholders.begin(), oi.placeholders.end());
    }
    planned_.push_back(std::move(p));
  }

  bool ApplyUnderFault(const Fault& fault) {
    for (int attempt = 0; attempt < 6; ++attempt) {
      RecordPlan();
      const bool faulty = attempt == 0;
      CliRun r = RunCli({"apply", "--auto-approve", "--no-color", "--state-dir", state_, dir_},
                        faulty ? fault.env : std::vector<std::string>{},
                        faulty ? fault.kill_after : std::nullopt);
      if (std::getenv("PSYCHE_SOAK_VERBOSE") != nullptr) std::cout << r.Describe();
      if (r.exit_code == 0) return true;
      if (r.killed()) {
        ++kills_;
        continue;
      }
      ++failed_applies_;
      // Expected stops: a fault beyond the client's retries, or a transaction
      // of the killed run landing after the re-plan read the chain.
      const bool explained =
          (faulty && fault.name != "none") || r.err.find("run apply again") != std::string::npos;
      if (!explained) {
        Violation(absl::StrCat("apply failed without a fault: ", r.Describe()));
        return false;
      }
    }
    Violation("apply did not finish in 6 runs");
    return false;
  }

  void CheckChain() {
    CliRun plan =
        RunCli({"plan", "--detailed-exitcode", "--no-color", "--state-dir", state_, dir_});
    if (plan.exit_code != 0) Violation(absl::StrCat("plan shows changes: ", plan.Describe()));
    auto view = testing::LedgerView::Open(state_);
    if (view == nullptr) return Violation("ledger did not open for checking");
    for (const SoakRun& r : m_.runs) {
      if (!r.treasurer) continue;
      const uint64_t have = view->TokenAmount(Vault(r.name)).value_or(0);
      if (have != r.balance) {
        Violation(absl::StrCat("treasury of ", r.name, " holds ", have, ", target ", r.balance,
                               have > r.balance ? " (a top-up landed twice)" : ""));
      }
    }
    const std::set<std::string> journaled = testing::JournaledSignatures(state_);
    for (const testing::LandedTx& tx : testing::LandedTransactions(view->ledger())) {
      if (!seen_.insert(tx.signature).second || tx.fee_payer != payer_) continue;
      ++landed_;
      if (!journaled.contains(tx.signature)) {
        Violation(absl::StrCat("landed transaction ", tx.signature, " was never journaled"));
      }
      for (const solana::Instruction& ix : tx.instructions) {
        if (testing::IsComputeBudget(ix)) continue;
        bool found = false;
        for (const PlannedInstructions& p : planned_) {
          for (const solana::Instruction& pi : p.instructions) {
            found = found || Matches(pi, ix, p.placeholders);
          }
        }
        if (!found) {
          Violation(absl::StrCat("landed transaction ", tx.signature, " has an instruction of ",
                                 ix.program_id.ToBase58(), " that no plan contained"));
        }
      }
    }
  }

  void Run(uint64_t steps, absl::Duration budget) {
    const absl::Time start = absl::Now();
    // The first run creates the ledger (seeded with the test mint).
    CliRun init = RunCli({"plan", "--no-color", "--state-dir", state_, dir_});
    ASSERT_EQ(init.exit_code, 0) << init.Describe();
    for (step_ = 1; step_ <= steps && absl::Now() - start < budget; ++step_) {
      std::vector<std::string> did;
      const int n = 1 + static_cast<int>(rng_() % 6);
      for (int i = 0; i < n; ++i) {
        std::string what = Mutate(m_, rng_);
        if (!what.empty()) did.push_back(what);
      }
      if (did.empty()) did.push_back(Mutate(m_, rng_));
      changes_ += did.size();
      m_.Write();
      const Fault fault = RandomFault(rng_);
      ++faults_[fault.name];
      std::cout << "soak step " << step_ << ": " << absl::StrJoin(did, "; ")
                << " | fault: " << fault.name << std::endl;
      planned_.clear();
      if (ApplyUnderFault(fault)) CheckChain();
      if (!violations_.empty()) break;  // the first violation is the useful one
    }
    if (violations_.empty()) --step_;  // the loop stepped past the last one
    std::cout << "SOAK seed=" << seed_ << " steps=" << step_ << " changes=" << changes_
              << " landed_transactions=" << landed_ << " kills=" << kills_
              << " failed_applies_retried=" << failed_applies_
              << " violations=" << violations_.size()
              << " seconds=" << absl::ToInt64Seconds(absl::Now() - start) << "\n";
    for (const auto& [name, count] : faults_)
      std::cout << "  fault " << name << ": " << count << "\n";
    for (const std::string& v : violations_) std::cout << "  VIOLATION " << v << "\n";
    if (!violations_.empty()) {
      std::cout << "reproduce: PSYCHE_SOAK_SEED=" << seed_ << " PSYCHE_SOAK_STEPS=" << step_
                << " reconciler_tests --gtest_filter='soak.*'\n";
    }
  }

 private:
  uint64_t seed_;
  std::mt19937_64 rng_;
  std::string dir_, state_;
  Manifests m_;
  solana::Pubkey payer_;
  uint64_t step_ = 0, changes_ = 0, landed_ = 0;
  int kills_ = 0, failed_applies_ = 0;
  std::map<std::string, int> faults_;
  std::vector<PlannedInstructions> planned_;
  std::set<std::string> seen_;
  std::vector<std::string> violations_;
};

TEST(soak, RandomManifestChangesUnderFaultsKeepTheInvariants) {
  const uint64_t seed =
      EnvU64("PSYCHE_SOAK_SEED", static_cast<uint64_t>(absl::ToUnixNanos(absl::Now())));
  const uint64_t steps = EnvU64("PSYCHE_SOAK_STEPS", 60);
  const uint64_t seconds = EnvU64("PSYCHE_SOAK_SECONDS", 90);
  const std::string dir = testing::CopyExample("treasurer-run", absl::StrCat("soak_", seed));
  std::filesystem::remove(dir + "/run.yaml");
  std::filesystem::remove(dir + "/authorization.yaml");
  SCOPED_TRACE(absl::StrCat("PSYCHE_SOAK_SEED=", seed));
  Soak(seed, dir).Run(steps, absl::Seconds(seconds));
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

}  // namespace
}  // namespace reconciler
