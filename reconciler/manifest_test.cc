#include "reconciler/manifest.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reconciler {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kMint[] = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";
constexpr char kGrantee[] = "9L4yCH7TsMn9JfoXYEupuQwtcNPTTtHcyNL6uqDfjwGB";

class ManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("manifest_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "m");
  }
  void TearDown() override { fs::remove_all(dir_); }

  LoadedManifests Load(const std::string& yaml) {
    std::ofstream(dir_ / "m/all.yaml") << yaml;
    return LoadManifests({(dir_ / "m").string()});
  }
  std::string File() const { return (dir_ / "m/all.yaml").string(); }

  fs::path dir_;
};

std::string RunYaml(const std::string& spec_lines) {
  return "apiVersion: psyche-reconcile/v1\nkind: Run\nmetadata: {name: r}\nspec:\n"
         "  runId: r1\n  authority: file:keys/owner.json\n  clientVersion: latest\n" +
         spec_lines;
}

TEST_F(ManifestTest, BuildsAllKindsFromOneMultiDocumentFile) {
  LoadedManifests m = Load(std::string(R"(apiVersion: psyche-reconcile/v1
kind: Cluster
metadata: {name: local}
spec:
  rpcUrl: local
  payer: file:/keys/payer.json
  programIds: {treasurer: )") + kMint + R"(}
---
apiVersion: psyche-reconcile/v1
kind: Run
metadata: {name: r}
spec:
  runId: r1
  authority: {keypair: "file:../keys/owner.json", pubkey: )" + kGrantee + R"(}
  joinAuthority: )" + kMint + R"(
  treasurer: {collateralMint: )" + kMint + R"(, index: 7}
  config: cfg/config.toml
  metadata: {name: Run one, description: "two\nlines", numParameters: 20000000}
  clientVersion: latest
  paused: false
  epochRates: {earningRateTotalShared: 1000, slashingRatePerClient: "0.5 USDC"}
  treasury: {balance: "18446744073709551615"}
---
apiVersion: psyche-reconcile/v1
kind: Authorization
metadata: {name: a}
spec:
  grantor: env:JOIN_KEY
  grantees: [public, )" + kGrantee + R"(]
)");
  ASSERT_THAT(m.diagnostics, IsEmpty());
  ASSERT_THAT(m.state.clusters, SizeIs(1));
  ASSERT_THAT(m.state.runs, SizeIs(1));
  ASSERT_THAT(m.state.authorizations, SizeIs(1));

  const ClusterSpec& c = m.state.clusters[0];
  EXPECT_TRUE(c.is_local());
  EXPECT_EQ(c.commitment, "confirmed");
  EXPECT_EQ(c.payer.location, "/keys/payer.json");
  EXPECT_EQ(c.treasurer_program->ToBase58(), kMint);
  EXPECT_FALSE(c.coordinator_program.has_value());
  EXPECT_EQ(c.origin.name, "local");
  EXPECT_EQ(c.origin.file, File());

  const RunSpec& r = m.state.runs[0];
  EXPECT_EQ(r.run_id, "r1");
  EXPECT_EQ(r.authority.location, (dir_ / "keys/owner.json").string());
  EXPECT_EQ(r.authority.pubkey->ToBase58(), kGrantee);
  EXPECT_EQ(r.join_authority->pubkey->ToBase58(), kMint);
  EXPECT_FALSE(r.join_authority->is_keypair());
  EXPECT_EQ(r.treasurer->collateral_mint.ToBase58(), kMint);
  EXPECT_EQ(r.treasurer->index, 7u);
  EXPECT_EQ(r.config_path, (dir_ / "m/cfg/config.toml").string());
  EXPECT_EQ(r.metadata->name, "Run one");
  EXPECT_EQ(r.metadata->description, "two\nlines");
  EXPECT_EQ(r.metadata->num_parameters, 20000000u);
  EXPECT_EQ(r.metadata->vocab_size, 0u);
  EXPECT_EQ(r.client_version, "latest");
  EXPECT_EQ(r.paused, false);
  EXPECT_EQ(r.epoch_rates->earning_rate_total_shared, Amount::BaseUnits(1000));
  EXPECT_EQ(r.epoch_rates->slashing_rate_per_client->decimal, "0.5");
  EXPECT_EQ(r.treasury_balance, Amount::BaseUnits(18446744073709551615u));
  EXPECT_EQ(r.origin.document, 1u);

  const AuthorizationSpec& a = m.state.authorizations[0];
  EXPECT_EQ(a.grantor.source, KeyRef::Source::kEnv);
  EXPECT_EQ(a.scope, "CoordinatorJoinRun");
  EXPECT_TRUE(a.active);
  ASSERT_THAT(a.grantees, SizeIs(2));
  EXPECT_TRUE(a.grantees[0].IsZero());
  EXPECT_EQ(a.grantees[1].ToBase58(), kGrantee);
}

TEST_F(ManifestTest, UnmanagedPartsStayAbsent) {
  LoadedManifests m = Load(RunYaml(""));
  ASSERT_THAT(m.diagnostics, IsEmpty());
  const RunSpec& r = m.state.runs.at(0);
  EXPECT_FALSE(r.join_authority || r.treasurer || r.config_path || r.metadata || r.paused ||
               r.epoch_rates || r.treasury_balance);
}

TEST_F(ManifestTest, PublicGranteeShorthand) {
  LoadedManifests m = Load(R"(apiVersion: psyche-reconcile/v1
kind: Authorization
metadata: {name: a}
spec: {grantor: file:j.json, grantees: public, active: false, scope: Other}
)");
  ASSERT_THAT(m.diagnostics, IsEmpty());
  const AuthorizationSpec& a = m.state.authorizations.at(0);
  ASSERT_THAT(a.grantees, SizeIs(1));
  EXPECT_TRUE(a.grantees[0].IsZero());
  EXPECT_FALSE(a.active);
  EXPECT_EQ(a.scope, "Other");
}

std::vector<std::string> Messages(const LoadedManifests& m) {
  std::vector<std::string> out;
  for (const Diagnostic& d : m.diagnostics) out.push_back(d.ToString());
  return out;
}

TEST_F(ManifestTest, LimitsAreInBytesNotCharacters) {
  std::string e17;
  for (int i = 0; i < 17; ++i) e17 += "\xC3\xA9";  // 17 characters, 34 bytes
  LoadedManifests m = Load(RunYaml("  metadata: {name: \"" + e17 + e17 + "\"}\n"));
  EXPECT_THAT(Messages(m), ElementsAre(File() + ":8:20: spec.metadata.name: is 68 bytes long; "
                                                "at most 64 bytes are allowed"));
  EXPECT_THAT(m.state.runs, IsEmpty());

  std::string yaml = RunYaml("");
  yaml.replace(yaml.find("runId: r1"), 9, "runId: " + e17);
  EXPECT_THAT(Messages(Load(yaml)),
              ElementsAre(File() + ":5:10: spec.runId: is 34 bytes long; at most 32 bytes are "
                                   "allowed"));
}

TEST_F(ManifestTest, RefusesControlCharactersAndBadKeys) {
  std::string yaml = RunYaml("");
  yaml.replace(yaml.find("runId: r1"), 9, "runId: \"a\\tb\"");
  EXPECT_THAT(Messages(Load(yaml)),
              ElementsAre(HasSubstr("spec.runId: must not contain control characters")));
  // 34 base58 '1's pass the schema pattern but decode to 34 bytes.
  EXPECT_THAT(Messages(Load(RunYaml("  treasurer: {collateralMint: 1111111111111111111111111111111111}\n"))),
              ElementsAre(HasSubstr(":8:31: spec.treasurer.collateralMint: not a public key")));
}

TEST_F(ManifestTest, RefusesOverflowingAmountStrings) {
  EXPECT_THAT(Messages(Load(RunYaml("  treasury: {balance: 18446744073709551616}\n"))),
              ElementsAre(HasSubstr(":8:23: spec.treasury.balance: amount 18446744073709551616 "
                                    "exceeds the largest u64 value")));
  EXPECT_THAT(Messages(Load(RunYaml("  treasury: {balance: \"99999999999999999999.5 USDC\"}\n"))),
              ElementsAre(HasSubstr("spec.treasury.balance: amount 99999999999999999999 exceeds")));
}

}  // namespace
}  // namespace reconciler
