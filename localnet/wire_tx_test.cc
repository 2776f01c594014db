#include "localnet/wire_tx.h"

#include <gtest/gtest.h>

#include "localnet/test_util.h"
#include "providers/solana/base64.h"

namespace localnet {
namespace {

using testing::Hex;

constexpr char kTxA[] =
    "017371c050742595feae7ff9e3c1516ae578d97c3f361520d2451a881321d026fb86aa257cdd2ca4e44693e4e2c5"
    "053f6c270aeac0716670a781b7e2ff0a7dcd070100010379b5562e8fe654f94078b112e8a98ba7901f853ae695be"
    "d7e0e3910bad04966400000000000000000000000000000000000000000000000000000000000000010000000000"
    "00000000000000000000000000000000000000000000000000000007070707070707070707070707070707070707"
    "0707070707070707070707070701020200010c020000000100000000000000";

TEST(ShortVecTest, SpecVectors) {
  struct Case {
    uint32_t value;
    std::string hex;
  };
  for (const Case& c : std::vector<Case>{{0, "00"},
                                         {1, "01"},
                                         {127, "7f"},
                                         {128, "8001"},
                                         {255, "ff01"},
                                         {256, "8002"},
                                         {16383, "ff7f"},
                                         {16384, "808001"},
                                         {65535, "ffff03"}}) {
    solana::Bytes enc;
    PutShortVec(&enc, static_cast<uint16_t>(c.value));
    EXPECT_EQ(enc, Hex(c.hex)) << c.value;
    solana::Bytes raw = Hex(c.hex);
    solana::ByteReader in(raw);
    auto v = ReadShortVec(&in, "n");
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(*v, c.value);
  }
  for (const std::string bad : {"80", "8000", "808080", "ffff04"}) {
    solana::Bytes raw = Hex(bad);
    solana::ByteReader in(raw);
    EXPECT_FALSE(ReadShortVec(&in, "n").ok()) << bad;
  }
  solana::Bytes ok = Hex("ff8001");
  solana::ByteReader in(ok);
  EXPECT_EQ(*ReadShortVec(&in, "n"), 16511);
}

TEST(WireTxTest, DecodesSpecTransactionA) {
  solana::Bytes raw = Hex(kTxA);
  ASSERT_EQ(raw.size(), 215u);
  auto tx = DecodeTransaction(raw);
  ASSERT_TRUE(tx.ok()) << tx.status();
  EXPECT_TRUE(SanitizeTransaction(*tx).ok());
  EXPECT_EQ(tx->signatures.size(), 1u);
  EXPECT_EQ(tx->message_bytes.size(), 150u);
  EXPECT_EQ(tx->message.keys.size(), 3u);
  EXPECT_EQ(tx->message.keys[0].ToBase58(), "9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj");
  EXPECT_EQ(tx->message.recent_blockhash, testing::HashOf(7));
  ASSERT_EQ(tx->message.instructions.size(), 1u);
  EXPECT_EQ(tx->message.instructions[0].program_id_index, 2);
  EXPECT_TRUE(tx->message.IsHeaderWritable(1));
  EXPECT_FALSE(tx->message.IsHeaderWritable(2));
  // Base64 form from the spec decodes to the same bytes.
  auto b64 = solana::Base64Decode(
      "AXNxwFB0JZX+rn/548FRauV42Xw/NhUg0kUaiBMh0Cb7hqolfN0spORGk+TixQU/bCcK6sBxZnCngbfi/wp9zQcBAA"
      "EDebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA"
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcBAgIAAQ"
      "wCAAAAAQAAAAAAAAA=");
  ASSERT_TRUE(b64.ok());
  EXPECT_EQ(*b64, raw);
  // The builder reproduces the spec bytes.
  auto signer = testing::SpecSigner();
  EXPECT_EQ(testing::BuildTx({&signer}, {testing::Transfer(signer.pubkey, testing::KeyOf(1), 1)},
                             testing::HashOf(7)),
            raw);
}

TEST(WireTxTest, RejectsMalformed) {
  solana::Bytes raw = Hex(kTxA);
  solana::Bytes truncated(raw.begin(), raw.end() - 1);
  EXPECT_FALSE(DecodeTransaction(truncated).ok());
  solana::Bytes trailing = raw;
  trailing.push_back(0);
  EXPECT_FALSE(DecodeTransaction(trailing).ok());
  EXPECT_FALSE(DecodeTransaction({}).ok());

  // Program id index 0 (the fee payer) fails sanitize.
  solana::Bytes bad_program = raw;
  bad_program[raw.size() - 17] = 0;
  auto tx = DecodeTransaction(bad_program);
  ASSERT_TRUE(tx.ok());
  EXPECT_FALSE(SanitizeTransaction(*tx).ok());

  // Two signatures for a header that requires one.
  solana::Bytes two = {2};
  two.insert(two.end(), raw.begin() + 1, raw.begin() + 65);
  two.insert(two.end(), raw.begin() + 1, raw.end());
  tx = DecodeTransaction(two);
  ASSERT_TRUE(tx.ok());
  EXPECT_FALSE(SanitizeTransaction(*tx).ok());

  // Unknown message version.
  solana::Bytes v1 = raw;
  v1.insert(v1.begin() + 65, 0x81);
  EXPECT_FALSE(DecodeTransaction(v1).ok());
}

TEST(WireTxTest, DecodesV0WithoutLookups) {
  solana::Bytes raw = Hex(kTxA);
  solana::Bytes msg(raw.begin() + 65, raw.end());
  msg.insert(msg.begin(), 0x80);
  msg.push_back(0);
  auto m = DecodeMessage(msg);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_TRUE(m->versioned);
  EXPECT_TRUE(m->lookups.empty());
}

TEST(Base64Test, RoundTripAndStrictness) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    solana::Bytes b(s.begin(), s.end());
    auto d = solana::Base64Decode(solana::Base64Encode(b));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(*d, b);
  }
  EXPECT_EQ(solana::Base64Encode(solana::Bytes{'f', 'o', 'o', 'b'}), "Zm9vYg==");
  EXPECT_FALSE(solana::Base64Decode("Zm9vYg=").ok());
  EXPECT_FALSE(solana::Base64Decode("Zm9v Yg==").ok());
  EXPECT_FALSE(solana::Base64Decode("Zm=vYg==").ok());
  EXPECT_FALSE(solana::Base64Decode("Zm9vYh==").ok());  // non-zero trailing bits
  EXPECT_FALSE(solana::Base64Decode("!!!!").ok());
}

}  // namespace
}  // namespace localnet
