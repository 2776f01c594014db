#include "reconciler/diff.h"

#include <functional>

#include "gtest/gtest.h"
#include "reconciler/planner_fixtures_for_test.h"

namespace reconciler {
namespace {

using testing::InSync;
using testing::Key;
using testing::OneRun;

const ResourceChange& Find(const DiffResult& r, const std::string& address) {
  for (const ResourceChange& c : r.changes) {
    if (c.address == address) return c;
  }
  ADD_FAILURE() << "no resource " << address;
  static const ResourceChange none;
  return none;
}

const FieldChange* Field(const ResourceChange& c, const std::string& path) {
  for (const FieldChange& f : c.fields) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

TEST(DiffTest, EmptyChainCreatesEverything) {
  DesiredResources d = OneRun(/*treasurer=*/false, 2);
  ObservedState o;
  o.runs.resize(1);
  auto r = Diff(d, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->changes.size(), 3u);
  const ResourceChange& run = Find(*r, "run.my-run");
  EXPECT_EQ(run.action, Action::kCreate);
  const FieldChange* account = Field(run, "coordinator_account");
  ASSERT_NE(account, nullptr);
  EXPECT_TRUE(account->computed);
  const FieldChange* min_clients = Field(run, "config.min_clients");
  ASSERT_NE(min_clients, nullptr);
  EXPECT_TRUE(min_clients->before.is_null());
  EXPECT_EQ(min_clients->after, Value::Uint(d.runs[0].run_config->config.min_clients));
  for (const ResourceChange& c : r->changes) EXPECT_EQ(c.action, Action::kCreate) << c.address;
  EXPECT_EQ(r->changes[1].address,
            "authorization.my-run-joiners[" + d.authorizations[0].grantee.ToBase58() + "]");
}

TEST(DiffTest, InSyncIsNoOp) {
  for (bool treasurer : {false, true}) {
    DesiredResources d = OneRun(treasurer);
    auto r = Diff(d, InSync(d));
    ASSERT_TRUE(r.ok()) << r.status();
    for (const ResourceChange& c : r->changes) {
      EXPECT_EQ(c.action, Action::kNoOp) << c.address << " treasurer=" << treasurer;
      EXPECT_EQ(CountedChanges(c.fields), 0) << c.address;
    }
  }
}

TEST(DiffTest, EachManagedFieldDrifts) {
  DesiredResources d = OneRun(false);
  struct Case {
    std::string path;
    std::function<void(psyche::CoordinatorInstance&, psyche::CoordinatorState&)> change;
  };
  std::vector<Case> cases = {
      {"join_authority", [](auto& i, auto&) { i.join_authority = Key(5); }},
      {"client_version", [](auto&, auto& s) { s.client_version = "v2"; }},
      {"metadata.name", [](auto&, auto& s) { s.metadata.name = "Other"; }},
      {"metadata.description", [](auto&, auto& s) { s.metadata.description = "x"; }},
      {"metadata.num_parameters", [](auto&, auto& s) { s.metadata.num_parameters = 1; }},
      {"metadata.vocab_size", [](auto&, auto& s) { s.metadata.vocab_size = 1; }},
      {"config.min_clients", [](auto&, auto& s) { s.config.min_clients += 1; }},
      {"config.total_steps", [](auto&, auto& s) { s.config.total_steps += 1; }},
      {"config.epoch_time", [](auto&, auto& s) { s.config.epoch_time += 1; }},
      {"model.max_seq_len",
       [](auto&, auto& s) { std::get<psyche::LLM>(s.model).max_seq_len += 1; }},
      {"model.digest",
       [](auto&, auto& s) {
         std::get<psyche::LLM>(s.model).data_type = psyche::LLMTrainingDataType::kFinetuning;
       }},
      {"paused", [](auto&, auto& s) { s.run_state = psyche::RunState::kPaused; }},
  };
  for (const Case& c : cases) {
    ObservedState o = InSync(d);
    c.change(*o.runs[0].instance, *o.runs[0].coordinator);
    auto r = Diff(d, o);
    ASSERT_TRUE(r.ok()) << r.status();
    const ResourceChange& run = Find(*r, "run.my-run");
    EXPECT_EQ(run.action, Action::kUpdate) << c.path;
    // The model digest covers every model field, so model fields change two.
    EXPECT_EQ(CountedChanges(run.fields), c.path == "model.max_seq_len" ? 2 : 1) << c.path;
    const FieldChange* f = Field(run, c.path);
    ASSERT_NE(f, nullptr) << c.path;
    EXPECT_FALSE(f->ignored);
    EXPECT_NE(f->before, f->after);
  }
}

TEST(DiffTest, AuthorityChangeNeedsReplace) {
  DesiredResources d = OneRun(false);
  ObservedState o = InSync(d);
  o.runs[0].instance->main_authority = Key(6);
  auto r = Diff(d, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Find(*r, "run.my-run").action, Action::kReplace);
}

TEST(DiffTest, SelfChangingFieldsNeverDrift) {
  DesiredResources d = OneRun(false);
  ObservedState o = InSync(d);
  psyche::CoordinatorState& st = *o.runs[0].coordinator;
  st.progress.step = 500;
  st.progress.epoch = 7;
  st.nonce = 99;
  st.run_state = psyche::RunState::kRoundTrain;  // training: still "not paused"
  st.clients_state.clients.resize(3);
  std::get<psyche::LLM>(st.model).checkpoint = psyche::CheckpointP2P{};
  auto r = Diff(d, o);
  ASSERT_TRUE(r.ok());
  const ResourceChange& run = Find(*r, "run.my-run");
  EXPECT_EQ(run.action, Action::kNoOp);
  int ignored = 0;
  for (const FieldChange& f : run.fields) ignored += f.ignored;
  EXPECT_GE(ignored, 5);  // the differences are kept, marked ignored
}

TEST(DiffTest, TreasuryTopUpIsExact) {
  DesiredResources d = OneRun(true);
  ObservedState o = InSync(d);
  o.runs[0].vault->amount = 250'000'001;  // target 1000.5 USDC = 1,000,500,000
  auto r = Diff(d, o);
  ASSERT_TRUE(r.ok()) << r.status();
  const ResourceChange& t = Find(*r, "treasury.my-run");
  EXPECT_EQ(t.action, Action::kUpdate);
  ASSERT_TRUE(t.top_up.has_value());
  EXPECT_EQ(t.top_up->target, 1'000'500'000u);
  EXPECT_EQ(t.top_up->observed, 250'000'001u);
  EXPECT_EQ(t.top_up->amount(), 750'499'999u);

  o.runs[0].vault->amount = 2'000'000'000;  // above target: nothing withdrawn
  r = Diff(d, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Find(*r, "treasury.my-run").action, Action::kNoOp);
  EXPECT_EQ(Find(*r, "treasury.my-run").top_up->amount(), 0u);
}

TEST(DiffTest, DecimalAmountWithoutMintIsAnError) {
  DesiredResources d = OneRun(true);
  ObservedState o = InSync(d);
  o.mints.clear();
  auto r = Diff(d, o);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(DiffTest, EpochRatesCompareFutureRates) {
  DesiredResources d = OneRun(true);
  ObservedState o = InSync(d);
  o.runs[0].coordinator->clients_state.future_epoch_rates.slashing_rate_per_client = 1;
  auto r = Diff(d, o);
  ASSERT_TRUE(r.ok());
  const FieldChange* f = Field(Find(*r, "run.my-run"), "epoch_rates.slashing_rate_per_client");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->before, Value::Uint(1));
  EXPECT_EQ(f->after, Value::Uint(500000));
}

TEST(DiffTest, ExtraOnChainAuthorizationIsReadOnly) {
  DesiredResources d = OneRun(false);
  ObservedState o = InSync(d);
  psyche::Authorization extra;
  extra.grantor = Key(1);
  extra.grantee = Key(0x55);
  extra.active = true;
  o.authorizations[Key(0x56)] = extra;
  auto r = Diff(d, o);
  ASSERT_TRUE(r.ok());
  const ResourceChange& c = Find(*r, "authorization.unmanaged[" + Key(0x55).ToBase58() + "]");
  EXPECT_EQ(c.action, Action::kRead);
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("not managed"), std::string::npos);
}

TEST(DiffTest, InactiveAuthorizationIsUpdated) {
  DesiredResources d = OneRun(false);
  ObservedState o = InSync(d);
  o.authorizations.begin()->second.active = false;
  auto r = Diff(d, o);
  ASSERT_TRUE(r.ok());
  const ResourceChange& c = r->changes[1];
  EXPECT_EQ(c.kind, "authorization");
  EXPECT_EQ(c.action, Action::kUpdate);
  const FieldChange* f = Field(c, "active");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->before, Value::Bool(false));
  EXPECT_EQ(f->after, Value::Bool(true));
}

}  // namespace
}  // namespace reconciler
