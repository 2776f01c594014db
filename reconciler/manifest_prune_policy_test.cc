// The Cluster's managedAuthorities, pruneRentRecipient and policy, and
// protect on Run and Authorization: typed when valid, refused by the schema
// otherwise.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reconciler/manifest.h"

namespace reconciler {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kMint[] = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";
constexpr char kKey[] = "9L4yCH7TsMn9JfoXYEupuQwtcNPTTtHcyNL6uqDfjwGB";

class ManifestPrunePolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("manifest_pp_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  LoadedManifests Load(const std::string& yaml) {
    std::ofstream(dir_ / "all.yaml", std::ios::trunc) << yaml;
    return LoadManifests({dir_.string()});
  }

  static std::string Cluster(const std::string& extra) {
    return "apiVersion: psyche-reconcile/v1\nkind: Cluster\nmetadata: {name: c}\nspec:\n"
           "  rpcUrl: local\n  payer: file:/keys/payer.json\n" +
           extra;
  }

  fs::path dir_;
};

TEST_F(ManifestPrunePolicyTest, ClusterPruneAndPolicyFields) {
  LoadedManifests m = Load(Cluster(std::string("  managedAuthorities: [file:/k/owner.json, ") +
                                   kKey + "]\n  pruneRentRecipient: " + kKey +
                                   "\n  policy:\n    maxTopUp: 10\n    maxTopUpTotal: 20\n"
                                   "    allowedCollateralMints: [" + kMint +
                                   "]\n    noUnpause: [a, b]\n    allowedGrantors: [" + kKey +
                                   "]\n"));
  ASSERT_THAT(m.diagnostics, IsEmpty());
  const ClusterSpec& c = m.state.clusters.at(0);
  ASSERT_EQ(c.managed_authorities.size(), 2u);
  EXPECT_TRUE(c.managed_authorities[0].is_keypair());
  EXPECT_EQ(c.managed_authorities[1].pubkey->ToBase58(), kKey);
  ASSERT_TRUE(c.prune_rent_recipient.has_value());
  EXPECT_EQ(c.policy.max_top_up, 10u);
  EXPECT_EQ(c.policy.max_top_up_total, 20u);
  ASSERT_TRUE(c.policy.allowed_collateral_mints.has_value());
  EXPECT_EQ(c.policy.allowed_collateral_mints->at(0).ToBase58(), kMint);
  EXPECT_EQ(c.policy.no_unpause, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(c.policy.allowed_grantors.has_value());
  EXPECT_EQ(c.policy.allowed_grantors->size(), 1u);
}

TEST_F(ManifestPrunePolicyTest, AbsentPolicyRestrictsNothing) {
  LoadedManifests m = Load(Cluster(""));
  ASSERT_THAT(m.diagnostics, IsEmpty());
  const ClusterPolicy& p = m.state.clusters.at(0).policy;
  EXPECT_FALSE(p.max_top_up || p.max_top_up_total || p.allowed_collateral_mints ||
               p.allowed_grantors);
  EXPECT_TRUE(p.no_unpause.empty());
  EXPECT_TRUE(m.state.clusters[0].managed_authorities.empty());
}

TEST_F(ManifestPrunePolicyTest, SchemaRefusesBadPolicy) {
  EXPECT_FALSE(Load(Cluster("  policy: {maxTopUp: -1}\n")).diagnostics.empty());
  EXPECT_FALSE(Load(Cluster("  policy: {maxTopUp: \"10 USDC\"}\n")).diagnostics.empty());
  EXPECT_FALSE(Load(Cluster("  policy: {unknownRule: 1}\n")).diagnostics.empty());
  EXPECT_FALSE(Load(Cluster("  policy: {allowedGrantors: [not-a-key]}\n")).diagnostics.empty());
  EXPECT_FALSE(Load(Cluster("  managedAuthorities: file:/k.json\n")).diagnostics.empty());
}

TEST_F(ManifestPrunePolicyTest, ProtectOnRunAndAuthorization) {
  LoadedManifests m = Load(
      "apiVersion: psyche-reconcile/v1\nkind: Run\nmetadata: {name: r}\nspec:\n  runId: r1\n"
      "  authority: file:/k/owner.json\n  clientVersion: latest\n  protect: true\n---\n"
      "apiVersion: psyche-reconcile/v1\nkind: Authorization\nmetadata: {name: a}\n"
      "spec: {grantor: file:/k/j.json, grantees: public, protect: true}\n");
  ASSERT_THAT(m.diagnostics, IsEmpty());
  EXPECT_TRUE(m.state.runs.at(0).protect);
  EXPECT_TRUE(m.state.authorizations.at(0).protect);
  LoadedManifests bad = Load(
      "apiVersion: psyche-reconcile/v1\nkind: Authorization\nmetadata: {name: a}\n"
      "spec: {grantor: file:/k/j.json, grantees: public, protect: \"yes\"}\n");
  ASSERT_FALSE(bad.diagnostics.empty());
  EXPECT_THAT(bad.diagnostics[0].ToString(), HasSubstr("protect"));
}

}  // namespace
}  // namespace reconciler
