#include "reconciler/field_diff.h"

#include <gtest/gtest.h>

#include <limits>

namespace reconciler {
namespace {

constexpr ResourcePresence kBoth{true, true, true};
constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();

// The fields a Psyche run changes by itself while training.
DiffOptions RunOptions() {
  return DiffOptions{{"progress.step", "progress.epoch", "clients.*", "nonce", "run_state"},
                     {"hub_token"},
                     {"run_id"}};
}

TEST(PathMatchesTest, ExactAndPrefix) {
  EXPECT_TRUE(PathMatches("nonce", "nonce"));
  EXPECT_FALSE(PathMatches("nonce", "nonce2"));
  EXPECT_TRUE(PathMatches("clients.*", "clients.3.state"));
  EXPECT_FALSE(PathMatches("clients.*", "clients"));
  EXPECT_FALSE(PathMatches("clients.*", "clientsx.1"));
}

TEST(FieldDiffTest, IgnoredFieldsNeverCountAsDrift) {
  FieldMap observed = {{"config.min_clients", Value::Uint(2)},
                       {"progress.step", Value::Uint(10)},
                       {"progress.epoch", Value::Uint(1)},
                       {"clients.0.state", Value::String("healthy")},
                       {"nonce", Value::Uint(77)},
                       {"run_state", Value::String("RoundTrain")}};
  FieldMap desired = {{"config.min_clients", Value::Uint(2)},
                      {"progress.step", Value::Uint(0)},
                      {"progress.epoch", Value::Uint(0)},
                      {"run_state", Value::String("Paused")}};
  std::vector<FieldChange> changes = DiffFields(observed, desired, RunOptions());
  ASSERT_EQ(changes.size(), 5u);  // all differ, all ignored
  for (const FieldChange& f : changes) EXPECT_TRUE(f.ignored) << f.path;
  EXPECT_EQ(CountedChanges(changes), 0);
  EXPECT_EQ(DecideAction(kBoth, changes), Action::kNoOp);
}

TEST(FieldDiffTest, EqualFieldsAreLeftOutAndOrderFollowsDesiredThenObserved) {
  FieldMap observed = {{"b", Value::Uint(1)}, {"only_chain", Value::Bool(true)},
                       {"a", Value::String("x")}};
  FieldMap desired = {{"a", Value::String("y")}, {"b", Value::Uint(1)},
                      {"only_manifest", Value::Int(-3)}};
  std::vector<FieldChange> changes = DiffFields(observed, desired, {});
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].path, "a");
  EXPECT_EQ(changes[0].before, Value::String("x"));
  EXPECT_EQ(changes[0].after, Value::String("y"));
  EXPECT_EQ(changes[1].path, "only_manifest");
  EXPECT_TRUE(changes[1].before.is_null());
  EXPECT_EQ(changes[1].after, Value::Int(-3));
  EXPECT_EQ(changes[2].path, "only_chain");
  EXPECT_TRUE(changes[2].after.is_null());
  EXPECT_EQ(DecideAction(kBoth, changes), Action::kUpdate);
}

TEST(FieldDiffTest, IntegersAreExactAtTheTopOfTheRange) {
  FieldMap observed = {{"amount", Value::Uint(kMax - 1)}};
  FieldMap desired = {{"amount", Value::Uint(kMax)}};
  std::vector<FieldChange> changes = DiffFields(observed, desired, {});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].before.as_uint(), kMax - 1);
  EXPECT_EQ(changes[0].after.as_uint(), kMax);
  EXPECT_EQ(changes[0].after.ToDisplay(), "18446744073709551615");
  EXPECT_TRUE(DiffFields(desired, desired, {}).empty());
}

TEST(FieldDiffTest, SignedAndUnsignedOfEqualValueAreEqual) {
  EXPECT_EQ(Value::Int(5), Value::Uint(5));
  EXPECT_FALSE(Value::Int(-1) == Value::Uint(kMax));
  EXPECT_TRUE(DiffFields({{"n", Value::Int(5)}}, {{"n", Value::Uint(5)}}, {}).empty());
}

TEST(FieldDiffTest, SensitiveFieldsKeepNoValues) {
  std::vector<FieldChange> changes =
      DiffFields({{"hub_token", Value::String("old-secret")}},
                 {{"hub_token", Value::String("new-secret")}}, RunOptions());
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].sensitive);
  EXPECT_TRUE(changes[0].before.is_null());
  EXPECT_TRUE(changes[0].after.is_null());
  EXPECT_EQ(DecideAction(kBoth, changes), Action::kUpdate);
}

TEST(FieldDiffTest, ReplaceWhenAnImmutableFieldDiffers) {
  std::vector<FieldChange> changes =
      DiffFields({{"run_id", Value::String("a")}, {"paused", Value::Bool(false)}},
                 {{"run_id", Value::String("b")}, {"paused", Value::Bool(true)}}, RunOptions());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_TRUE(changes[0].requires_replace);
  EXPECT_FALSE(changes[1].requires_replace);
  EXPECT_EQ(DecideAction(kBoth, changes), Action::kReplace);
}

TEST(FieldDiffTest, PresenceDecidesCreateDeleteAndRead) {
  EXPECT_EQ(DecideAction(ResourcePresence{false, true, true}, {}), Action::kCreate);
  EXPECT_EQ(DecideAction(ResourcePresence{true, false, true}, {}), Action::kDelete);
  EXPECT_EQ(DecideAction(ResourcePresence{false, false, true}, {}), Action::kNoOp);
  std::vector<FieldChange> one = DiffFields({{"x", Value::Uint(1)}}, {{"x", Value::Uint(2)}}, {});
  EXPECT_EQ(DecideAction(ResourcePresence{true, true, false}, one),
            Action::kRead);
}

}  // namespace
}  // namespace reconciler
