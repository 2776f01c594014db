#include "reconciler/planfile.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <limits>
#include <random>

#include "absl/strings/str_replace.h"
#include "providers/solana/base58.h"
#include "reconciler/plan_testing.h"
#include "reconciler/render_json.h"

namespace reconciler {
namespace {

using testing::SamplePlan;

// Replaces the first occurrence of from (which must exist) in the sample plan JSON.
std::string Edited(absl::string_view from, absl::string_view to) {
  std::string json = RenderJson(SamplePlan());
  size_t at = json.find(std::string(from));
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) json.replace(at, from.size(), std::string(to));
  return json;
}

TEST(PlanfileTest, JsonRoundTripIsExact) {
  Plan plan = SamplePlan();
  auto parsed = ParsePlanJson(RenderJson(plan));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, plan);
  EXPECT_EQ(RenderJson(*parsed), RenderJson(plan));
  // The extremes of the integer range survive.
  const Value& max = parsed->changes[7].fields[0].after;
  EXPECT_EQ(max.as_uint(), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(parsed->changes[1].fields[1].before.as_int(), -1);
  EXPECT_EQ(parsed->changes[0].fields[1].after.kind(), Value::Kind::kPubkey);
}

TEST(PlanfileTest, SaveAndLoadFile) {
  std::string path = ::testing::TempDir() + "/plan_roundtrip.json";
  ASSERT_TRUE(SavePlanFile(SamplePlan(), path).ok());
  auto loaded = LoadPlanFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(*loaded, SamplePlan());
  std::remove(path.c_str());
  EXPECT_FALSE(LoadPlanFile(path).ok());
}

TEST(PlanfileTest, SaveRefusesAPlanWithASecret) {
  Plan p = SamplePlan();
  p.changes[0].fields[0].after = Value::String(solana::Base58Encode(solana::Bytes(64, 3)));
  std::string path = ::testing::TempDir() + "/plan_secret.json";
  EXPECT_FALSE(SavePlanFile(p, path).ok());
  EXPECT_FALSE(std::ifstream(path).good());
}

TEST(PlanfileTest, RejectsOtherFormatVersions) {
  auto s = ParsePlanJson(Edited("\"format_version\": \"1\"", "\"format_version\": \"0\""));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("format_version"), std::string::npos);
  EXPECT_FALSE(ParsePlanJson(Edited("\"format_version\": \"1\"", "\"format_version\": 1")).ok());
  EXPECT_FALSE(ParsePlanJson("{}").ok());
}

TEST(PlanfileTest, RejectsUnknownAndDuplicateKeys) {
  EXPECT_FALSE(ParsePlanJson(Edited("\"cluster\":", "\"extra\": 1, \"cluster\":")).ok());
  EXPECT_FALSE(
      ParsePlanJson(Edited("\"cluster\":", "\"cluster\": \"devnet\", \"cluster\":")).ok());
  EXPECT_FALSE(ParsePlanJson(Edited("\"kind\": \"run\",", "")).ok());
}

TEST(PlanfileTest, RejectsFloatsAndOutOfRangeIntegers) {
  EXPECT_FALSE(ParsePlanJson(Edited("18446744073709551615", "18446744073709551616")).ok());
  EXPECT_FALSE(ParsePlanJson(Edited("18446744073709551615", "1.5")).ok());
  EXPECT_FALSE(ParsePlanJson(Edited("\"size_bytes\": 812", "\"size_bytes\": 812.0")).ok());
}

TEST(PlanfileTest, RejectsInconsistentDerivedFigures) {
  EXPECT_FALSE(ParsePlanJson(Edited("\"add\": 2", "\"add\": 3")).ok());
  EXPECT_FALSE(
      ParsePlanJson(Edited("\"total_fee_lamports\": 15000", "\"total_fee_lamports\": 1")).ok());
  EXPECT_FALSE(ParsePlanJson(Edited("\"amount\": 3765433", "\"amount\": 3765434")).ok());
}

TEST(PlanfileTest, RejectsBadTypesActionsAndKeys) {
  EXPECT_FALSE(ParsePlanJson(Edited("\"action\": \"create\"", "\"action\": \"destroy\"")).ok());
  EXPECT_FALSE(ParsePlanJson(Edited("\"type\": \"bool\"", "\"type\": \"integer\"")).ok());
  EXPECT_FALSE(ParsePlanJson(Edited("\"type\": \"string\"", "\"type\": \"pubkey\"")).ok());
  EXPECT_FALSE(ParsePlanJson(Edited("\"exists\": true", "\"exists\": 1")).ok());
  std::string signer = testing::TestKey(1).ToBase58();
  EXPECT_FALSE(ParsePlanJson(Edited("\"" + signer + "\"\n", "\"not-base58-0OIl\"\n")).ok());
}

TEST(PlanfileTest, RejectsASecretLookingString) {
  std::string secret = solana::Base58Encode(solana::Bytes(64, 7));
  auto s = ParsePlanJson(Edited("\"init coordinator instance and account\"", "\"" + secret + "\""));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("secret"), std::string::npos);
}

TEST(PlanfileTest, GarbageNeverCrashes) {
  std::string json = RenderJson(SamplePlan());
  for (size_t cut = 0; cut < json.size(); cut += 7) {
    EXPECT_FALSE(ParsePlanJson(json.substr(0, cut)).ok());
  }
  EXPECT_FALSE(ParsePlanJson(std::string(100000, '[')).ok());
  EXPECT_FALSE(ParsePlanJson("\xff\xfe").ok());
  EXPECT_FALSE(ParsePlanJson("").ok());
}

// Random byte edits (fixed seed): parsing never crashes, and whatever parses
// renders and parses back to the same plan.
TEST(PlanfileTest, MutatedInputIsRejectedOrRoundTrips) {
  const std::string json = RenderJson(SamplePlan());
  std::mt19937 rng(20261125);
  const std::string alphabet = "{}[]\",:0123456789-.eE \\ntrufalsn\x01\xff";
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string m = json;
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % m.size();
      switch (rng() % 3) {
        case 0: m[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: m.erase(at, 1 + rng() % 8); break;
        default: m.insert(at, 1, alphabet[rng() % alphabet.size()]);
      }
      if (m.empty()) m = "x";
    }
    auto parsed = ParsePlanJson(m);
    if (!parsed.ok()) continue;
    ++accepted;
    auto again = ParsePlanJson(RenderJson(*parsed));
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(*again, *parsed);
  }
  EXPECT_LT(accepted, 3000);  // most edits break the strict format
}

}  // namespace
}  // namespace reconciler
