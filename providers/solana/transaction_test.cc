#include "providers/solana/transaction.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"

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
std::string ToBase64(ByteView b) {
  return absl::Base64Escape(absl::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}
Pubkey KeyOf(uint8_t fill) {
  std::array<uint8_t, 32> b;
  b.fill(fill);
  return Pubkey(b);
}
Keypair KeypairFromSeedByte(uint8_t first) {
  Bytes seed(32);
  for (size_t i = 0; i < 32; ++i) seed[i] = static_cast<uint8_t>(first + i);
  return *Keypair::FromSeed(seed);
}

// Spec solana-wire.md 9.4 / 9.5 (copied from the spec text).
constexpr absl::string_view kSignatureA =
    "7371c050742595feae7ff9e3c1516ae578d97c3f361520d2451a881321d026fb86aa257cdd2ca4e44693e4e2c505"
    "3f6c270aeac0716670a781b7e2ff0a7dcd07";
constexpr absl::string_view kIdA =
    "3JsTRaF8cY4NjQ1wApc6EwWZNt95dKW5BiCAs14b3BFhvJ74UCo6Ytb2moPe7U1vskyMG7HdWy5kZTV565wXNXLS";
constexpr absl::string_view kTransactionA =
    "017371c050742595feae7ff9e3c1516ae578d97c3f361520d2451a881321d026fb86aa257cdd2ca4e44693e4e2c5"
    "053f6c270aeac0716670a781b7e2ff0a7dcd070100010379b5562e8fe654f94078b112e8a98ba7901f853ae695be"
    "d7e0e3910bad04966400000000000000000000000000000000000000000000000000000000000000010000000000"
    "00000000000000000000000000000000000000000000000000000007070707070707070707070707070707070707"
    "0707070707070707070707070701020200010c020000000100000000000000";
constexpr absl::string_view kBase64A =
    "AXNxwFB0JZX+rn/548FRauV42Xw/NhUg0kUaiBMh0Cb7hqolfN0spORGk+TixQU/bCcK6sBxZnCngbfi/wp9zQcBAAED"
    "ebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcBAgIAAQwCAAAA"
    "AQAAAAAAAAA=";
constexpr absl::string_view kSignatureB =
    "3871da3b2299f7b5485837531799f53ab93b7dd1c07e8d9a5e85699341dba33aab0e02057c50de29dcbe7b5af918"
    "df2b0abf83aa9551af01ddbcf70bede25e03";
constexpr absl::string_view kIdB =
    "28TK3yHLYXco6vCh1v5jnyCziM3HfUCJDc7iWdF6Whh7vAEwuk3cfEYAGAG3L52kpGo7SMHBJJmeYGZM92fZzbBG";
constexpr absl::string_view kBase64B =
    "AThx2jsimfe1SFg3UxeZ9Tq5O33RwH6Nml6FaZNB26M6qw4CBXxQ3incvnta+RjfKwq/g6qVUa8B3bz3C+3iXgMBAAIE"
    "ebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwZGb+UhFzL/7K26csOb57yM5bvF9xJrLEObOkAAAAAHBwcHBwcHBwcH"
    "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwMDAAUCQA0DAAMACQMQJwAAAAAAAAICAAEMAgAAAAEAAAAAAAAA";
constexpr absl::string_view kSignatureV0 =
    "b7aab12336d8a1c3c68651002651efe31a285d2333d55ce0b97a323a3bb4d7604ef6f7c00e0ff1f3a0257cedca86"
    "bc64d6ff3ed4593d378cb3d2d3925db81b0c";

const Pubkey kRecipient = *Pubkey::FromBase58("11111111111111111111111111111112");
const Hash kBlockhash = KeyOf(7);

class TransactionTest : public ::testing::Test {
 protected:
  // The spec's test keypair: seed = bytes 1..32.
  Keypair payer_ = KeypairFromSeedByte(1);
  Keypair other_ = KeypairFromSeedByte(100);
};

TEST_F(TransactionTest, VectorATransferOnly) {
  ASSERT_EQ(payer_.pubkey().ToBase58(), "9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj");
  auto tx =
      CompileAndSign(payer_.pubkey(), {system_program::Transfer(payer_.pubkey(), kRecipient, 1)},
                     kBlockhash, {&payer_});
  ASSERT_TRUE(tx.ok()) << tx.status();
  ASSERT_EQ(tx->signatures.size(), 1u);
  EXPECT_EQ(ToHex(tx->signatures[0]), kSignatureA);
  EXPECT_EQ(tx->Id(), kIdA);
  Bytes wire = tx->Serialize();
  EXPECT_EQ(ToHex(wire), kTransactionA);
  EXPECT_EQ(ToBase64(wire), kBase64A);
  EXPECT_EQ(wire.size(), 215u);
  EXPECT_EQ(tx->SerializedSize(), 215u);
  EXPECT_EQ(tx->message.SerializedSize(), 150u);
  // The spec 3.7 formula: 1 + 64 + 3 + 1 + 3*32 + 32 + 1 + (1+1+2+1+12).
  EXPECT_EQ(LegacyTransactionSize(1, 3, 1, CompiledInstructionWireSize(2, 12)), 215u);
  EXPECT_TRUE(tx->VerifySignatures().ok());
  EXPECT_TRUE(tx->IsFullySigned());
  auto fee = compute_budget::TransactionFee(tx->signatures.size(), *tx->message.Decompile());
  ASSERT_TRUE(fee.ok());
  EXPECT_EQ(*fee, 5000u);
}

TEST_F(TransactionTest, VectorBWithComputeBudget) {
  std::vector<Instruction> ixs = {compute_budget::SetComputeUnitLimit(200000),
                                  compute_budget::SetComputeUnitPrice(10000),
                                  system_program::Transfer(payer_.pubkey(), kRecipient, 1)};
  auto tx = CompileAndSign(payer_.pubkey(), ixs, kBlockhash, {&payer_});
  ASSERT_TRUE(tx.ok()) << tx.status();
  EXPECT_EQ(ToHex(tx->signatures[0]), kSignatureB);
  EXPECT_EQ(tx->Id(), kIdB);
  Bytes wire = tx->Serialize();
  EXPECT_EQ(ToBase64(wire), kBase64B);
  EXPECT_EQ(wire.size(), 267u);
  EXPECT_EQ(tx->SerializedSize(), 267u);
  EXPECT_EQ(tx->message.header, (MessageHeader{1, 0, 2}));
  EXPECT_EQ(
      LegacyTransactionSize(1, 4, 3,
                            CompiledInstructionWireSize(0, 5) + CompiledInstructionWireSize(0, 9) +
                                CompiledInstructionWireSize(2, 12)),
      267u);
  auto fee = compute_budget::TransactionFee(tx->signatures.size(), *tx->message.Decompile());
  ASSERT_TRUE(fee.ok());
  EXPECT_EQ(*fee, 7000u);
}

TEST_F(TransactionTest, ParsesVectorsBack) {
  for (absl::string_view b64 : {kBase64A, kBase64B}) {
    std::string raw;
    ASSERT_TRUE(absl::Base64Unescape(b64, &raw));
    Bytes wire(raw.begin(), raw.end());
    auto tx = Transaction::Parse(wire);
    ASSERT_TRUE(tx.ok()) << tx.status();
    EXPECT_EQ(tx->Serialize(), wire);
    EXPECT_EQ(tx->SerializedSize(), wire.size());
    EXPECT_TRUE(tx->VerifySignatures().ok());
    EXPECT_EQ(tx->message.account_keys[0], payer_.pubkey());
  }
  auto a = Transaction::Parse(FromHex(kTransactionA));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->Id(), kIdA);
  auto ixs = a->message.Decompile();
  ASSERT_TRUE(ixs.ok());
  EXPECT_EQ(*ixs,
            (std::vector<Instruction>{system_program::Transfer(payer_.pubkey(), kRecipient, 1)}));
}

TEST_F(TransactionTest, VectorV0FormOfA) {
  auto m = CompileV0Message(payer_.pubkey(),
                            {system_program::Transfer(payer_.pubkey(), kRecipient, 1)}, kBlockhash);
  ASSERT_TRUE(m.ok());
  auto tx = Transaction::FromMessage(*m);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(tx->Sign({&payer_}).ok());
  EXPECT_EQ(ToHex(tx->signatures[0]), kSignatureV0);
  Bytes wire = tx->Serialize();
  EXPECT_EQ(wire.size(), 217u);
  EXPECT_EQ(tx->SerializedSize(), 217u);
  // Same body as A, with 0x80 before the message and 0x00 after it.
  Bytes a = FromHex(kTransactionA);
  EXPECT_EQ(wire[65], 0x80);
  EXPECT_EQ(Bytes(wire.begin() + 66, wire.end() - 1), Bytes(a.begin() + 65, a.end()));
  EXPECT_EQ(wire.back(), 0x00);
  auto back = Transaction::Parse(wire);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, *tx);
  EXPECT_EQ(back->message.version, MessageVersion::kV0);
  EXPECT_TRUE(back->VerifySignatures().ok());
}

TEST_F(TransactionTest, ParseRejectsTruncationAndTrailingBytes) {
  const Bytes wire = FromHex(kTransactionA);
  for (size_t len = 0; len < wire.size(); ++len) {
    EXPECT_FALSE(Transaction::Parse(ByteView(wire.data(), len)).ok()) << len;
  }
  Bytes longer = wire;
  longer.push_back(0);
  EXPECT_FALSE(Transaction::Parse(longer).ok());
}

TEST_F(TransactionTest, ParseRejectsSignatureCountMismatch) {
  const Bytes wire = FromHex(kTransactionA);
  Bytes none(wire.begin() + 65, wire.end());
  none.insert(none.begin(), 0x00);
  EXPECT_FALSE(Transaction::Parse(none).ok());
  Bytes two = wire;
  two[0] = 2;
  two.insert(two.begin() + 65, wire.begin() + 1, wire.begin() + 65);
  EXPECT_FALSE(Transaction::Parse(two).ok());
}

TEST_F(TransactionTest, ParseRejectsOversizeAndGarbage) {
  Bytes big(kMaxTransactionSize + 1, 0);
  EXPECT_FALSE(Transaction::Parse(big).ok());
  uint32_t state = 99;
  const Bytes good = FromHex(kTransactionA);
  for (int round = 0; round < 3000; ++round) {
    Bytes b = good;
    for (int k = 0; k < 1 + round % 4; ++k) {
      state = state * 1103515245 + 12345;
      size_t pos = (state >> 8) % b.size();
      state = state * 1103515245 + 12345;
      b[pos] = static_cast<uint8_t>(state >> 16);
    }
    auto tx = Transaction::Parse(b);
    if (tx.ok()) {
      EXPECT_EQ(tx->Serialize(), b);
    }
  }
}

TEST_F(TransactionTest, PartialSigningByTwoParties) {
  // `other_` co-signs a transfer it funds; payer_ pays the fee.
  std::vector<Instruction> ixs = {system_program::Transfer(other_.pubkey(), kRecipient, 5)};
  auto m = CompileLegacyMessage(payer_.pubkey(), ixs, kBlockhash);
  ASSERT_TRUE(m.ok());
  auto tx = Transaction::FromMessage(*m);
  ASSERT_TRUE(tx.ok());
  EXPECT_EQ(tx->MissingSigners(), (std::vector<Pubkey>{payer_.pubkey(), other_.pubkey()}));

  ASSERT_TRUE(tx->PartialSign({&payer_}).ok());
  EXPECT_EQ(tx->MissingSigners(), (std::vector<Pubkey>{other_.pubkey()}));
  EXPECT_FALSE(tx->IsFullySigned());
  EXPECT_EQ(tx->VerifySignatures().code(), absl::StatusCode::kFailedPrecondition);
  // The partially signed bytes travel to the co-signer; the empty slot is zeros.
  Bytes wire = tx->Serialize();
  EXPECT_EQ(Bytes(wire.begin() + 65, wire.begin() + 129), Bytes(64, 0));
  auto remote = Transaction::Parse(wire);
  ASSERT_TRUE(remote.ok()) << remote.status();
  ASSERT_TRUE(remote->PartialSign({&other_}).ok());
  EXPECT_TRUE(remote->VerifySignatures().ok());

  // Collected back into the original by slot.
  ASSERT_TRUE(tx->AddSignature(other_.pubkey(), remote->signatures[1]).ok());
  EXPECT_TRUE(tx->VerifySignatures().ok());
  auto both = CompileAndSign(payer_.pubkey(), ixs, kBlockhash, {&other_, &payer_});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(tx->Serialize(), both->Serialize());
}

TEST_F(TransactionTest, SigningErrors) {
  auto m = CompileLegacyMessage(
      payer_.pubkey(), {system_program::Transfer(payer_.pubkey(), kRecipient, 1)}, kBlockhash);
  ASSERT_TRUE(m.ok());
  auto tx = Transaction::FromMessage(*m);
  ASSERT_TRUE(tx.ok());
  // Not a signer of this message: error, nothing signed.
  EXPECT_FALSE(tx->PartialSign({&payer_, &other_}).ok());
  EXPECT_EQ(tx->MissingSigners().size(), 1u);
  EXPECT_EQ(tx->Sign({}).code(), absl::StatusCode::kFailedPrecondition);
  // A signature by the wrong key, or over other bytes, is refused.
  EXPECT_FALSE(tx->AddSignature(payer_.pubkey(), other_.Sign(m->Serialize())).ok());
  EXPECT_FALSE(tx->AddSignature(payer_.pubkey(), payer_.Sign(Bytes{1, 2, 3})).ok());
  EXPECT_FALSE(tx->AddSignature(other_.pubkey(), other_.Sign(m->Serialize())).ok());
  EXPECT_TRUE(tx->AddSignature(payer_.pubkey(), payer_.Sign(m->Serialize())).ok());
  EXPECT_TRUE(tx->VerifySignatures().ok());
  // Compile-and-sign without every signer fails.
  EXPECT_FALSE(CompileAndSign(payer_.pubkey(),
                              {system_program::Transfer(other_.pubkey(), kRecipient, 1)},
                              kBlockhash, {&payer_})
                   .ok());
}

TEST_F(TransactionTest, TamperingBreaksVerification) {
  auto tx = Transaction::Parse(FromHex(kTransactionA));
  ASSERT_TRUE(tx.ok());
  Transaction bad_sig = *tx;
  bad_sig.signatures[0][10] ^= 1;
  EXPECT_EQ(bad_sig.VerifySignatures().code(), absl::StatusCode::kInvalidArgument);
  Transaction bad_msg = *tx;
  bad_msg.message.instructions[0].data[4] = 2;  // 2 lamports instead of 1
  EXPECT_FALSE(bad_msg.VerifySignatures().ok());
}

TEST_F(TransactionTest, SerializedSizeMatchesForManyShapes) {
  for (size_t n_accounts : {0, 1, 5, 40}) {
    for (size_t data_len : {0, 1, 127, 128, 300}) {
      Instruction ix{KeyOf(0xee), {}, Bytes(data_len, 0x5a)};
      for (size_t i = 0; i < n_accounts; ++i) {
        std::array<uint8_t, 32> b{};
        b[0] = 0x10;
        b[1] = static_cast<uint8_t>(i);
        ix.accounts.push_back({Pubkey(b), i % 7 == 3, i % 2 == 0});
      }
      auto m = CompileLegacyMessage(payer_.pubkey(), {ix, ix}, kBlockhash);
      ASSERT_TRUE(m.ok());
      auto tx = Transaction::FromMessage(*m);
      ASSERT_TRUE(tx.ok());
      const size_t wire = tx->Serialize().size();
      EXPECT_EQ(tx->SerializedSize(), wire);
      EXPECT_EQ(LegacyTransactionSize(tx->signatures.size(), m->account_keys.size(), 2,
                                      2 * CompiledInstructionWireSize(n_accounts, data_len)),
                wire);
    }
  }
}

}  // namespace
}  // namespace solana
