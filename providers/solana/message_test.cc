#include "providers/solana/message.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"
#include "providers/solana/program_ids.h"

namespace solana {
namespace {

Bytes FromHex(absl::string_view hex) {
  std::string s = absl::HexStringToBytes(hex);
  return Bytes(s.begin(), s.end());
}
std::string ToHex(ByteView b) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}
Pubkey KeyFromHex(absl::string_view hex) { return *Pubkey::FromBytes(FromHex(hex)); }
Pubkey KeyOf(uint8_t fill) {
  std::array<uint8_t, 32> b;
  b.fill(fill);
  return Pubkey(b);
}

// Spec solana-wire.md 9.4 inputs.
const Pubkey kPayer =
    KeyFromHex("79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664");
const Pubkey kRecipient = *Pubkey::FromBase58("11111111111111111111111111111112");
const Hash kBlockhash = KeyOf(7);

constexpr absl::string_view kMessageA =
    "0100010379b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad04966400000000000000000000"
    "00000000000000000000000000000000000000000001000000000000000000000000000000000000000000000000"
    "0000000000000000070707070707070707070707070707070707070707070707070707070707070701020200010c"
    "020000000100000000000000";
constexpr absl::string_view kMessageB =
    "0100020479b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad04966400000000000000000000"
    "00000000000000000000000000000000000000000001000000000000000000000000000000000000000000000000"
    "00000000000000000306466fe5211732ffecadba72c39be7bc8ce5bbc5f7126b2c439b3a40000000070707070707"
    "07070707070707070707070707070707070707070707070707070303000502400d03000300090310270000000000"
    "00020200010c020000000100000000000000";

// Built by hand so this test does not depend on the program builders.
Instruction RawTransfer() {
  return {program_ids::System(),
          {{kPayer, true, true}, {kRecipient, false, true}},
          FromHex("020000000100000000000000")};
}

TEST(Message, CompilesSpecVectorA) {
  auto m = CompileLegacyMessage(kPayer, {RawTransfer()}, kBlockhash);
  ASSERT_TRUE(m.ok()) << m.status();
  Bytes bytes = m->Serialize();
  EXPECT_EQ(ToHex(bytes), kMessageA);
  EXPECT_EQ(bytes.size(), 150u);
  EXPECT_EQ(m->SerializedSize(), 150u);
  EXPECT_EQ(m->header, (MessageHeader{1, 0, 1}));
}

TEST(Message, CompilesSpecVectorB) {
  Instruction limit{program_ids::ComputeBudget(), {}, FromHex("02400d0300")};
  Instruction price{program_ids::ComputeBudget(), {}, FromHex("031027000000000000")};
  auto m = CompileLegacyMessage(kPayer, {limit, price, RawTransfer()}, kBlockhash);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(ToHex(m->Serialize()), kMessageB);
  EXPECT_EQ(m->SerializedSize(), m->Serialize().size());
}

TEST(Message, ParsesSpecVectorsBack) {
  for (absl::string_view hex : {kMessageA, kMessageB}) {
    Bytes bytes = FromHex(hex);
    auto m = Message::Parse(bytes);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->version, MessageVersion::kLegacy);
    EXPECT_EQ(m->Serialize(), bytes);
    EXPECT_EQ(m->recent_blockhash, kBlockhash);
    EXPECT_EQ(m->account_keys[0], kPayer);
  }
  auto a = Message::Parse(FromHex(kMessageA));
  auto ixs = a->Decompile();
  ASSERT_TRUE(ixs.ok());
  ASSERT_EQ(ixs->size(), 1u);
  EXPECT_EQ((*ixs)[0], RawTransfer());
}

TEST(Message, V0FormOfVectorA) {
  auto m = CompileV0Message(kPayer, {RawTransfer()}, kBlockhash);
  ASSERT_TRUE(m.ok()) << m.status();
  std::string want = absl::StrCat("80", kMessageA, "00");
  EXPECT_EQ(ToHex(m->Serialize()), want);
  EXPECT_EQ(m->SerializedSize(), 152u);
  auto back = Message::Parse(FromHex(want));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, *m);
}

TEST(Message, V0WithLookupRoundTrips) {
  auto m = CompileV0Message(kPayer, {RawTransfer()}, kBlockhash);
  ASSERT_TRUE(m.ok());
  m->address_table_lookups.push_back({KeyOf(9), {0, 1}, {5}});
  m->instructions[0].account_indexes.push_back(5);  // the read-only loaded address
  ASSERT_TRUE(m->Validate().ok()) << m->Validate();
  Bytes bytes = m->Serialize();
  EXPECT_EQ(bytes.size(), m->SerializedSize());
  auto back = Message::Parse(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, *m);
  EXPECT_FALSE(back->Decompile().ok());
  // Index 6 is past the 3 static + 3 loaded accounts.
  m->instructions[0].account_indexes.back() = 6;
  EXPECT_FALSE(Message::Parse(m->Serialize()).ok());
}

TEST(Message, OrdersKeysByPrivilegeThenBytes) {
  const Pubkey program = KeyOf(0xee);
  Instruction ix{
      program,
      {
          Readonly(KeyOf(0x50)), ReadonlySigner(KeyOf(0x40)), Writable(KeyOf(0x30)),
          WritableSigner(KeyOf(0x20)), Readonly(KeyOf(0x10)), ReadonlySigner(KeyOf(0x05)),
          Writable(KeyOf(0x03)), WritableSigner(KeyOf(0x90)),
          Readonly(kPayer),  // payer merges into slot 0 as writable signer
      },
      {1, 2, 3}};
  auto m = CompileLegacyMessage(kPayer, {ix}, kBlockhash);
  ASSERT_TRUE(m.ok()) << m.status();
  std::vector<Pubkey> want = {kPayer,      KeyOf(0x20), KeyOf(0x90), KeyOf(0x05), KeyOf(0x40),
                              KeyOf(0x03), KeyOf(0x30), KeyOf(0x10), KeyOf(0x50), program};
  EXPECT_EQ(m->account_keys, want);
  EXPECT_EQ(m->header, (MessageHeader{5, 2, 3}));
  EXPECT_EQ(m->instructions[0].program_id_index, 9);
  EXPECT_EQ(m->instructions[0].account_indexes, (std::vector<uint8_t>{8, 4, 6, 1, 7, 3, 5, 2, 0}));
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(m->IsSigner(i), i < 5) << i;
    EXPECT_EQ(m->IsWritable(i), i < 3 || i == 5 || i == 6) << i;
  }
  EXPECT_EQ(m->signer_keys().size(), 5u);
}

TEST(Message, MergesFlagsAcrossInstructions) {
  const Pubkey a = KeyOf(0x33), b = KeyOf(0x44), prog = KeyOf(0x55);
  // `a` is read-only signer in one instruction and writable in another:
  // merged it is a writable signer. `b` repeats inside one instruction.
  Instruction i1{prog, {ReadonlySigner(a), Readonly(b), Readonly(b)}, {}};
  Instruction i2{prog, {Writable(a)}, {}};
  auto m = CompileLegacyMessage(kPayer, {i1, i2}, kBlockhash);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->account_keys, (std::vector<Pubkey>{kPayer, a, b, prog}));
  EXPECT_EQ(m->header, (MessageHeader{2, 0, 2}));
  EXPECT_EQ(m->instructions[0].account_indexes, (std::vector<uint8_t>{1, 2, 2}));
  EXPECT_EQ(m->instructions[1].account_indexes, (std::vector<uint8_t>{1}));
  EXPECT_EQ(m->instructions[1].program_id_index, 3);
}

TEST(Message, ProgramAlsoUsedAsWritableAccountKeepsWritable) {
  const Pubkey prog = KeyOf(0x55);
  Instruction ix{prog, {Writable(prog)}, {}};
  auto m = CompileLegacyMessage(kPayer, {ix}, kBlockhash);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->header, (MessageHeader{1, 0, 0}));
}

TEST(Message, RejectsPayerAsProgram) {
  Instruction ix{kPayer, {}, {}};
  EXPECT_FALSE(CompileLegacyMessage(kPayer, {ix}, kBlockhash).ok());
}

TEST(Message, RejectsMoreThan256Keys) {
  Instruction ix{KeyOf(1), {}, {}};
  for (int i = 0; i < 300; ++i) {
    std::array<uint8_t, 32> b{};
    b[0] = 0xaa;
    b[1] = static_cast<uint8_t>(i);
    b[2] = static_cast<uint8_t>(i >> 8);
    ix.accounts.push_back(Readonly(Pubkey(b)));
  }
  EXPECT_FALSE(CompileLegacyMessage(kPayer, {ix}, kBlockhash).ok());
}

TEST(Message, ParseRejectsEveryTruncation) {
  for (absl::string_view hex : {kMessageA, kMessageB}) {
    Bytes bytes = FromHex(hex);
    for (size_t len = 0; len < bytes.size(); ++len) {
      EXPECT_FALSE(Message::Parse(ByteView(bytes.data(), len)).ok()) << len;
    }
  }
  Bytes v0 = FromHex(absl::StrCat("80", kMessageA, "00"));
  for (size_t len = 0; len < v0.size(); ++len) {
    EXPECT_FALSE(Message::Parse(ByteView(v0.data(), len)).ok()) << len;
  }
}

TEST(Message, ParseRejectsTrailingBytes) {
  Bytes bytes = FromHex(kMessageA);
  bytes.push_back(0);
  auto m = Message::Parse(bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("trailing"), absl::string_view::npos) << m.status();
}

// Offsets inside message A.
constexpr size_t kOffR = 0, kOffRS = 1, kOffRU = 2, kOffKey1 = 4 + 32, kOffProgIdx = 133,
                 kOffAcct0 = 135;

TEST(Message, ParseRejectsHeaderInconsistencies) {
  const Bytes good = FromHex(kMessageA);
  ASSERT_EQ(good[kOffProgIdx], 2);
  ASSERT_EQ(good[kOffAcct0], 0);
  auto mutated = [&](size_t off, uint8_t v) {
    Bytes b = good;
    b[off] = v;
    return Message::Parse(b);
  };
  EXPECT_FALSE(mutated(kOffR, 0).ok());        // no fee payer
  EXPECT_FALSE(mutated(kOffRS, 1).ok());       // the only signer read-only
  EXPECT_FALSE(mutated(kOffRU, 3).ok());       // R + RU > n
  EXPECT_FALSE(mutated(kOffR, 3).ok());        // R + RU > n
  EXPECT_FALSE(mutated(kOffProgIdx, 0).ok());  // payer as program
  EXPECT_FALSE(mutated(kOffProgIdx, 3).ok());  // out of range
  EXPECT_FALSE(mutated(kOffAcct0, 3).ok());    // out of range
  EXPECT_TRUE(mutated(kOffRU, 2).ok());        // R + RU == n is fine
  EXPECT_TRUE(mutated(kOffR, 2).ok());
  // Duplicate key: recipient replaced by the payer.
  Bytes dup = good;
  std::copy(good.begin() + 4, good.begin() + 36, dup.begin() + kOffKey1);
  EXPECT_FALSE(Message::Parse(dup).ok());
}

TEST(Message, ParseRejectsUnknownVersionsAndLegacyLookups) {
  EXPECT_FALSE(Message::Parse(FromHex(absl::StrCat("81", kMessageA, "00"))).ok());
  EXPECT_FALSE(Message::Parse(FromHex(absl::StrCat("ff", kMessageA, "00"))).ok());
  auto m = Message::Parse(FromHex(kMessageA));
  ASSERT_TRUE(m.ok());
  m->address_table_lookups.push_back({KeyOf(9), {0}, {}});
  EXPECT_FALSE(m->Validate().ok());
}

TEST(Message, ParseSurvivesGarbage) {
  // Deterministic pseudo-random inputs: parsing must return, never crash.
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    Bytes junk(state % 300);
    for (uint8_t& b : junk) {
      state = state * 1103515245 + 12345;
      b = static_cast<uint8_t>(state >> 16);
    }
    if (!junk.empty()) junk[0] &= 0x7f;
    auto m = Message::Parse(junk);
    if (m.ok()) {
      EXPECT_EQ(m->Serialize(), junk);
    }
  }
}

TEST(Message, ParseSurvivesMutationsOfAValidMessage) {
  const Bytes good = FromHex(kMessageB);
  uint32_t state = 777;
  auto next = [&] {
    state = state * 1103515245 + 12345;
    return state >> 16;
  };
  int accepted = 0;
  for (int round = 0; round < 5000; ++round) {
    Bytes b = good;
    for (int k = 0; k < 1 + round % 3; ++k) b[next() % b.size()] = static_cast<uint8_t>(next());
    auto m = Message::Parse(b);
    if (m.ok()) {
      ++accepted;
      EXPECT_EQ(m->Serialize(), b);
    }
  }
  EXPECT_GT(accepted, 0);  // mutations of key bytes stay valid
}

}  // namespace
}  // namespace solana
