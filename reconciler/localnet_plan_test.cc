// Integration against the embedded localnet (not FakeChain): each example is
// planned on an empty chain (everything to create), applied through the real
// apply engine, planned again (no changes), then the chain is edited behind
// the tool's back (drift). Every rendering is compared with a golden file in
// tests/golden/localnet/<example>/ (PSYCHE_UPDATE_GOLDEN=1 rewrites them), and
// the exit codes of `plan --detailed-exitcode` and `drift` are checked.
// Keys are fixed (the examples' test keys; new coordinator accounts derive
// from their placeholder), so goldens hold no run-dependent values except
// slots, which are normalised.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "localnet/local_validator.h"
#include "providers/psyche/authorization_writer.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_account_writer.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/spl_token_state.h"
#include "reconciler/exit_code.h"
#include "reconciler/localnet_example_test_util.h"
#include "reconciler/make_plan.h"
#include "reconciler/render_drift.h"
#include "reconciler/render_json.h"
#include "reconciler/render_markdown.h"
#include "reconciler/render_text.h"

namespace reconciler {
namespace {

namespace fs = std::filesystem;
using solana::Pubkey;

// Slots depend on how many blocks apply's polling ticked, and account data
// hashes on the ledger's wall clock (the coordinator's run-state start and an
// authorization's update time); nothing else in a plan does once keys are fixed.
// Replaces the value after each `key` (up to the first character outside
// `value_chars`) with `replacement`. (No std::regex: GCC 12 under ASan warns
// about its internals, and the build treats warnings as errors.)
std::string ReplaceValues(const std::string& text, const std::string& key,
                          absl::string_view value_chars, const std::string& replacement) {
  std::string out;
  size_t from = 0;
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, from)) {
    size_t end = at + key.size();
    while (end < text.size() && value_chars.find(text[end]) != absl::string_view::npos) ++end;
    absl::StrAppend(&out, absl::string_view(text).substr(from, at - from), key, replacement);
    from = end;
  }
  absl::StrAppend(&out, absl::string_view(text).substr(from));
  return out;
}

std::string Normalise(const std::string& text) {
  const std::string no_slots = ReplaceValues(text, "\"slot\": ", "0123456789", "0");
  return ReplaceValues(no_slots, "\"data_sha256\": \"", "0123456789abcdef", "(normalised)");
}

void ExpectGolden(const std::string& example, const std::string& name, const std::string& actual) {
  const fs::path path = fs::path(PSYCHE_SOURCE_DIR) / "tests/golden/localnet" / example / name;
  const std::string text = Normalise(actual);
  if (std::getenv("PSYCHE_UPDATE_GOLDEN") != nullptr) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden " << path;
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(text, want.str()) << "golden " << path << " differs";
}

// The manifests hash covers absolute paths, which differ between checkouts.
Plan Portable(Plan p) {
  EXPECT_FALSE(p.manifests_hash.IsZero());
  p.manifests_hash = solana::Hash();
  return p;
}

class LocalnetPlanTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    example_ = GetParam();
    state_dir_ = absl::StrCat(::testing::TempDir(), "/localnet_plan_", example_, "_", getpid());
    fs::remove_all(state_dir_);
    auto ex = testing::LocalnetExample::Start(example_, state_dir_);
    ASSERT_TRUE(ex.ok()) << ex.status();
    ex_ = std::move(*ex);
  }
  void TearDown() override { fs::remove_all(state_dir_); }

  localnet::Ledger& ledger() { return ex_->ledger(); }
  absl::StatusOr<MakePlanResult> PlanNow() { return ex_->Plan(); }

  DesiredResources Desired() {
    LoadedManifests m = ValidateManifests({ex_->dir()});
    auto d = BuildDesiredResources(m.state);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? *d : DesiredResources{};
  }

  localnet::Account Read(const Pubkey& key) {
    auto a = ledger().GetAccounts({key})[0];
    EXPECT_TRUE(a.has_value()) << key.ToBase58();
    return a.value_or(localnet::Account{});
  }

  Pubkey CoordinatorAccountOf(const DesiredRun& run) {
    auto inst = psyche::DecodeCoordinatorInstance(Read(run.instance).data);
    EXPECT_TRUE(inst.ok()) << inst.status();
    return inst.ok() ? inst->coordinator_account : Pubkey();
  }

  // Edits the run's coordinator account in place, as another admin tool would.
  void EditCoordinator(const DesiredRun& run,
                       const std::function<void(psyche::CoordinatorState*)>& edit) {
    const Pubkey key = CoordinatorAccountOf(run);
    localnet::Account a = Read(key);
    auto st = psyche::DecodeCoordinatorAccount(a.data);
    ASSERT_TRUE(st.ok()) << st.status();
    edit(&*st);
    auto image = psyche::EncodeCoordinatorAccount(*st);
    ASSERT_TRUE(image.ok()) << image.status();
    ASSERT_EQ(image->size(), a.data.size());
    a.data = *image;
    ASSERT_TRUE(ledger().SetAccount(key, a).ok());
  }

  void DeactivateAuthorization(const DesiredAuthorization& auth) {
    localnet::Account a = Read(auth.pda);
    auto decoded = psyche::DecodeAuthorization(a.owner, a.data);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    decoded->active = false;
    auto image = psyche::EncodeAuthorization(*decoded);
    ASSERT_TRUE(image.ok());
    a.data = *image;
    ASSERT_TRUE(ledger().SetAccount(auth.pda, a).ok());
  }

  void SetTreasuryBalance(const DesiredRun& run, uint64_t amount) {
    ASSERT_TRUE(run.treasurer.has_value());
    localnet::Account a = Read(run.treasurer->vault);
    auto token = psyche::DecodeTokenAccount(a.owner, a.data);
    ASSERT_TRUE(token.ok()) << token.status();
    token->amount = amount;
    a.data = psyche::EncodeTokenAccount(*token);
    ASSERT_TRUE(ledger().SetAccount(run.treasurer->vault, a).ok());
  }

  std::string example_;
  std::string state_dir_;
  std::unique_ptr<testing::LocalnetExample> ex_;
};

TEST_P(LocalnetPlanTest, EmptyChainThenApplyThenDrift) {
  // 1. Empty chain: everything is created; plan --detailed-exitcode and drift exit 2.
  auto create = PlanNow();
  ASSERT_TRUE(create.ok()) << create.status();
  {
    const Plan p = Portable(create->build.plan);
    EXPECT_GT(p.Summary().add, 0);
    EXPECT_EQ(p.Summary().change + p.Summary().destroy, 0);
    EXPECT_EQ(PlanExitCode(absl::OkStatus(), p.Summary(), true), kExitChanges);
    EXPECT_EQ(PlanExitCode(absl::OkStatus(), p.Summary(), false), kExitOk);
    EXPECT_EQ(DriftExitCode(absl::OkStatus(), p.Summary()), kExitChanges);
    ExpectGolden(example_, "create.txt", RenderText(p, {}));
    ExpectGolden(example_, "create.json", RenderJson(p));
    ExpectGolden(example_, "create.md", RenderMarkdown(p));
  }

  // 2. Apply it; a new plan finds nothing to do: exit 0 from both commands.
  EXPECT_EQ(ex_->transport()->send_posts(), 0) << "planning sent a transaction";
  {
    const absl::Status applied = ex_->Apply(create->build);
    ASSERT_TRUE(applied.ok()) << applied;
  }
  auto steady = PlanNow();
  ASSERT_TRUE(steady.ok()) << steady.status();
  {
    const Plan p = Portable(steady->build.plan);
    EXPECT_FALSE(p.Summary().has_changes()) << RenderText(p, {});
    EXPECT_TRUE(p.operations.empty());
    EXPECT_EQ(PlanExitCode(absl::OkStatus(), p.Summary(), true), kExitOk);
    EXPECT_EQ(DriftExitCode(absl::OkStatus(), p.Summary()), kExitOk);
    ExpectGolden(example_, "in_sync.txt", RenderText(p, {}));
    ExpectGolden(example_, "in_sync.md", RenderMarkdown(p));
    ExpectGolden(example_, "in_sync_drift.json", RenderDriftJson(p));
  }

  // 3. Someone edits the chain: each example drifts in its own way.
  const DesiredResources d = Desired();
  ASSERT_EQ(d.runs.size(), 1u);
  const DesiredRun& run = d.runs[0];
  std::vector<std::string> drifted_fields;
  if (example_ == "public-run") {
    EditCoordinator(run, [](psyche::CoordinatorState* st) {
      st->config.min_clients += 2;
      st->progress.step += 17;  // the run's own progress: never drift
    });
    drifted_fields = {"config.min_clients"};
  } else if (example_ == "private-run") {
    ASSERT_FALSE(d.authorizations.empty());
    DeactivateAuthorization(d.authorizations[1]);
    drifted_fields = {"active"};
  } else {
    EditCoordinator(run, [](psyche::CoordinatorState* st) {
      st->clients_state.future_epoch_rates.earning_rate_total_shared = 7'000'000;
    });
    SetTreasuryBalance(run, 400'000'000);
    drifted_fields = {"epoch_rates.earning_rate_total_shared"};
  }
  if (HasFailure()) return;
  ASSERT_TRUE(ledger().Tick(2).ok());
  auto drift = PlanNow();
  ASSERT_TRUE(drift.ok()) << drift.status();
  const Plan p = Portable(drift->build.plan);
  EXPECT_TRUE(p.Summary().has_changes());
  EXPECT_EQ(PlanExitCode(absl::OkStatus(), p.Summary(), true), kExitChanges);
  EXPECT_EQ(DriftExitCode(absl::OkStatus(), p.Summary()), kExitChanges);
  const std::string report = RenderDriftJson(p);
  for (const std::string& field : drifted_fields) {
    const size_t at = report.find("\"path\": \"" + field + "\"");
    ASSERT_NE(at, std::string::npos) << field << " missing from\n" << report;
    EXPECT_NE(report.find("\"expected\"", at), std::string::npos);
    EXPECT_NE(report.find("\"observed\"", at), std::string::npos);
  }
  EXPECT_EQ(report.find("progress.step"), std::string::npos);
  ExpectGolden(example_, "drift.json", report);
  ExpectGolden(example_, "drift.txt", RenderText(p, {}));
  ExpectGolden(example_, "drift.md", RenderMarkdown(p));
  ExpectGolden(example_, "drift_plan.json", RenderJson(p));
}

INSTANTIATE_TEST_SUITE_P(Examples, LocalnetPlanTest,
                         ::testing::Values("public-run", "private-run", "treasurer-run"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace reconciler
