// Test-only: one example of examples/ against an in-memory localnet, planned
// and applied the way `plan` and `apply --auto-approve` do, but with fixed
// keys (a new coordinator account's key derives from its placeholder) and a
// fake clock whose sleeps tick the ledger, so runs are fast and repeatable.
#ifndef RECONCILER_LOCALNET_EXAMPLE_TEST_UTIL_H_
#define RECONCILER_LOCALNET_EXAMPLE_TEST_UTIL_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "localnet/local_validator.h"
#include "localnet/persistence.h"
#include "providers/solana/program_ids.h"
#include "reconciler/apply_engine.h"
#include "reconciler/key_ref.h"
#include "reconciler/localnet_transport_test_util.h"
#include "reconciler/make_plan.h"
#include "reconciler/plan_steps.h"

namespace reconciler::testing {

inline std::string ExampleDir(const std::string& name) {
  return std::string(PSYCHE_SOURCE_DIR) + "/examples/" + name;
}

// The example's local-accounts/*.json dumps, in name order.
inline absl::StatusOr<std::vector<localnet::SeedAccount>> ReadExampleSeeds(
    const std::string& example) {
  namespace fs = std::filesystem;
  std::vector<localnet::SeedAccount> seeds;
  const fs::path dir = fs::path(ExampleDir(example)) / "local-accounts";
  if (!fs::is_directory(dir)) return seeds;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    ASSIGN_OR_RETURN(localnet::SeedAccount seed, localnet::ParseAccountDumpJson(text.str()));
    seeds.push_back(std::move(seed));
  }
  return seeds;
}

class LocalnetExample {
 public:
  static absl::StatusOr<std::unique_ptr<LocalnetExample>> Start(const std::string& example,
                                                                const std::string& state_dir) {
    auto ex = std::make_unique<LocalnetExample>();
    ex->dir_ = ExampleDir(example);
    ex->state_dir_ = state_dir;
    localnet::LocalValidatorOptions o;
    o.slot_interval = std::chrono::milliseconds(0);  // the fake sleep ticks the clock
    ASSIGN_OR_RETURN(o.seed_accounts, ReadExampleSeeds(example));
    ASSIGN_OR_RETURN(ex->validator_, localnet::LocalValidator::Start(std::move(o)));
    ex->transport_ = std::make_shared<LocalValidatorTransport>(ex->validator_.get());
    return ex;
  }

  const std::string& dir() const { return dir_; }
  localnet::Ledger& ledger() { return validator_->ledger(); }
  std::shared_ptr<LocalValidatorTransport> transport() const { return transport_; }

  // MakePlan over `wire` (default: straight to the validator).
  absl::StatusOr<MakePlanResult> Plan(std::shared_ptr<solana::HttpTransport> wire = nullptr) {
    if (wire == nullptr) wire = transport_;
    MakePlanOptions o;
    o.transport =
        [wire](const std::string& url) -> absl::StatusOr<std::shared_ptr<solana::HttpTransport>> {
      if (url != "local") return absl::InvalidArgumentError("unexpected rpcUrl " + url);
      return wire;
    };
    return MakePlan({dir_}, o);
  }

  // The apply steps of `build` with fixed replacement keys; loads the
  // manifests' keypairs and funds every account the steps debit.
  absl::StatusOr<std::vector<ApplyStep>> Steps(const PlanBuild& build) {
    const LoadedManifests m = LoadManifests({dir_});
    std::vector<const KeyRef*> refs;
    for (const auto& c : m.state.clusters) refs.push_back(&c.payer);
    for (const auto& r : m.state.runs) {
      refs.push_back(&r.authority);
      if (r.join_authority) refs.push_back(&*r.join_authority);
    }
    for (const auto& a : m.state.authorizations) refs.push_back(&a.grantor);
    for (const KeyRef* ref : refs) {
      if (!ref->is_keypair()) continue;
      ASSIGN_OR_RETURN(solana::Keypair kp, LoadKeypair(*ref));
      const solana::Pubkey pub = kp.pubkey();
      keypairs_.insert_or_assign(pub, std::move(kp));
    }
    std::map<solana::Pubkey, solana::Pubkey> replacements;
    for (const OperationInstructions& oi : build.instructions) {
      for (const solana::Pubkey& placeholder : oi.placeholders) {
        const solana::Hash seed = solana::Sha256({placeholder.view()});
        ASSIGN_OR_RETURN(solana::Keypair kp, solana::Keypair::FromSeed(seed.view()));
        replacements[placeholder] = kp.pubkey();
        const solana::Pubkey pub = kp.pubkey();
        keypairs_.insert_or_assign(pub, std::move(kp));
      }
    }
    ASSIGN_OR_RETURN(std::vector<ApplyStep> steps, PlanSteps(build, replacements));
    if (m.state.clusters.empty()) return absl::FailedPreconditionError("no Cluster manifest");
    ASSIGN_OR_RETURN(payer_, ResolvePubkey(m.state.clusters[0].payer));
    std::map<solana::Pubkey, uint64_t> needs;
    for (const ApplyStep& step : steps) {
      for (const auto& [key, amount] : StepDebits(payer_, step.instructions)) needs[key] += amount;
    }
    for (const auto& [key, amount] : needs) {
      localnet::Account a;
      a.lamports = amount + 1'000'000'000;
      a.owner = solana::program_ids::System();
      RETURN_IF_ERROR(ledger().SetAccount(key, a));
    }
    return steps;
  }

  // Options as `apply` sets them, on the fake clock; tests may adjust them.
  ApplyOptions ApplyOptionsFor(const PlanBuild& build) {
    ApplyOptions options;
    options.state_dir = state_dir_;
    options.apply_id = ApplyIdFor(build);
    options.payer = payer_;
    options.sender.now = [this] { return now_; };
    options.sender.sleep = [this](absl::Duration d) {
      now_ += d;
      (void)ledger().Tick(1);
    };
    return options;
  }

  // Runs `steps` over `wire` (default: straight to the validator).
  absl::StatusOr<ApplySummary> Run(const std::vector<ApplyStep>& steps, const ApplyOptions& options,
                                   std::shared_ptr<solana::HttpTransport> wire = nullptr) {
    if (wire == nullptr) wire = transport_;
    solana::ChannelOptions channel;
    channel.sleep = [](absl::Duration) {};
    solana::RpcClient rpc("http://local", wire, channel);
    KeyProvider keys;
    for (const auto& [pub, kp] : keypairs_) keys[pub] = &kp;
    return RunApply(rpc, keys, steps, options);
  }

  // Steps + Run + two more blocks, failing unless every step applied.
  absl::Status Apply(const PlanBuild& build) {
    ASSIGN_OR_RETURN(std::vector<ApplyStep> steps, Steps(build));
    ASSIGN_OR_RETURN(ApplySummary summary, Run(steps, ApplyOptionsFor(build)));
    if (!summary.ok()) return absl::InternalError(FormatSummary(summary));
    return ledger().Tick(2);
  }

 private:
  std::string dir_;
  std::string state_dir_;
  solana::Pubkey payer_;
  absl::Time now_ = absl::FromUnixSeconds(1'700'000'000);
  std::map<solana::Pubkey, solana::Keypair> keypairs_;
  std::unique_ptr<localnet::LocalValidator> validator_;
  std::shared_ptr<LocalValidatorTransport> transport_;
};

}  // namespace reconciler::testing

#endif  // RECONCILER_LOCALNET_EXAMPLE_TEST_UTIL_H_
