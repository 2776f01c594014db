#include "providers/solana/packer.h"

#include <gtest/gtest.h>

#include <string>

#include "providers/solana/compute_budget.h"
#include "providers/solana/message.h"
#include "providers/solana/system_program.h"
#include "providers/solana/transaction.h"

namespace solana {
namespace {

Pubkey NumberedKey(uint8_t tag, size_t i) {
  std::array<uint8_t, 32> b{};
  b[0] = tag;
  b[1] = static_cast<uint8_t>(i);
  b[2] = static_cast<uint8_t>(i >> 8);
  return Pubkey(b);
}
Keypair KeypairFromSeedByte(uint8_t first) {
  Bytes seed(32);
  for (size_t i = 0; i < 32; ++i) seed[i] = static_cast<uint8_t>(first + i);
  return *Keypair::FromSeed(seed);
}
const Hash kBlockhash = NumberedKey(7, 7);

// Serialized size of the legacy transaction the packer's output compiles to.
size_t CompiledSize(const Pubkey& payer, const std::vector<Instruction>& ixs) {
  auto m = CompileLegacyMessage(payer, ixs, kBlockhash);
  EXPECT_TRUE(m.ok()) << m.status();
  auto tx = Transaction::FromMessage(*m);
  EXPECT_TRUE(tx.ok()) << tx.status();
  return tx->Serialize().size();
}

// Checks every invariant the packer promises, including greediness: the
// first group of each next transaction would not have fit in the previous one.
void CheckPacking(const Pubkey& payer, const std::vector<InstructionGroup>& groups,
                  const PackOptions& options, const std::vector<PackedTransaction>& packed) {
  std::vector<size_t> seen;
  for (size_t t = 0; t < packed.size(); ++t) {
    const PackedTransaction& p = packed[t];
    ASSERT_FALSE(p.group_indexes.empty());
    std::vector<Instruction> want = options.prefix;
    for (size_t g : p.group_indexes) {
      seen.push_back(g);
      want.insert(want.end(), groups[g].instructions.begin(), groups[g].instructions.end());
    }
    EXPECT_EQ(p.instructions, want) << "transaction " << t;
    auto m = CompileLegacyMessage(payer, p.instructions, kBlockhash);
    ASSERT_TRUE(m.ok()) << m.status();
    auto tx = Transaction::FromMessage(*m);
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ(tx->Serialize().size(), p.serialized_size) << "transaction " << t;
    EXPECT_LE(p.serialized_size, options.max_transaction_size);
    EXPECT_LE(p.num_accounts, options.max_accounts);
    EXPECT_EQ(p.num_accounts, m->account_keys.size());
    EXPECT_EQ(p.num_signatures, m->num_signers());
    EXPECT_LE(p.compute_units, options.max_compute_units);
    if (t + 1 < packed.size()) {
      const InstructionGroup& next = groups[packed[t + 1].group_indexes.front()];
      std::vector<Instruction> more = p.instructions;
      more.insert(more.end(), next.instructions.begin(), next.instructions.end());
      auto bigger = CompileLegacyMessage(payer, more, kBlockhash);
      ASSERT_TRUE(bigger.ok());
      const size_t size = Transaction::FromMessage(*bigger)->Serialize().size();
      EXPECT_TRUE(size > options.max_transaction_size ||
                  bigger->account_keys.size() > options.max_accounts ||
                  p.compute_units + next.compute_units > options.max_compute_units)
          << "transaction " << t << " could have taken the next group";
    }
  }
  std::vector<size_t> all(groups.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  EXPECT_EQ(seen, all);
}

std::vector<InstructionGroup> TransferGroups(const Pubkey& payer, size_t n, size_t per_group) {
  std::vector<InstructionGroup> groups;
  for (size_t g = 0; g < n; ++g) {
    InstructionGroup group{absl::StrCat("pay-", g), {}, 0};
    for (size_t k = 0; k < per_group; ++k) {
      group.instructions.push_back(
          system_program::Transfer(payer, NumberedKey(0x40, g * per_group + k), 1 + g));
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

class PackerTest : public ::testing::Test {
 protected:
  Keypair payer_kp_ = KeypairFromSeedByte(1);
  Pubkey payer_ = payer_kp_.pubkey();
};

TEST_F(PackerTest, FillsGreedily) {
  // Base 166 bytes + 49 per transfer to a new recipient: 21 fit in 1232.
  auto groups = TransferGroups(payer_, 50, 1);
  auto packed = PackInstructionGroups(payer_, {}, groups);
  ASSERT_TRUE(packed.ok()) << packed.status();
  ASSERT_EQ(packed->size(), 3u);
  EXPECT_EQ((*packed)[0].group_indexes.size(), 21u);
  EXPECT_EQ((*packed)[1].group_indexes.size(), 21u);
  EXPECT_EQ((*packed)[2].group_indexes.size(), 8u);
  EXPECT_EQ((*packed)[0].serialized_size, 166u + 21 * 49);
  CheckPacking(payer_, groups, {}, *packed);
  // The actual signed bytes have the promised size.
  for (const PackedTransaction& p : *packed) {
    auto tx = CompileAndSign(payer_, p.instructions, kBlockhash, {&payer_kp_});
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ(tx->Serialize().size(), p.serialized_size);
    EXPECT_TRUE(tx->VerifySignatures().ok());
  }
}

TEST_F(PackerTest, NeverSplitsAGroup) {
  auto groups = TransferGroups(payer_, 20, 4);  // 196 bytes per group: 5 per transaction
  auto packed = PackInstructionGroups(payer_, {}, groups);
  ASSERT_TRUE(packed.ok()) << packed.status();
  ASSERT_EQ(packed->size(), 4u);
  for (const PackedTransaction& p : *packed) EXPECT_EQ(p.group_indexes.size(), 5u);
  CheckPacking(payer_, groups, {}, *packed);
}

TEST_F(PackerTest, CountsComputeBudgetPrefix) {
  PackOptions options;
  options.prefix = {compute_budget::SetComputeUnitLimit(200000),
                    compute_budget::SetComputeUnitPrice(10000)};
  // The prefix costs 32 (program key) + 8 + 12 bytes: 20 transfers fit, not 21.
  auto groups = TransferGroups(payer_, 41, 1);
  auto packed = PackInstructionGroups(payer_, {}, groups, options);
  ASSERT_TRUE(packed.ok()) << packed.status();
  ASSERT_EQ(packed->size(), 3u);
  EXPECT_EQ((*packed)[0].group_indexes.size(), 20u);
  EXPECT_EQ((*packed)[0].serialized_size, 166u + 52 + 20 * 49);
  for (const PackedTransaction& p : *packed) {
    ASSERT_GE(p.instructions.size(), 2u);
    EXPECT_EQ(p.instructions[0], options.prefix[0]);
    EXPECT_EQ(p.instructions[1], options.prefix[1]);
  }
  CheckPacking(payer_, groups, options, *packed);
}

TEST_F(PackerTest, OversizeGroupIsAnErrorNamingIt) {
  auto groups = TransferGroups(payer_, 3, 1);
  InstructionGroup huge{"huge-config", {{NumberedKey(0x77, 0), {}, Bytes(1100, 1)}}, 0};
  groups.insert(groups.begin() + 1, huge);
  auto packed = PackInstructionGroups(payer_, {}, groups);
  ASSERT_FALSE(packed.ok());
  EXPECT_NE(packed.status().message().find("huge-config"), std::string::npos) << packed.status();
  EXPECT_NE(packed.status().message().find("#1"), std::string::npos) << packed.status();
  // Shrunk below the limit, the same group packs alone.
  groups[1].instructions[0].data.resize(1000);
  auto ok = PackInstructionGroups(payer_, {}, groups);
  ASSERT_TRUE(ok.ok()) << ok.status();
  CheckPacking(payer_, groups, {}, *ok);
}

TEST_F(PackerTest, ExactlyFullTransactionIsAccepted) {
  // payer + program, 1 signature, one instruction with no accounts:
  // 1+64+3+1+64+32+1 + (1+1+0+2+len) = 170 + len; len = 1062 gives 1232.
  InstructionGroup g{"full", {{NumberedKey(0x77, 0), {}, Bytes(1062, 1)}}, 0};
  auto packed = PackInstructionGroups(payer_, {}, {g});
  ASSERT_TRUE(packed.ok()) << packed.status();
  EXPECT_EQ((*packed)[0].serialized_size, 1232u);
  EXPECT_EQ(CompiledSize(payer_, (*packed)[0].instructions), 1232u);
  g.instructions[0].data.push_back(1);
  EXPECT_FALSE(PackInstructionGroups(payer_, {}, {g}).ok());
}

TEST_F(PackerTest, RespectsAccountAndComputeLimits) {
  PackOptions few_accounts;
  few_accounts.max_accounts = 6;  // payer + System + 4 recipients
  auto groups = TransferGroups(payer_, 10, 1);
  auto packed = PackInstructionGroups(payer_, {}, groups, few_accounts);
  ASSERT_TRUE(packed.ok()) << packed.status();
  ASSERT_EQ(packed->size(), 3u);
  EXPECT_EQ((*packed)[0].group_indexes.size(), 4u);
  CheckPacking(payer_, groups, few_accounts, *packed);

  for (InstructionGroup& g : groups) g.compute_units = 500000;
  auto by_cu = PackInstructionGroups(payer_, {}, groups);
  ASSERT_TRUE(by_cu.ok());
  ASSERT_EQ(by_cu->size(), 5u);
  EXPECT_EQ((*by_cu)[0].compute_units, 1000000u);
  CheckPacking(payer_, groups, {}, *by_cu);
  groups[3].compute_units = 1400001;
  EXPECT_FALSE(PackInstructionGroups(payer_, {}, groups).ok());
}

TEST_F(PackerTest, CoSignersCostASignatureEach) {
  Keypair co = KeypairFromSeedByte(50);
  std::vector<InstructionGroup> groups;
  for (size_t g = 0; g < 30; ++g) {
    groups.push_back({absl::StrCat("co-", g),
                      {system_program::Transfer(co.pubkey(), NumberedKey(0x50, g), 1)},
                      0});
  }
  auto packed = PackInstructionGroups(payer_, {co.pubkey()}, groups);
  ASSERT_TRUE(packed.ok()) << packed.status();
  EXPECT_EQ((*packed)[0].num_signatures, 2u);
  CheckPacking(payer_, groups, {}, *packed);
  auto tx = CompileAndSign(payer_, (*packed)[0].instructions, kBlockhash, {&payer_kp_, &co});
  ASSERT_TRUE(tx.ok()) << tx.status();
  EXPECT_EQ(tx->Serialize().size(), (*packed)[0].serialized_size);
  // Without the co-signer in the signer set the group is refused by name.
  auto refused = PackInstructionGroups(payer_, {}, groups);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("co-0"), std::string::npos);
}

TEST_F(PackerTest, EdgeCases) {
  auto none = PackInstructionGroups(payer_, {}, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  InstructionGroup empty{"nothing", {}, 0};
  EXPECT_FALSE(PackInstructionGroups(payer_, {}, {empty}).ok());
  PackOptions huge_prefix;
  huge_prefix.prefix = {{NumberedKey(0x77, 0), {}, Bytes(1200, 0)}};
  EXPECT_FALSE(PackInstructionGroups(payer_, {}, TransferGroups(payer_, 1, 1), huge_prefix).ok());
}

TEST_F(PackerTest, RandomGroupsKeepEveryInvariant) {
  std::vector<Pubkey> signers = {NumberedKey(0x90, 1), NumberedKey(0x90, 2), NumberedKey(0x90, 3)};
  uint32_t state = 4242;
  auto next = [&](uint32_t mod) {
    state = state * 1103515245 + 12345;
    return (state >> 8) % mod;
  };
  size_t transactions = 0;
  for (int round = 0; round < 30; ++round) {
    std::vector<InstructionGroup> groups;
    const size_t n = 1 + next(40);
    for (size_t g = 0; g < n; ++g) {
      InstructionGroup group{absl::StrCat("g", g), {}, next(3) * 100000};
      const size_t ixs = 1 + next(3);
      for (size_t i = 0; i < ixs; ++i) {
        Instruction ix{NumberedKey(0x60, next(4)), {}, Bytes(next(120), 3)};
        const size_t accounts = next(6);
        for (size_t a = 0; a < accounts; ++a) {
          const bool signer = next(8) == 0;
          ix.accounts.push_back(
              {signer ? signers[next(3)] : NumberedKey(0x20, next(60)), signer, next(2) == 0});
        }
        group.instructions.push_back(std::move(ix));
      }
      groups.push_back(std::move(group));
    }
    PackOptions options;
    if (round % 2) options.prefix = {compute_budget::SetComputeUnitPrice(round)};
    auto packed = PackInstructionGroups(payer_, signers, groups, options);
    ASSERT_TRUE(packed.ok()) << packed.status();
    CheckPacking(payer_, groups, options, *packed);
    transactions += packed->size();
  }
  EXPECT_GT(transactions, 60u);  // most rounds needed several transactions
}

}  // namespace
}  // namespace solana
