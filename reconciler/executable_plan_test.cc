#include "reconciler/executable_plan.h"

#include <gtest/gtest.h>

#include <random>

#include "absl/strings/str_replace.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/packer.h"
#include "providers/solana/system_program.h"
#include "reconciler/plan_testing.h"

namespace reconciler {
namespace {

using testing::TestKey;

// Two operations (transfers from the payer and from an authority), packed as
// the planner packs them, with one new account and durable nonces.
ExecutablePlan SampleExecutablePlan() {
  ExecutablePlan p;
  p.payer = {TestKey(1), "file:/keys/payer.json"};
  p.signers = {{TestKey(2), "env:AUTHORITY_KEY"}, {TestKey(9), ""}};
  p.rpc_url = "http://127.0.0.1:8899";
  p.genesis_hash = TestKey(3);
  p.state_dir = "/var/lib/psyche";
  p.transaction_prefix = {solana::compute_budget::SetComputeUnitPrice(7)};
  Plan& plan = p.build.plan;
  plan.cluster = "test";
  plan.changes.push_back(testing::Resource("run.a", "run", Action::kCreate));
  std::vector<std::vector<solana::Instruction>> ixs = {
      {solana::system_program::CreateAccount(TestKey(1), TestKey(4), 1000, 10, TestKey(5))},
      {solana::system_program::Transfer(TestKey(2), TestKey(6), 42)}};
  plan.operations.push_back(testing::Op("create", "run.a", "create", {}, 1, TestKey(1), 5000));
  plan.operations[0].signers = {TestKey(1), TestKey(4)};
  plan.operations.push_back(testing::Op("pay", "run.a", "pay", {"create"}, 1, TestKey(2), 5000));
  std::vector<solana::InstructionGroup> groups;
  for (size_t i = 0; i < ixs.size(); ++i) {
    OperationInstructions oi;
    oi.instructions = ixs[i];
    p.build.instructions.push_back(oi);
    groups.push_back(
        {plan.operations[i].id, ixs[i], solana::compute_budget::DefaultComputeUnitLimit(ixs[i])});
  }
  solana::PackOptions pack;
  pack.prefix = p.transaction_prefix;
  auto packed =
      solana::PackInstructionGroups(TestKey(1), {TestKey(1), TestKey(2), TestKey(4)}, groups, pack);
  EXPECT_TRUE(packed.ok()) << packed.status();
  for (const auto& tx : *packed) {
    TransactionPlan t;
    for (size_t g : tx.group_indexes) t.operation_ids.push_back(plan.operations[g].id);
    t.size_bytes = static_cast<uint32_t>(tx.serialized_size);
    t.fee_lamports = 10000;
    plan.transactions.push_back(t);
  }
  p.build.transactions = *packed;
  p.new_accounts = {{{TestKey(4), "coordinator-a"}}, {}};
  p.build.instructions[1].top_up =
      TopUpIntent{TestKey(2), TestKey(20), TestKey(21), TestKey(22), 5'000'000, 6};
  p.build.instructions[0].wait_for_pause = PauseWait{"run.a", TestKey(23), TestKey(24)};
  p.nonces = {{TestKey(10), TestKey(9), TestKey(11)}, {TestKey(12), TestKey(9), TestKey(13)}};
  plan.preconditions.push_back(
      Precondition{TestKey(10), true, 5, 1447680, solana::Pubkey(), solana::Sha256({})});
  return p;
}

TEST(ExecutablePlanTest, RoundTripIsExact) {
  ExecutablePlan p = SampleExecutablePlan();
  auto text = RenderExecutablePlan(p);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_NE(text->find("\"format_version\": \"2\""), std::string::npos);
  auto back = ParseExecutablePlan(*text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->build.plan.operations, p.build.plan.operations);
  EXPECT_EQ(back->build.plan.preconditions, p.build.plan.preconditions);
  ASSERT_EQ(back->build.instructions.size(), 2u);
  EXPECT_EQ(back->build.instructions[0].instructions, p.build.instructions[0].instructions);
  EXPECT_EQ(back->build.instructions[1].instructions, p.build.instructions[1].instructions);
  ASSERT_TRUE(back->build.instructions[1].top_up.has_value());
  EXPECT_EQ(back->build.instructions[1].top_up->target, 5'000'000u);
  EXPECT_EQ(back->build.instructions[1].top_up->vault, TestKey(22));
  EXPECT_EQ(back->build.instructions[1].top_up->decimals, 6);
  ASSERT_TRUE(back->build.instructions[0].wait_for_pause.has_value());
  EXPECT_EQ(back->build.instructions[0].wait_for_pause->run_address, "run.a");
  EXPECT_FALSE(back->build.instructions[0].top_up.has_value());
  for (size_t t = 0; t < p.build.transactions.size(); ++t) {
    EXPECT_EQ(back->build.transactions[t].instructions, p.build.transactions[t].instructions);
    EXPECT_EQ(back->build.transactions[t].group_indexes, p.build.transactions[t].group_indexes);
  }
  EXPECT_EQ(back->build.transactions.size(), p.build.transactions.size());
  EXPECT_EQ(back->payer, p.payer);
  EXPECT_EQ(back->signers, p.signers);
  EXPECT_EQ(back->new_accounts, p.new_accounts);
  EXPECT_EQ(back->nonces, p.nonces);
  EXPECT_EQ(back->genesis_hash, p.genesis_hash);
  EXPECT_EQ(back->rpc_url, p.rpc_url);
  EXPECT_EQ(back->state_dir, p.state_dir);
  EXPECT_EQ(back->transaction_prefix, p.transaction_prefix);
  auto again = RenderExecutablePlan(*back);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *text);
}

TEST(ExecutablePlanTest, SignaturesRoundTrip) {
  ExecutablePlan p = SampleExecutablePlan();
  solana::Signature sig{};
  sig[0] = 7;
  p.signatures = {{{TestKey(2), sig}}, {}};
  auto text = RenderExecutablePlan(p);
  ASSERT_TRUE(text.ok()) << text.status();
  auto back = ParseExecutablePlan(*text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->signatures, p.signatures);
}

TEST(ExecutablePlanTest, RefusesOtherVersionsAndUnknownKeys) {
  auto text = RenderExecutablePlan(SampleExecutablePlan());
  ASSERT_TRUE(text.ok());
  std::string v1 =
      absl::StrReplaceAll(*text, {{"\"format_version\": \"2\"", "\"format_version\": \"1\""}});
  auto a = ParseExecutablePlan(v1);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("run plan --out again"), std::string::npos);
  std::string extra =
      absl::StrReplaceAll(*text, {{"\"rpc_url\":", "\"surprise\": 1, \"rpc_url\":"}});
  auto b = ParseExecutablePlan(extra);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("unknown key \"surprise\""), std::string::npos);
  std::string no_exec = absl::StrReplaceAll(*text, {{"\"execution\"", "\"executio\""}});
  EXPECT_FALSE(ParseExecutablePlan(no_exec).ok());
}

TEST(ExecutablePlanTest, RefusesInstructionsThatDoNotMatchTheOperations) {
  ExecutablePlan p = SampleExecutablePlan();
  auto text = RenderExecutablePlan(p);
  ASSERT_TRUE(text.ok());
  // Another id for the second operation's instructions.
  std::string renamed =
      absl::StrReplaceAll(*text, {{"\"id\": \"pay\",\n        \"instructions\"",
                                   "\"id\": \"paz\",\n        \"instructions\""}});
  ASSERT_NE(renamed, *text);
  EXPECT_FALSE(ParseExecutablePlan(renamed).ok());
}

TEST(ExecutablePlanTest, KeyReferencesAreNeverSecrets) {
  ExecutablePlan p = SampleExecutablePlan();
  p.signers[0].key_ref = "file:/k.json";
  auto text = RenderExecutablePlan(p);
  ASSERT_TRUE(text.ok());
  std::string pasted = absl::StrReplaceAll(*text, {{"\"file:/k.json\"", "\"[1,2,3]\""}});
  auto r = ParseExecutablePlan(pasted);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("file:PATH"), std::string::npos);
}

TEST(ExecutablePlanTest, OfflineMessagesStartWithAdvanceNonceAndUseTheNonce) {
  ExecutablePlan p = SampleExecutablePlan();
  auto messages = OfflineMessages(p);
  ASSERT_TRUE(messages.ok()) << messages.status();
  ASSERT_EQ(messages->size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const solana::Message& m = (*messages)[i];
    EXPECT_EQ(m.recent_blockhash, p.nonces[i].value);
    auto ixs = m.Decompile();
    ASSERT_TRUE(ixs.ok());
    EXPECT_EQ((*ixs)[0], solana::system_program::AdvanceNonceAccount(p.nonces[i].account,
                                                                     p.nonces[i].authority));
    EXPECT_EQ(m.account_keys[0], p.payer.pubkey);
  }
  p.nonces.clear();
  EXPECT_FALSE(OfflineMessages(p).ok());
}

}  // namespace
}  // namespace reconciler

namespace reconciler {
namespace {

TEST(ExecutablePlanTest, MutatedFilesAreRefusedOrParseNeverCrash) {
  auto text = RenderExecutablePlan(SampleExecutablePlan());
  ASSERT_TRUE(text.ok());
  std::mt19937 rng(11);
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string mutated = *text;
    for (int k = 0; k < 3; ++k) {
      mutated[rng() % mutated.size()] = static_cast<char>(rng() % 128);
    }
    auto p = ParseExecutablePlan(mutated);
    if (!p.ok()) {
      ++refused;
      continue;
    }
    // Whatever parses renders again and parses to the same plan.
    auto again = RenderExecutablePlan(*p);
    ASSERT_TRUE(again.ok()) << again.status();
    ASSERT_TRUE(ParseExecutablePlan(*again).ok());
  }
  EXPECT_GT(refused, 2000);
}

}  // namespace
}  // namespace reconciler
