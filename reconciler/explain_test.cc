#include "reconciler/explain.h"

#include <gtest/gtest.h>

#include <random>

#include "providers/solana/base64.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/keypair.h"
#include "providers/solana/system_program.h"
#include "reconciler/planner.h"
#include "reconciler/planner_fixtures_for_test.h"

namespace reconciler {
namespace {

namespace sp = solana::system_program;

bool Has(const std::string& text, absl::string_view what) {
  return text.find(std::string(what)) != std::string::npos;
}

// Every instruction the planner makes for a new run with a treasurer and
// authorizations is decoded by name, with no raw fallback except run_update.
TEST(ExplainTest, NamesEveryInstructionThePlannerBuilds) {
  for (bool treasurer : {false, true}) {
    const DesiredResources d = testing::OneRun(treasurer, 2);
    ObservedState o;
    o.runs.resize(d.runs.size());
    o.mints = testing::InSync(d).mints;  // the collateral mint exists already
    auto diff = Diff(d, o);
    ASSERT_TRUE(diff.ok()) << diff.status();
    auto build = BuildPlan(d, o, std::move(*diff));
    ASSERT_TRUE(build.ok()) << build.status();
    ASSERT_FALSE(build->instructions.empty());
    for (const OperationInstructions& oi : build->instructions) {
      for (const solana::Instruction& ix : oi.instructions) {
        ExplainedInstruction e = ExplainInstruction(ix);
        EXPECT_NE(e.program.substr(0, 1), "(") << e.program;
        EXPECT_NE(e.name.substr(0, 1), "(") << e.program << " " << e.name;
        if (e.name != "run_update") {
          EXPECT_TRUE(e.raw_hex.empty()) << e.name;
        }
        for (const ExplainedAccount& a : e.accounts) {
          EXPECT_EQ(a.role.find("account["), std::string::npos) << e.name << " " << a.role;
        }
      }
    }
  }
}

TEST(ExplainTest, SignedNonceTransactionFromBase64) {
  solana::Keypair payer = solana::Keypair::Generate();
  solana::Pubkey nonce = solana::Keypair::Generate().pubkey();
  solana::Pubkey to = solana::Keypair::Generate().pubkey();
  std::vector<solana::Instruction> ixs = {sp::AdvanceNonceAccount(nonce, payer.pubkey()),
                                          solana::compute_budget::SetComputeUnitPrice(7),
                                          sp::Transfer(payer.pubkey(), to, 1234)};
  auto tx = solana::CompileAndSign(payer.pubkey(), ixs, solana::Sha256({}), {&payer});
  ASSERT_TRUE(tx.ok());
  auto text = ExplainBase64(solana::Base64Encode(tx->Serialize()));
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_TRUE(Has(*text, "durable nonce of account " + nonce.ToBase58()));
  EXPECT_TRUE(Has(*text, "System Program: AdvanceNonceAccount"));
  EXPECT_TRUE(Has(*text, "nonce_authority: " + payer.pubkey().ToBase58()));
  EXPECT_TRUE(Has(*text, "SetComputeUnitPrice"));
  EXPECT_TRUE(Has(*text, "micro_lamports_per_compute_unit = 7"));
  EXPECT_TRUE(Has(*text, "lamports = 1234"));
  EXPECT_TRUE(Has(*text, "to: " + to.ToBase58()));
  EXPECT_TRUE(Has(*text, "signed (valid)"));
  EXPECT_TRUE(Has(*text, "signature: " + tx->Id()));
}

TEST(ExplainTest, UnknownProgramIsShownRaw) {
  solana::Pubkey program = solana::Keypair::Generate().pubkey();
  solana::Instruction ix{program, {solana::Writable(program)}, {0xde, 0xad, 0xbe, 0xef}};
  ExplainedInstruction e = ExplainInstruction(ix);
  EXPECT_EQ(e.program, program.ToBase58());
  EXPECT_EQ(e.raw_hex, "deadbeef");
  EXPECT_EQ(e.accounts[0].role, "account[0]");
  // A known program with data it does not decode: raw too, nothing guessed.
  ExplainedInstruction bad =
      ExplainInstruction(solana::Instruction{solana::program_ids::System(), {}, {2, 0, 0, 0, 1}});
  EXPECT_EQ(bad.raw_hex, "0200000001");
  EXPECT_TRUE(bad.args.empty());
}

TEST(ExplainTest, GarbageIsAClearErrorNeverACrash) {
  EXPECT_FALSE(ExplainBase64("not base64 at all!").ok());
  EXPECT_FALSE(ExplainBase64("").ok());
  auto junk = ExplainBase64(solana::Base64Encode(solana::Bytes{1, 2, 3}));
  ASSERT_FALSE(junk.ok());
  EXPECT_TRUE(Has(std::string(junk.status().message()), "not a Solana transaction"));
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    solana::Bytes b(rng() % 300);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    (void)ExplainBase64(solana::Base64Encode(b));
  }
}

}  // namespace
}  // namespace reconciler
