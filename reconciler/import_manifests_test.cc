#include "reconciler/import_manifests.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "providers/psyche/authorizer.h"
#include "providers/psyche/treasurer.h"
#include "reconciler/manifest.h"
#include "reconciler/planner_fixtures_for_test.h"

namespace reconciler {
namespace {

using testing::ExampleRunConfig;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::Key;
using ::testing::Not;

const std::string* FileText(const ImportedFiles& f, const std::string& name) {
  for (const auto& [n, text] : f.files) {
    if (n == name) return &text;
  }
  return nullptr;
}

LiveRun ConfiguredRun() {
  LiveRun run;
  run.run_id = "My Run #1";
  run.instance.main_authority = Key(1);
  run.instance.join_authority = Key(1);
  run.instance.run_id = run.run_id;
  const psyche::RunConfig rc = ExampleRunConfig();
  run.coordinator.config = rc.config;
  run.coordinator.model = rc.model;
  run.coordinator.client_version = "latest";
  run.coordinator.metadata.name = "say \"hi\"";
  run.coordinator.metadata.description = "two\nlines";
  run.coordinator.run_state = psyche::RunState::kPaused;
  run.grantor = Key(1);
  return run;
}

ClusterSpec Cluster() {
  ClusterSpec c;
  c.origin.name = "devnet";
  c.origin.file = "/repo/cluster.yaml";
  c.rpc_url = "https://api.devnet.solana.com";
  c.payer.source = KeyRef::Source::kFile;
  c.payer.location = "/repo/keys/payer.json";
  return c;
}

// The rendered files load as valid manifests with the values read.
TEST(ImportManifestsTest, RendersManifestsThatLoadBack) {
  LiveRun run = ConfiguredRun();
  psyche::Authorization open;
  open.grantor = Key(1);
  open.scope = solana::Bytes(psyche::kJoinRunScope.begin(), psyche::kJoinRunScope.end());
  open.active = true;
  psyche::Authorization revoked = open;
  revoked.grantee = Key(7);
  revoked.active = false;
  run.authorizations = {open, revoked};

  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / ("import_render_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto files = RenderImport(run, Cluster(), (dir / "out").string());
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_THAT(files->notes, IsEmpty());
  ASSERT_NE(FileText(*files, "config.toml"), nullptr);
  std::filesystem::create_directories(dir / "out");
  for (const auto& [name, text] : files->files) std::ofstream(dir / "out" / name) << text;

  LoadedManifests m = LoadManifests({(dir / "out").string()});
  EXPECT_THAT(m.diagnostics, IsEmpty());
  ASSERT_EQ(m.state.runs.size(), 1u);
  const RunSpec& r = m.state.runs[0];
  EXPECT_EQ(r.origin.name, "my-run-1");
  EXPECT_EQ(r.run_id, "My Run #1");
  EXPECT_FALSE(r.authority.is_keypair());
  EXPECT_EQ(*r.authority.pubkey, Key(1));
  EXPECT_FALSE(r.join_authority.has_value());  // same as the authority
  EXPECT_EQ(r.metadata->name, "say \"hi\"");
  EXPECT_EQ(r.metadata->description, "two\nlines");
  EXPECT_EQ(r.paused, std::optional<bool>(true));
  EXPECT_FALSE(r.epoch_rates.has_value());  // zero rates, no treasurer: not written
  auto config = psyche::ReadRunConfigFile(*r.config_path);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(*config == ExampleRunConfig());

  ASSERT_EQ(m.state.authorizations.size(), 2u);
  EXPECT_TRUE(m.state.authorizations[0].active);
  EXPECT_TRUE(m.state.authorizations[0].grantees[0].IsZero());  // "public"
  EXPECT_FALSE(m.state.authorizations[1].active);
  EXPECT_EQ(m.state.authorizations[1].grantees[0], Key(7));

  ASSERT_EQ(m.state.clusters.size(), 1u);
  EXPECT_EQ(m.state.clusters[0].payer.location, "/repo/keys/payer.json");  // ../keys from /repo/out
  std::filesystem::remove_all(dir);
}

TEST(ImportManifestsTest, TreasurerRunWritesIntegerAmountsAndAnExplicitIndexOnlyWhenNeeded) {
  LiveRun run = ConfiguredRun();
  psyche::TreasurerRun tr;
  tr.index = psyche::DefaultTreasurerIndex(run.run_id);
  tr.main_authority = Key(2);
  tr.collateral_mint = Key(3);
  run.treasurer_run = tr;
  run.vault = psyche::TokenAccount{};
  run.vault->amount = 1000500000;
  run.coordinator.clients_state.future_epoch_rates = {10000000, 0};
  auto files = RenderImport(run, Cluster(), "/repo/out");
  ASSERT_TRUE(files.ok());
  const std::string& y = *FileText(*files, "run.yaml");
  EXPECT_THAT(y, HasSubstr("authority: " + Key(2).ToBase58() + "   # replace with file:"));
  EXPECT_THAT(y, HasSubstr("joinAuthority: " + Key(1).ToBase58()));
  EXPECT_THAT(y, HasSubstr("balance: 1000500000"));
  EXPECT_THAT(y, HasSubstr("earningRateTotalShared: 10000000\n"));
  EXPECT_THAT(y, HasSubstr("slashingRatePerClient: 0\n"));
  EXPECT_THAT(y, Not(HasSubstr("index:")));

  run.treasurer_run->index = 42;
  files = RenderImport(run, Cluster(), "/repo/out");
  ASSERT_TRUE(files.ok());
  EXPECT_THAT(*FileText(*files, "run.yaml"), HasSubstr("    index: 42\n"));
}

// A run never configured has a config the program refuses: it is not
// managed, and the note says why.
TEST(ImportManifestsTest, UnconfiguredRunLeavesTheConfigOut) {
  LiveRun run = ConfiguredRun();
  run.coordinator.config = psyche::CoordinatorConfig{};
  auto files = RenderImport(run, Cluster(), "/repo/out");
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(FileText(*files, "config.toml"), nullptr);
  EXPECT_THAT(*FileText(*files, "run.yaml"), Not(HasSubstr("config:")));
  ASSERT_FALSE(files->notes.empty());
  EXPECT_THAT(files->notes[0], HasSubstr("not managed"));
}

TEST(ImportManifestsTest, MissingClientVersionIsAnError) {
  LiveRun run = ConfiguredRun();
  run.coordinator.client_version.reset();
  EXPECT_FALSE(RenderImport(run, Cluster(), "/repo/out").ok());
}

TEST(ImportManifestsTest, NamesAndQuoting) {
  EXPECT_EQ(ManifestNameFor("rewarded-demo"), "rewarded-demo");
  EXPECT_EQ(ManifestNameFor("__X__"), "x");
  EXPECT_EQ(ManifestNameFor("!!!"), "run");
  EXPECT_EQ(ManifestNameFor(std::string(60, 'a')).size(), 40u);
  EXPECT_EQ(YamlQuote("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\x01\"");
}

}  // namespace
}  // namespace reconciler
