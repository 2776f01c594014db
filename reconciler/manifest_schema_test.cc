#include "reconciler/manifest_schema.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reconciler {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kRun[] = R"(apiVersion: psyche-reconcile/v1
kind: Run
metadata:
  name: my-run
spec:
  runId: my-run
  authority: file:keys/owner.json
  joinAuthority: 7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU
  treasurer:
    collateralMint: 7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU
  config: config.toml
  metadata:
    name: My run
    numParameters: 20000000
  clientVersion: latest
  paused: false
  epochRates:
    earningRateTotalShared: 1000
    slashingRatePerClient: "12.5 USDC"
  treasury:
    balance: 5000000
)";

// Parses `yaml` (one document) and returns the schema check of it.
SchemaCheck Check(const std::string& yaml) {
  YamlLoadResult loaded = ParseYamlDocuments(yaml, "m.yaml");
  EXPECT_THAT(loaded.diagnostics, IsEmpty());
  if (loaded.documents.size() != 1) {
    ADD_FAILURE() << "expected one document";
    return {};
  }
  return CheckManifestSchema(loaded.documents[0]);
}

std::string OnlyError(const SchemaCheck& check) {
  EXPECT_THAT(check.diagnostics, SizeIs(1));
  EXPECT_FALSE(check.kind.has_value());
  return check.diagnostics.empty() ? "" : check.diagnostics[0].ToString();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(ManifestSchemaTest, EveryKindHasACompiledInSchema) {
  for (Kind kind : {Kind::kCluster, Kind::kRun, Kind::kAuthorization}) {
    EXPECT_THAT(SchemaText(kind), HasSubstr(std::string("\"enum\": [\"") + KindName(kind) + "\"]"));
    EXPECT_EQ(KindFromName(KindName(kind)), kind);
  }
  EXPECT_EQ(KindFromName("run"), std::nullopt);
}

TEST(ManifestSchemaTest, AcceptsValidDocumentsOfEachKind) {
  SchemaCheck run = Check(kRun);
  EXPECT_THAT(run.diagnostics, IsEmpty());
  EXPECT_EQ(run.kind, Kind::kRun);

  SchemaCheck cluster = Check(R"(apiVersion: psyche-reconcile/v1
kind: Cluster
metadata: {name: local}
spec:
  rpcUrl: local
  commitment: confirmed
  payer: {keypair: "env:PAYER", pubkey: 7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU}
  programIds: {coordinator: 4SHugWqSXwKE5fqDchkJcPEqnoZE22VYKtSTVm7axbT7}
)");
  EXPECT_THAT(cluster.diagnostics, IsEmpty());
  EXPECT_EQ(cluster.kind, Kind::kCluster);

  SchemaCheck auth = Check(R"(apiVersion: psyche-reconcile/v1
kind: Authorization
metadata: {name: joiners}
spec:
  grantor: file:join.json
  grantees: public
)");
  EXPECT_THAT(auth.diagnostics, IsEmpty());
  EXPECT_EQ(auth.kind, Kind::kAuthorization);
}

// import writes keys it cannot know as bare public keys: they plan, and only
// signing (apply) needs a keypair reference.
TEST(ManifestSchemaTest, SignerMayBeABarePublicKey) {
  EXPECT_THAT(Check(Replace(kRun, "authority: file:keys/owner.json",
                            "authority: 7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"))
                  .diagnostics,
              IsEmpty());
}

TEST(ManifestSchemaTest, UnknownKindAndApiVersion) {
  EXPECT_EQ(OnlyError(Check(Replace(kRun, "kind: Run", "kind: Runner"))),
            "m.yaml:2:7: kind: unknown kind: got string \"Runner\"; expected one of: Cluster, "
            "Run, Authorization");
  EXPECT_EQ(OnlyError(Check(Replace(kRun, "psyche-reconcile/v1", "psyche-reconcile/v2"))),
            "m.yaml:1:13: apiVersion: got string \"psyche-reconcile/v2\"; expected "
            "psyche-reconcile/v1");
  EXPECT_EQ(OnlyError(Check("- a\n- b\n")),
            "m.yaml:1:1: a manifest must be a mapping with apiVersion, kind, metadata and spec; "
            "got list");
}

TEST(ManifestSchemaTest, UnknownFieldNamesTheFieldAtItsKey) {
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "  paused: false\n", "  paused: false\n  pasued: 1\n"))),
              HasSubstr("m.yaml:17:3: spec.pasued: unknown field; allowed here: runId, authority"));
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "    balance: 5000000\n",
                                      "    balance: 5000000\n    extra: 1\n"))),
              HasSubstr("m.yaml:22:5: spec.treasury.extra: unknown field"));
}

TEST(ManifestSchemaTest, WrongTypes) {
  EXPECT_EQ(OnlyError(Check(Replace(kRun, "runId: my-run", "runId: 5"))),
            "m.yaml:6:10: spec.runId: got integer 5; expected the run id, 1 to 32 bytes of UTF-8");
  EXPECT_EQ(OnlyError(Check(Replace(kRun, "paused: false", "paused: yes"))),
            "m.yaml:16:11: spec.paused: got string \"yes\"; expected boolean");
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "numParameters: 20000000", "numParameters: 2.5"))),
              HasSubstr("m.yaml:14:20: spec.metadata.numParameters: got number 2.5; expected a "
                        "non-negative integer"));
}

TEST(ManifestSchemaTest, MissingRequiredFieldPointsAtTheParent) {
  EXPECT_EQ(OnlyError(Check(Replace(kRun, "  clientVersion: latest\n", ""))),
            "m.yaml:6:3: spec.clientVersion: required field is missing");
}

TEST(ManifestSchemaTest, RejectsBadAmounts) {
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "balance: 5000000", "balance: -5"))),
              HasSubstr("m.yaml:21:14: spec.treasury.balance: got integer -5; must be at least 0"));
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "balance: 5000000", "balance: 12.5"))),
              HasSubstr("spec.treasury.balance: got number 12.5; expected a non-negative integer "
                        "number of base units, or a decimal with a unit"));
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "balance: 5000000", "balance: \"12.5\""))),
              HasSubstr("spec.treasury.balance: invalid value \"12.5\""));
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "balance: 5000000", "balance: \"-3 USDC\""))),
              HasSubstr("spec.treasury.balance: invalid value \"-3 USDC\""));
}

TEST(ManifestSchemaTest, RejectsBadKeysNamesAndGrantees) {
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "authority: file:keys/owner.json",
                                      "authority: keys/owner.json"))),
              HasSubstr("spec.authority: invalid value \"keys/owner.json"));
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "collateralMint: 7xKX", "collateralMint: 0xKX"))),
              HasSubstr("spec.treasurer.collateralMint: invalid value"));
  EXPECT_THAT(OnlyError(Check(Replace(kRun, "name: my-run", "name: My_Run"))),
              HasSubstr("m.yaml:4:9: metadata.name: invalid value \"My_Run\""));
  const std::string auth = R"(apiVersion: psyche-reconcile/v1
kind: Authorization
metadata: {name: joiners}
spec:
  grantor: file:join.json
  grantees: GRANTEES
)";
  EXPECT_THAT(OnlyError(Check(Replace(auth, "GRANTEES", "[]"))),
              HasSubstr("spec.grantees: must list at least 1 entries"));
  EXPECT_THAT(OnlyError(Check(Replace(auth, "GRANTEES", "everyone"))),
              HasSubstr("spec.grantees: invalid value \"everyone\""));
  EXPECT_THAT(OnlyError(Check(Replace(auth, "GRANTEES", "[public, public]"))),
              HasSubstr("m.yaml:6:22: spec.grantees[1]: lists the same entry twice"));
  EXPECT_THAT(OnlyError(Check(Replace(auth, "GRANTEES", "[public, nope]"))),
              HasSubstr("m.yaml:6:22: spec.grantees[1]: invalid value \"nope\""));
}

}  // namespace
}  // namespace reconciler
