#include "providers/solana/compute_budget.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"

namespace solana::compute_budget {
namespace {

std::string Hex(const Bytes& b) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

TEST(ComputeBudget, SpecExampleBytes) {
  Instruction limit = SetComputeUnitLimit(200000);
  EXPECT_EQ(limit.program_id, program_ids::ComputeBudget());
  EXPECT_TRUE(limit.accounts.empty());
  EXPECT_EQ(Hex(limit.data), "02400d0300");
  EXPECT_EQ(Hex(SetComputeUnitPrice(10000).data), "031027000000000000");
  EXPECT_EQ(Hex(RequestHeapFrame(256 * 1024).data), "0100000400");
  EXPECT_EQ(Hex(SetLoadedAccountsDataSizeLimit(65536).data), "0400000100");
  EXPECT_EQ(program_ids::ComputeBudget().bytes()[0], 0x03);
}

TEST(ComputeBudget, FeeOfSpecVectorB) {
  // 1 signature, limit 200,000, price 10,000 micro-lamports: 7,000 lamports.
  auto fee = TransactionFee(1, 10000, 200000);
  ASSERT_TRUE(fee.ok());
  EXPECT_EQ(*fee, 7000u);
  const Pubkey a = *Pubkey::FromBase58("9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj");
  const Pubkey b = *Pubkey::FromBase58("11111111111111111111111111111112");
  std::vector<Instruction> ixs = {SetComputeUnitLimit(200000), SetComputeUnitPrice(10000),
                                  system_program::Transfer(a, b, 1)};
  auto from_ixs = TransactionFee(1, ixs);
  ASSERT_TRUE(from_ixs.ok()) << from_ixs.status();
  EXPECT_EQ(*from_ixs, 7000u);
  // Vector A: no compute budget instructions, one signature.
  auto plain = TransactionFee(1, {system_program::Transfer(a, b, 1)});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, 5000u);
}

TEST(ComputeBudget, PriorityFeeRoundsUpWithIntegers) {
  EXPECT_EQ(*PriorityFee(0, 1400000), 0u);
  EXPECT_EQ(*PriorityFee(1, 1), 1u);        // 1 micro-lamport rounds up
  EXPECT_EQ(*PriorityFee(1, 1000000), 1u);  // exact
  EXPECT_EQ(*PriorityFee(1, 1000001), 2u);
  EXPECT_EQ(*PriorityFee(3, 333334), 2u);                   // 1,000,002 micro-lamports
  EXPECT_EQ(*PriorityFee(UINT64_MAX, 1), 18446744073710u);  // ceil((2^64-1)/1e6)
  EXPECT_FALSE(PriorityFee(UINT64_MAX, 1400000).ok());
  EXPECT_EQ(*TransactionFee(3, 0, 200000), 15000u);
  EXPECT_FALSE(TransactionFee(UINT64_MAX / 1000, 0, 0).ok());
}

TEST(ComputeBudget, DefaultLimitFollowsSimd0170) {
  const Pubkey a = *Pubkey::FromBase58("9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj");
  const Pubkey other_program = *Pubkey::FromBase58("11111111111111111111111111111112");
  Instruction transfer = system_program::Transfer(a, a, 1);
  Instruction custom{other_program, {}, {}};
  EXPECT_EQ(DefaultComputeUnitLimit({}), 0u);
  EXPECT_EQ(DefaultComputeUnitLimit({transfer}), 3000u);
  EXPECT_EQ(DefaultComputeUnitLimit({SetComputeUnitPrice(1), transfer}), 6000u);
  EXPECT_EQ(DefaultComputeUnitLimit({custom, transfer, custom}), 403000u);
  std::vector<Instruction> many(8, custom);
  EXPECT_EQ(DefaultComputeUnitLimit(many), 1400000u);
  EXPECT_EQ(*EffectiveComputeUnitLimit({custom, transfer}), 203000u);
  EXPECT_EQ(*EffectiveComputeUnitLimit({SetComputeUnitLimit(5000), custom}), 5000u);
  EXPECT_EQ(*EffectiveComputeUnitLimit({SetComputeUnitLimit(2000000)}), 1400000u);  // clamped
}

TEST(ComputeBudget, ReadSettings) {
  auto s = ReadSettings({SetComputeUnitPrice(7), RequestHeapFrame(64 * 1024),
                         SetComputeUnitLimit(9), SetLoadedAccountsDataSizeLimit(1024)});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->unit_price, 7u);
  EXPECT_EQ(s->unit_limit, 9u);
  EXPECT_EQ(s->heap_frame_bytes, 64u * 1024);
  EXPECT_EQ(s->loaded_accounts_data_size_limit, 1024u);
  auto none = ReadSettings({});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->unit_limit.has_value());
  EXPECT_EQ(none->unit_price, 0u);
}

TEST(ComputeBudget, ReadSettingsRejectsWhatTheRuntimeRejects) {
  EXPECT_FALSE(ReadSettings({SetComputeUnitLimit(1), SetComputeUnitLimit(2)}).ok());
  EXPECT_FALSE(ReadSettings({SetComputeUnitPrice(1), SetComputeUnitPrice(1)}).ok());
  EXPECT_FALSE(ReadSettings({RequestHeapFrame(1000)}).ok());
  EXPECT_FALSE(ReadSettings({RequestHeapFrame(16 * 1024)}).ok());
  EXPECT_FALSE(ReadSettings({RequestHeapFrame(512 * 1024)}).ok());
  EXPECT_FALSE(ReadSettings({SetLoadedAccountsDataSizeLimit(0)}).ok());
  Instruction unused_tag{program_ids::ComputeBudget(), {}, {0, 0, 0, 0, 0}};
  EXPECT_FALSE(ReadSettings({unused_tag}).ok());
  Instruction empty{program_ids::ComputeBudget(), {}, {}};
  EXPECT_FALSE(ReadSettings({empty}).ok());
  Instruction short_limit = SetComputeUnitLimit(1);
  short_limit.data.pop_back();
  EXPECT_FALSE(ReadSettings({short_limit}).ok());
  Instruction long_price = SetComputeUnitPrice(1);
  long_price.data.push_back(0);
  EXPECT_FALSE(ReadSettings({long_price}).ok());
  EXPECT_FALSE(TransactionFee(1, {long_price}).ok());
}

}  // namespace
}  // namespace solana::compute_budget
