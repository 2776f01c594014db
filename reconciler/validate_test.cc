#include "reconciler/validate.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/solana/keypair.h"

namespace reconciler {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kMint[] = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";
constexpr char kJoiner[] = "9L4yCH7TsMn9JfoXYEupuQwtcNPTTtHcyNL6uqDfjwGB";

std::string Fixture(const std::string& name) {
  return std::string(PSYCHE_SOURCE_DIR) + "/tests/fixtures/run-configs/" + name;
}

class ValidateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("validate_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "keys");
    owner_ = WriteKey("keys/owner.json");
    payer_ = WriteKey("keys/payer.json");
    fs::copy_file(Fixture("solana-test__config.toml"), dir_ / "config.toml");
    Write("cluster.yaml", R"(apiVersion: psyche-reconcile/v1
kind: Cluster
metadata: {name: local}
spec: {rpcUrl: local, payer: file:keys/payer.json}
)");
  }
  void TearDown() override { fs::remove_all(dir_); }

  solana::Pubkey WriteKey(const std::string& name) {
    solana::Keypair k = solana::Keypair::Generate();
    EXPECT_TRUE(k.WriteFile((dir_ / name).string()).ok());
    return k.pubkey();
  }
  void Write(const std::string& name, const std::string& text) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name) << text;
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Messages of a validation of the whole directory.
  std::vector<std::string> Validate(const ValidateOptions& options = {}) {
    LoadedManifests m = ValidateManifests({dir_.string()}, options);
    std::vector<std::string> out;
    for (const Diagnostic& d : m.diagnostics) out.push_back(d.ToString());
    return out;
  }

  fs::path dir_;
  solana::Pubkey owner_;
  solana::Pubkey payer_;
};

std::string RunYaml(const std::string& name, const std::string& run_id, const std::string& extra,
                    const std::string& authority = "file:keys/owner.json") {
  return "apiVersion: psyche-reconcile/v1\nkind: Run\nmetadata: {name: " + name +
         "}\nspec:\n  runId: " + run_id + "\n  authority: " + authority +
         "\n  clientVersion: latest\n" + extra;
}

std::string AuthYaml(const std::string& name, const std::string& grantees) {
  return "apiVersion: psyche-reconcile/v1\nkind: Authorization\nmetadata: {name: " + name +
         "}\nspec:\n  grantor: file:keys/owner.json\n  grantees: " + grantees + "\n";
}

TEST_F(ValidateTest, AcceptsACompleteSet) {
  Write("runs/run.yaml", "apiVersion: psyche-reconcile/v1\nkind: Run\nmetadata: {name: r}\n"
                         "spec:\n  runId: r1\n  clientVersion: latest\n"
                         "  authority: {keypair: file:../keys/owner.json, pubkey: " +
                             owner_.ToBase58() + "}\n  treasurer: {collateralMint: " + kMint +
                             "}\n  config: ../config.toml\n"
                             "  epochRates: {earningRateTotalShared: \"1.5 USDC\"}\n"
                             "  treasury: {balance: 1000}\n");
  Write("auth.yaml", AuthYaml("a", std::string("[public, ") + kJoiner + "]"));
  EXPECT_THAT(Validate(), IsEmpty());
}

TEST_F(ValidateTest, MissingKeyFile) {
  Write("run.yaml", RunYaml("r", "r1", "", "file:keys/nobody.json"));
  EXPECT_THAT(Validate(), ElementsAre(AllOf(
                              HasSubstr(Path("run.yaml") + ":6:14: spec.authority: cannot open"),
                              HasSubstr(Path("keys/nobody.json")))));
}

// What import writes for a key it cannot know: valid, with a warning that
// apply will not be able to sign.
TEST_F(ValidateTest, BarePublicKeySignerIsAWarning) {
  Write("run.yaml", RunYaml("r", "r1", "", owner_.ToBase58()));
  EXPECT_THAT(Validate(),
              ElementsAre(AllOf(HasSubstr(Path("run.yaml") + ":6:14: warning: spec.authority"),
                                HasSubstr("apply cannot sign"))));
}

TEST_F(ValidateTest, KeyFileForTheWrongPubkey) {
  Write("cluster.yaml", std::string(R"(apiVersion: psyche-reconcile/v1
kind: Cluster
metadata: {name: local}
spec:
  rpcUrl: https://api.devnet.solana.com
  payer: {keypair: file:keys/payer.json, pubkey: )") + owner_.ToBase58() + "}\n");
  EXPECT_THAT(Validate(),
              ElementsAre(Path("cluster.yaml") + ":6:10: spec.payer: the keypair in "
                          "file:keys/payer.json has public key " + payer_.ToBase58() +
                          ", but the manifest expects " + owner_.ToBase58()));
}

TEST_F(ValidateTest, DuplicateRunIdsAndNames) {
  Write("a.yaml", RunYaml("r", "same", ""));
  Write("b.yaml", RunYaml("r", "same", ""));
  EXPECT_THAT(Validate(),
              ElementsAre(Path("b.yaml") + ":3:18: metadata.name: another Run manifest has this "
                                           "name (" + Path("a.yaml") + ":3:18)",
                          Path("b.yaml") + ":5:10: spec.runId: run id \"same\" is already "
                                           "declared at " + Path("a.yaml") + ":5:10"));
}

TEST_F(ValidateTest, DuplicateAuthorizations) {
  Write("a.yaml", AuthYaml("a", std::string("[") + kJoiner + "]"));
  // "public" and the all-ones system address are the same grantee.
  Write("b.yaml", AuthYaml("b", std::string("[11111111111111111111111111111111, public, ") +
                                         kJoiner + "]"));
  EXPECT_THAT(Validate(),
              ElementsAre(HasSubstr(Path("b.yaml") + ":6:48: spec.grantees[1]: grantee public "
                                                     "of grantor " + owner_.ToBase58() +
                                    " for scope CoordinatorJoinRun is already declared at " +
                                    Path("b.yaml") + ":6:14"),
                          HasSubstr(Path("b.yaml") + ":6:56: spec.grantees[2]: grantee " +
                                    kJoiner)));
}

TEST_F(ValidateTest, ExactlyOneCluster) {
  fs::remove(dir_ / "cluster.yaml");
  Write("run.yaml", RunYaml("r", "r1", ""));
  EXPECT_THAT(Validate(), ElementsAre(dir_.string() + ": no Cluster manifest found; exactly one "
                                                      "is required"));
  Write("c1.yaml", "apiVersion: psyche-reconcile/v1\nkind: Cluster\nmetadata: {name: a}\n"
                   "spec: {rpcUrl: local, payer: file:keys/payer.json}\n");
  Write("c2.yaml", "apiVersion: psyche-reconcile/v1\nkind: Cluster\nmetadata: {name: b}\n"
                   "spec: {rpcUrl: local, payer: file:keys/payer.json}\n");
  EXPECT_THAT(Validate(), ElementsAre(HasSubstr(Path("c2.yaml") + ":2:7: kind: a second Cluster "
                                                                  "manifest")));
}

TEST_F(ValidateTest, MissingPathIsReportedOnce) {
  LoadedManifests m = ValidateManifests({Path("nope")});
  EXPECT_THAT(m.diagnostics, ElementsAre(::testing::Field(
                                 &Diagnostic::message, "no such file or directory")));
}

TEST_F(ValidateTest, RunConfigMustPassTheProgramChecks) {
  fs::copy_file(Fixture("test__state.toml"), dir_ / "bad.toml");
  Write("run.yaml", RunYaml("r", "r1", "  config: bad.toml\n"));
  EXPECT_THAT(Validate(), ElementsAre(AllOf(HasSubstr(Path("run.yaml") + ":8:11: spec.config: " +
                                                      Path("bad.toml") + ": model.LLM.optimizer"),
                                            HasSubstr("ModelSanityCheckFailed"))));
  Write("run.yaml", RunYaml("r", "r1", "  config: missing.toml\n"));
  EXPECT_THAT(Validate(), ElementsAre(HasSubstr("spec.config: " + Path("missing.toml"))));
  Write("notconfig.toml", "[config]\nwarmup_time = 1\n");
  Write("run.yaml", RunYaml("r", "r1", "  config: notconfig.toml\n"));
  EXPECT_THAT(Validate(), ::testing::Contains(HasSubstr("spec.config: " + Path("notconfig.toml"))));
}

TEST_F(ValidateTest, RunConfigCheckerHookGetsTheResolvedPath) {
  Write("sub/run.yaml",
        RunYaml("r", "r1", "  config: ../config.toml\n", "file:../keys/owner.json"));
  std::vector<std::string> seen;
  ValidateOptions options;
  options.check_run_config = [&](const std::string& path) {
    seen.push_back(path);
    return std::vector<std::string>{"nope"};
  };
  EXPECT_THAT(Validate(options), ElementsAre(HasSubstr("spec.config: nope")));
  EXPECT_THAT(seen, ElementsAre(Path("config.toml")));
}

TEST_F(ValidateTest, TreasuryAndTokenAmountsNeedATreasurer) {
  Write("run.yaml", RunYaml("r", "r1", "  epochRates: {earningRateTotalShared: 5, "
                                   "slashingRatePerClient: \"1 USDC\"}\n"
                                   "  treasury: {balance: 10}\n"));
  EXPECT_THAT(Validate(),
              ElementsAre(HasSubstr(":8:66: spec.epochRates.slashingRatePerClient: an amount in "
                                    "tokens needs spec.treasurer.collateralMint"),
                          HasSubstr(":9:13: spec.treasury: needs spec.treasurer")));
}

TEST_F(ValidateTest, KeyFileOpenToOthersIsAWarningOnly) {
  ::chmod(Path("keys/payer.json").c_str(), 0644);
  LoadedManifests m = ValidateManifests({dir_.string()});
  ASSERT_THAT(m.diagnostics, SizeIs(1));
  EXPECT_EQ(m.diagnostics[0].severity, Severity::kWarning);
  EXPECT_THAT(m.diagnostics[0].ToString(), HasSubstr("warning: spec.payer: key file"));
  EXPECT_FALSE(HasErrors(m.diagnostics));
}

}  // namespace
}  // namespace reconciler
