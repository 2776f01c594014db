// Test-only: manifests in a temp directory planned and applied against an
// in-process localnet, the way the CLI's plan and apply do it (MakePlan, then
// PlanSteps + RunApply), plus a digest of every program-owned account so a
// test can show that a refused plan changed nothing.
#ifndef RECONCILER_PRUNE_TEST_UTIL_H_
#define RECONCILER_PRUNE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "localnet/local_validator.h"
#include "localnet/persistence.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/solana/program_ids.h"
#include "reconciler/apply_engine.h"
#include "reconciler/localnet_transport_test_util.h"
#include "reconciler/make_plan.h"
#include "reconciler/plan_steps.h"

namespace reconciler::testing {

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

class LocalnetManifests : public ::testing::Test {
 protected:
  // Copies examples/<example> (manifests, keys, config) into a fresh
  // directory and starts a localnet seeded with its local-accounts dumps.
  void StartFrom(const std::string& example) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = absl::StrCat(info->test_suite_name(), "_", info->name(), "_", getpid());
    for (char& c : name) {
      if (c == '/') c = '_';  // parameterized tests
    }
    root_ = absl::StrCat(::testing::TempDir(), "/prune_", name);
    std::filesystem::remove_all(root_);
    dir_ = root_ + "/m";
    std::filesystem::create_directories(root_);
    const std::string src = std::string(PSYCHE_SOURCE_DIR) + "/examples/" + example;
    std::filesystem::copy(src, dir_, std::filesystem::copy_options::recursive);
    for (const auto& e : std::filesystem::directory_iterator(dir_ + "/keys")) {
      std::filesystem::permissions(e.path(), std::filesystem::perms::owner_read |
                                                 std::filesystem::perms::owner_write);
    }
    localnet::LocalValidatorOptions o;
    o.slot_interval = std::chrono::milliseconds(0);
    const std::string seeds = dir_ + "/local-accounts";
    if (std::filesystem::exists(seeds)) {
      for (const auto& e : std::filesystem::directory_iterator(seeds)) {
        auto seed = localnet::ParseAccountDumpJson(ReadText(e.path().string()));
        ASSERT_TRUE(seed.ok()) << seed.status();
        o.seed_accounts.push_back(*seed);
      }
      std::filesystem::remove_all(seeds);  // not manifests; keep the directory clean
    }
    auto v = localnet::LocalValidator::Start(o);
    ASSERT_TRUE(v.ok()) << v.status();
    validator_ = std::move(*v);
    transport_ = std::make_shared<LocalValidatorTransport>(validator_.get());
    solana::ChannelOptions channel;
    channel.sleep = [](absl::Duration) {};
    rpc_ = std::make_unique<solana::RpcClient>("http://local", transport_, channel);
    for (const auto& e : std::filesystem::directory_iterator(dir_ + "/keys")) {
      auto kp = solana::Keypair::FromJson(ReadText(e.path().string()), e.path().string());
      ASSERT_TRUE(kp.ok()) << kp.status();
      keys_.emplace(e.path().stem().string(), std::move(*kp));
    }
    localnet::Account payer;
    payer.lamports = 1'000'000'000'000;
    payer.owner = solana::program_ids::System();
    ASSERT_TRUE(ledger().SetAccount(Key("payer"), payer).ok());
  }

  void TearDown() override {
    validator_.reset();
    std::filesystem::remove_all(root_);
  }

  localnet::Ledger& ledger() { return validator_->ledger(); }
  solana::Pubkey Key(const std::string& name) const { return keys_.at(name).pubkey(); }
  std::string File(const std::string& name) const { return dir_ + "/" + name; }

  MakePlanOptions Options(PruneMode mode = PruneMode::kOff,
                          std::optional<uint64_t> max_destroy = std::nullopt) {
    MakePlanOptions o;
    auto t = transport_;
    o.transport = [t](const std::string&) -> absl::StatusOr<std::shared_ptr<solana::HttpTransport>> {
      return t;
    };
    o.planner.prune.mode = mode;
    o.planner.prune.max_destroy = max_destroy;
    o.protection_record = root_ + "/state/protected-resources";
    return o;
  }

  absl::StatusOr<MakePlanResult> MakePlanFor(PruneMode mode = PruneMode::kOff,
                                      std::optional<uint64_t> max_destroy = std::nullopt) {
    return MakePlan({dir_}, Options(mode, max_destroy));
  }

  // What `apply` does: plan, then send every step. Fails (sending nothing)
  // when planning fails.
  absl::StatusOr<ApplySummary> Apply(PruneMode mode = PruneMode::kOff,
                                     std::optional<uint64_t> max_destroy = std::nullopt) {
    ASSIGN_OR_RETURN(MakePlanResult r, MakePlanFor(mode, max_destroy));
    std::map<solana::Pubkey, solana::Pubkey> replacements;
    std::vector<solana::Keypair> fresh;
    for (const OperationInstructions& oi : r.build.instructions) {
      for (const solana::Pubkey& p : oi.placeholders) {
        fresh.push_back(solana::Keypair::Generate());
        replacements[p] = fresh.back().pubkey();
      }
    }
    ASSIGN_OR_RETURN(std::vector<ApplyStep> steps, PlanSteps(r.build, replacements));
    KeyProvider keys;
    for (const auto& [name, kp] : keys_) keys[kp.pubkey()] = &kp;
    for (const solana::Keypair& kp : fresh) keys[kp.pubkey()] = &kp;
    ApplyOptions o;
    o.state_dir = root_ + "/state";
    o.apply_id = ApplyIdFor(r.build);
    o.payer = Key("payer");
    o.sender.now = [this] { return now_; };
    o.sender.sleep = [this](absl::Duration d) {
      now_ += d;
      EXPECT_TRUE(ledger().Tick(1).ok());
    };
    ASSIGN_OR_RETURN(ApplySummary s, RunApply(*rpc_, keys, steps, o));
    if (!s.ok()) return absl::InternalError(FormatSummary(s));
    return s;
  }

  // sha256 over every account of the Psyche programs, the payer and the
  // rent recipient: equal digests mean nothing on chain changed.
  solana::Hash ChainDigest() {
    std::string all;
    for (const solana::Pubkey& program : {psyche::program_ids::Coordinator(),
                                          psyche::program_ids::Authorizer(),
                                          psyche::program_ids::Treasurer()}) {
      for (const auto& [key, a] : ledger().ProgramAccounts(program, [](const auto&) { return true; })) {
        absl::StrAppend(&all, key.ToBase58(), ":", a.lamports, ":",
                        std::string(a.data.begin(), a.data.end()), ";");
      }
    }
    for (const auto& a : ledger().GetAccounts({Key("payer")})) {
      absl::StrAppend(&all, a ? a->lamports : 0, ";");
    }
    return solana::Sha256({solana::ByteView(reinterpret_cast<const uint8_t*>(all.data()),
                                            all.size())});
  }

  uint64_t Lamports(const solana::Pubkey& k) {
    auto a = ledger().GetAccounts({k})[0];
    return a ? a->lamports : 0;
  }
  bool Exists(const solana::Pubkey& k) {
    auto a = ledger().GetAccounts({k})[0];
    return a.has_value() && a->lamports > 0;
  }

  int send_posts() const { return transport_->send_posts(); }

  std::string root_;
  std::string dir_;
  std::unique_ptr<localnet::LocalValidator> validator_;
  std::shared_ptr<LocalValidatorTransport> transport_;
  std::unique_ptr<solana::RpcClient> rpc_;
  std::map<std::string, solana::Keypair> keys_;
  absl::Time now_ = absl::FromUnixSeconds(1'700'000'000);
};

}  // namespace reconciler::testing

#endif  // RECONCILER_PRUNE_TEST_UTIL_H_
