// Prune on an in-process localnet: resources on chain that no manifest names
// are reported by default, deactivated with --prune, closed with
// --prune=close; every guard refuses before anything is sent.
#include "reconciler/prune.h"

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/rent.h"
#include "reconciler/prune_test_util.h"
#include "reconciler/render_json.h"
#include "reconciler/render_markdown.h"
#include "reconciler/render_text.h"

namespace reconciler {
namespace {

solana::Pubkey Grantee(uint8_t n) {
  std::array<uint8_t, 32> b{};
  b.fill(0x40);
  b[31] = n;
  return solana::Pubkey(b);
}

const ResourceChange* Find(const Plan& p, const std::string& address) {
  for (const ResourceChange& c : p.changes) {
    if (c.address == address) return &c;
  }
  return nullptr;
}

std::string UnmanagedAuth(uint8_t grantee) {
  return "authorization.unmanaged[" + Grantee(grantee).ToBase58() + "]";
}

class PruneTest : public testing::LocalnetManifests {
 protected:
  void SetUp() override {
    StartFrom("public-run");
    std::filesystem::remove(File("run.yaml"));
    std::filesystem::remove(File("authorization.yaml"));
    WriteCluster();
  }

  void WriteCluster(const std::string& extra = "") {
    testing::WriteText(File("cluster.yaml"),
                       "apiVersion: psyche-reconcile/v1\nkind: Cluster\nmetadata:\n  name: localnet\n"
                       "spec:\n  rpcUrl: local\n  payer: file:keys/payer.json\n"
                       "  managedAuthorities:\n    - file:keys/owner.json\n" +
                           extra);
  }

  void WriteAuthorization(const std::vector<uint8_t>& grantees, bool protect = false) {
    std::string text =
        "apiVersion: psyche-reconcile/v1\nkind: Authorization\nmetadata:\n  name: joiners\n"
        "spec:\n  grantor: file:keys/owner.json\n  grantees:\n";
    for (uint8_t g : grantees) absl::StrAppend(&text, "    - ", Grantee(g).ToBase58(), "\n");
    if (protect) text += "  protect: true\n";
    testing::WriteText(File("authorization.yaml"), text);
  }

  void WriteRun(const std::string& file, const std::string& run_id, const std::string& extra = "") {
    testing::WriteText(File(file), "apiVersion: psyche-reconcile/v1\nkind: Run\nmetadata:\n  name: " +
                                       run_id + "\nspec:\n  runId: " + run_id +
                                       "\n  authority: file:keys/owner.json\n"
                                       "  clientVersion: latest\n" +
                                       extra);
  }

  solana::Pubkey Pda(uint8_t grantee) {
    auto a = psyche::AuthorizationAddress(Key("owner"), Grantee(grantee), psyche::JoinRunScope());
    EXPECT_TRUE(a.ok());
    return a->address;
  }

  std::optional<psyche::Authorization> OnChain(uint8_t grantee) {
    auto a = ledger().GetAccounts({Pda(grantee)})[0];
    if (!a || a->lamports == 0) return std::nullopt;
    auto d = psyche::DecodeAuthorization(a->owner, a->data);
    EXPECT_TRUE(d.ok()) << d.status();
    return *d;
  }

  // Three authorizations applied, then the manifest keeps only the first.
  void ThreeAppliedOneKept(bool protect = false) {
    WriteAuthorization({1, 2, 3}, protect);
    auto s = Apply();
    ASSERT_TRUE(s.ok()) << s.status();
    ASSERT_TRUE(OnChain(2).has_value());
    WriteAuthorization({1}, protect);
  }

  // A refusal: the error names `want`, and nothing reached the chain.
  void ExpectRefused(PruneMode mode, std::optional<uint64_t> max_destroy, const std::string& want) {
    const solana::Hash before = ChainDigest();
    const int sends = send_posts();
    auto p = MakePlanFor(mode, max_destroy);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_TRUE(absl::StrContains(p.status().message(), want)) << p.status();
    auto a = Apply(mode, max_destroy);
    ASSERT_FALSE(a.ok());
    EXPECT_TRUE(absl::StrContains(a.status().message(), want)) << a.status();
    EXPECT_EQ(send_posts(), sends);
    EXPECT_EQ(ChainDigest(), before);
  }
};

TEST_F(PruneTest, ExtraAuthorizationsAreShownAsNotManagedAndNothingIsPlanned) {
  ThreeAppliedOneKept();
  auto r = MakePlanFor();
  ASSERT_TRUE(r.ok()) << r.status();
  const Plan& p = r->build.plan;
  for (uint8_t g : {2, 3}) {
    const ResourceChange* c = Find(p, UnmanagedAuth(g));
    ASSERT_NE(c, nullptr) << g;
    EXPECT_EQ(c->action, Action::kRead);
    EXPECT_TRUE(absl::StrContains(absl::StrJoin(c->notes, "|"), "not managed"));
  }
  EXPECT_TRUE(p.operations.empty());
  EXPECT_FALSE(p.Summary().has_changes());
  EXPECT_EQ(p.Summary().read, 2);
  EXPECT_TRUE(absl::StrContains(RenderText(p, {}), "(read only, not managed)"));
  EXPECT_TRUE(absl::StrContains(RenderMarkdown(p), "not managed"));
}

TEST_F(PruneTest, PruneDeactivatesThenPlansNoChanges) {
  ThreeAppliedOneKept();
  auto r = MakePlanFor(PruneMode::kDeactivate);
  ASSERT_TRUE(r.ok()) << r.status();
  const Plan& p = r->build.plan;
  EXPECT_EQ(p.Summary().destroy, 2);
  ASSERT_EQ(p.operations.size(), 2u);
  EXPECT_TRUE(absl::EndsWith(p.operations[0].id, ":deactivate"));
  EXPECT_EQ(Find(p, UnmanagedAuth(2))->action, Action::kDelete);
  const std::string text = RenderText(p, {});
  EXPECT_TRUE(absl::StrContains(text, "- authorization.unmanaged[")) << text;
  EXPECT_TRUE(absl::StrContains(text, "2 to destroy")) << text;
  EXPECT_TRUE(absl::StrContains(RenderJson(p), "\"destroy\": 2")) << RenderJson(p);
  EXPECT_TRUE(absl::StrContains(RenderMarkdown(p), "| delete |")) << RenderMarkdown(p);

  auto s = Apply(PruneMode::kDeactivate);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_GE(s->applied, 1);  // transactions: apply packs operations
  EXPECT_FALSE(OnChain(2)->active);
  EXPECT_FALSE(OnChain(3)->active);
  EXPECT_TRUE(OnChain(1)->active);  // the managed one is untouched

  auto again = MakePlanFor(PruneMode::kDeactivate);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->build.plan.Summary().has_changes());
  EXPECT_TRUE(again->build.plan.operations.empty());
}

TEST_F(PruneTest, PruneCloseClosesAndReturnsTheRent) {
  ThreeAppliedOneKept();
  const uint64_t rent = Lamports(Pda(2));
  ASSERT_EQ(rent, psyche::RentExemptMinimum(psyche::AuthorizationAccountSize(18, 0)));
  const uint64_t payer_before = Lamports(Key("payer"));
  auto s = Apply(PruneMode::kClose);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_GE(s->applied, 1);  // transactions: apply packs operations
  EXPECT_FALSE(OnChain(2).has_value());
  EXPECT_FALSE(OnChain(3).has_value());
  EXPECT_TRUE(OnChain(1).has_value());
  EXPECT_EQ(Lamports(Key("payer")), payer_before + 2 * rent - s->fees_lamports);
  auto again = MakePlanFor(PruneMode::kClose);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->build.plan.Summary().has_changes());
}

TEST_F(PruneTest, PruneCloseOfAnInactiveOneAfterDeactivation) {
  ThreeAppliedOneKept();
  ASSERT_TRUE(Apply(PruneMode::kDeactivate).ok());
  auto r = MakePlanFor(PruneMode::kClose);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->build.plan.operations.size(), 2u);
  EXPECT_EQ(r->build.plan.operations[0].description, "authorization_close");
  ASSERT_TRUE(Apply(PruneMode::kClose).ok());
  EXPECT_FALSE(OnChain(2).has_value());
}

TEST_F(PruneTest, RentGoesToThePruneRentRecipient) {
  ThreeAppliedOneKept();
  const solana::Pubkey recipient = Grantee(0x99);
  WriteCluster("  pruneRentRecipient: " + recipient.ToBase58() + "\n");
  const uint64_t rent = Lamports(Pda(2));
  ASSERT_TRUE(Apply(PruneMode::kClose).ok());
  EXPECT_EQ(Lamports(recipient), 2 * rent);
}

TEST_F(PruneTest, MaxDestroyRefusesALargerPlan) {
  ThreeAppliedOneKept();
  ExpectRefused(PruneMode::kDeactivate, 1, "--max-destroy 1");
  EXPECT_TRUE(OnChain(2)->active);
  auto ok = MakePlanFor(PruneMode::kDeactivate, 2);  // exactly at the limit
  EXPECT_TRUE(ok.ok()) << ok.status();
}

TEST_F(PruneTest, ProtectedAuthorizationsAreNotPrunedEvenOnceUnlisted) {
  ThreeAppliedOneKept(/*protect=*/true);
  ExpectRefused(PruneMode::kClose, std::nullopt,
                "protect: true): " + UnmanagedAuth(2));
  EXPECT_TRUE(OnChain(2).has_value());
  // Without --prune the plan still only reports them.
  EXPECT_TRUE(MakePlanFor().ok());
  // Unprotecting: protect: false while still listed, one plan, then remove.
  WriteAuthorization({1, 2, 3}, false);
  ASSERT_TRUE(MakePlanFor().ok());
  WriteAuthorization({1}, false);
  auto s = Apply(PruneMode::kClose);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_FALSE(OnChain(2).has_value());
}

TEST_F(PruneTest, AnEmptyManifestSetNeverPrunes) {
  ThreeAppliedOneKept();
  std::filesystem::remove(File("authorization.yaml"));
  ExpectRefused(PruneMode::kDeactivate, std::nullopt, "empty manifest set never prunes");
  auto report = MakePlanFor();  // reporting is fine
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->build.plan.Summary().read, 3);
}

class PruneRunTest : public PruneTest {
 protected:
  solana::Pubkey Instance(const std::string& run_id) {
    auto a = psyche::CoordinatorInstanceAddress(run_id, psyche::program_ids::Coordinator());
    EXPECT_TRUE(a.ok());
    return a->address;
  }
};

TEST_F(PruneRunTest, RemovedHaltedRunIsReportedThenClosedWithPrune) {
  WriteAuthorization({1});
  WriteRun("keep.yaml", "keep");
  WriteRun("gone.yaml", "gone");
  ASSERT_TRUE(Apply().ok());
  ASSERT_TRUE(Exists(Instance("gone")));
  auto inst = psyche::DecodeCoordinatorInstance(ledger().GetAccounts({Instance("gone")})[0]->data);
  ASSERT_TRUE(inst.ok());
  const solana::Pubkey account = inst->coordinator_account;
  const uint64_t rent = Lamports(Instance("gone")) + Lamports(account);
  std::filesystem::remove(File("gone.yaml"));

  auto report = MakePlanFor();
  ASSERT_TRUE(report.ok()) << report.status();
  const ResourceChange* c = Find(report->build.plan, UnmanagedRunAddress("gone"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->action, Action::kRead);
  EXPECT_FALSE(report->build.plan.Summary().has_changes());

  auto r = MakePlanFor(PruneMode::kDeactivate);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->build.plan.operations.size(), 1u);
  EXPECT_EQ(r->build.plan.operations[0].description, "free_coordinator");
  const uint64_t payer_before = Lamports(Key("payer"));
  auto s = Apply(PruneMode::kDeactivate);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_FALSE(Exists(Instance("gone")));
  EXPECT_FALSE(Exists(account));
  EXPECT_TRUE(Exists(Instance("keep")));
  EXPECT_EQ(Lamports(Key("payer")), payer_before + rent - s->fees_lamports);
  auto again = MakePlanFor(PruneMode::kDeactivate);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->build.plan.Summary().has_changes());
}

TEST_F(PruneRunTest, RunningRunIsNotClosed) {
  WriteAuthorization({1});
  WriteRun("live.yaml", "live", "  config: config.toml\n  paused: false\n");
  ASSERT_TRUE(Apply().ok());
  std::filesystem::remove(File("live.yaml"));
  auto r = MakePlanFor(PruneMode::kDeactivate);
  ASSERT_TRUE(r.ok()) << r.status();
  const ResourceChange* c = Find(r->build.plan, UnmanagedRunAddress("live"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->action, Action::kRead);
  EXPECT_TRUE(r->build.plan.operations.empty());
  EXPECT_TRUE(absl::StrContains(absl::StrJoin(r->build.plan.warnings, "|"), "halted"))
      << absl::StrJoin(r->build.plan.warnings, "|");
  const solana::Hash before = ChainDigest();
  ASSERT_TRUE(Apply(PruneMode::kDeactivate).ok());
  EXPECT_EQ(ChainDigest(), before);
  EXPECT_TRUE(Exists(Instance("live")));
}

TEST_F(PruneRunTest, ProtectedRunIsNotClosedAfterItsManifestIsRemoved) {
  WriteAuthorization({1});
  WriteRun("keep.yaml", "keep", "  protect: true\n");
  ASSERT_TRUE(Apply().ok());
  std::filesystem::remove(File("keep.yaml"));
  ExpectRefused(PruneMode::kDeactivate, std::nullopt, UnmanagedRunAddress("keep"));
  EXPECT_TRUE(Exists(Instance("keep")));
}

TEST_F(PruneRunTest, MaxDestroyCountsRunsAndAuthorizations) {
  ThreeAppliedOneKept();
  WriteRun("gone.yaml", "gone");
  ASSERT_TRUE(Apply().ok());
  std::filesystem::remove(File("gone.yaml"));
  ExpectRefused(PruneMode::kDeactivate, 2, "would delete 3 resource(s)");
  EXPECT_TRUE(Exists(Instance("gone")));
}

TEST(PruneModeTest, Parses) {
  EXPECT_EQ(*ParsePruneMode(""), PruneMode::kOff);
  EXPECT_EQ(*ParsePruneMode("deactivate"), PruneMode::kDeactivate);
  EXPECT_EQ(*ParsePruneMode("close"), PruneMode::kClose);
  EXPECT_FALSE(ParsePruneMode("all").ok());
}

}  // namespace
}  // namespace reconciler

namespace reconciler {
namespace {

// Delegates delay authorization_close by 30 days after the last grantor
// update (authorizer-treasurer-token.md 2.4.4): decided without a chain.
class PlanPruneDelegatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DesiredAuthorization kept;
    kept.address = "authorization.kept[x]";
    desired_.authorizations.push_back(kept);
    desired_.prune_rent_recipient = Grantee(0x77);
    auth_.grantor = Grantee(0x10);
    auth_.grantee = Grantee(0x11);
    auth_.delegates = {Grantee(0x12)};
    observed_.authorizations[Grantee(0x13)] = auth_;
  }

  absl::StatusOr<std::vector<PruneTarget>> Run(PruneMode mode, bool active, int64_t updated,
                                                ResourceChange* out) {
    observed_.authorizations[Grantee(0x13)].active = active;
    observed_.authorizations[Grantee(0x13)].grantor_update_unix_timestamp = updated;
    auto diff = Diff(desired_, observed_);
    EXPECT_TRUE(diff.ok()) << diff.status();
    std::vector<std::string> warnings;
    PruneOptions o;
    o.mode = mode;
    o.now_unix = kNow;
    auto t = PlanPrune(o, desired_, observed_, &diff->changes, &warnings);
    for (const ResourceChange& c : diff->changes) {
      if (c.address == UnmanagedAuth(0x11)) *out = c;
    }
    return t;
  }

  static constexpr int64_t kNow = 1'800'000'000;
  DesiredResources desired_;
  ObservedState observed_;
  psyche::Authorization auth_;
};

TEST_F(PlanPruneDelegatesTest, ActiveWithDelegatesIsOnlyDeactivated) {
  ResourceChange c;
  auto t = Run(PruneMode::kClose, true, kNow - 100 * 86400, &c);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].kind, PruneTarget::Kind::kDeactivateAuthorization);
  EXPECT_EQ(c.action, Action::kDelete);
  EXPECT_TRUE(absl::StrContains(absl::StrJoin(c.notes, "|"), "30 days after deactivation"));
}

TEST_F(PlanPruneDelegatesTest, RecentlyDeactivatedWithDelegatesWaits) {
  ResourceChange c;
  auto t = Run(PruneMode::kClose, false, kNow - 86400, &c);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(t->empty());
  EXPECT_EQ(c.action, Action::kRead);
  EXPECT_TRUE(absl::StrContains(absl::StrJoin(c.notes, "|"), "allowed from 2027-02-13T08:00:00"))
      << absl::StrJoin(c.notes, "|");
}

TEST_F(PlanPruneDelegatesTest, InactiveWithDelegatesClosesAfter30Days) {
  ResourceChange c;
  auto t = Run(PruneMode::kClose, false, kNow - kAuthorizationCloseDelaySeconds, &c);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].kind, PruneTarget::Kind::kCloseAuthorization);
  EXPECT_FALSE((*t)[0].deactivate_first);
  EXPECT_EQ((*t)[0].account, Grantee(0x13));
}

}  // namespace
}  // namespace reconciler
