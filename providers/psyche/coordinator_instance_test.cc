#include "providers/psyche/coordinator_instance.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "providers/psyche/psyche_program_ids.h"

namespace psyche {
namespace {

// Spec coordinator 8.5: run id "test", bump 255, MAIN / JOIN / ACCT of 8.1.
constexpr char kExampleHex[] =
    "9c099910af181ffcff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526"
    "2728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455"
    "565758595a5b5c5d5e5f60040000007465737400000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000";

solana::Bytes Example() {
  std::string raw = absl::HexStringToBytes(kExampleHex);
  return solana::Bytes(raw.begin(), raw.end());
}

solana::Pubkey Key(absl::string_view b58) { return *solana::Pubkey::FromBase58(b58); }

TEST(CoordinatorInstanceTest, DecodesSpecExample) {
  solana::Bytes data = Example();
  ASSERT_EQ(data.size(), kCoordinatorInstanceSize);
  auto inst = DecodeCoordinatorInstance(data);
  ASSERT_TRUE(inst.ok()) << inst.status();
  EXPECT_EQ(inst->bump, 255);
  EXPECT_EQ(inst->main_authority, Key("4wBqpZM9xaSheZzJSMawUKKwhdpChKbZ5eu5ky4Vigw"));
  EXPECT_EQ(inst->join_authority, Key("3ELeRTTg5W5hAYaEFznzFV1jknNFkjHqS8ytwvQEQP1Z"));
  EXPECT_EQ(inst->coordinator_account, Key("5Pk716N113awdSaUDZEPZVi9Zs6hJmG5KCJtp5qQK3LB"));
  EXPECT_EQ(inst->run_id, "test");
  EXPECT_EQ(EncodeCoordinatorInstance(*inst), data);
}

TEST(CoordinatorInstanceTest, ChecksOwner) {
  solana::Bytes data = Example();
  EXPECT_TRUE(
      DecodeCoordinatorInstance(data, program_ids::Coordinator(), program_ids::Coordinator()).ok());
  auto bad = DecodeCoordinatorInstance(data, program_ids::Treasurer(), program_ids::Coordinator());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(CoordinatorInstanceTest, RejectsWrongDiscriminator) {
  solana::Bytes data = Example();
  data[0] ^= 0xff;
  auto r = DecodeCoordinatorInstance(data);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("discriminator"), absl::string_view::npos);
}

TEST(CoordinatorInstanceTest, RejectsEveryTruncationBeforeTheRunIdEnds) {
  solana::Bytes data = Example();
  // 109 + 4 bytes of "test" is the end of the defined data.
  for (size_t n = 0; n < 113; ++n) {
    auto r = DecodeCoordinatorInstance(solana::ByteView(data.data(), n));
    EXPECT_FALSE(r.ok()) << "length " << n;
  }
  // Trailing bytes are ignored, as Anchor does.
  EXPECT_TRUE(DecodeCoordinatorInstance(solana::ByteView(data.data(), 113)).ok());
}

TEST(CoordinatorInstanceTest, RejectsOversizedRunIdLength) {
  solana::Bytes data = Example();
  data[105] = 65;  // length 65 > 64 allocated bytes
  auto r = DecodeCoordinatorInstance(data);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("offset 105"), absl::string_view::npos) << r.status();
  data[105] = 0xff;
  data[108] = 0xff;  // ~4 GB length must not allocate or crash
  EXPECT_FALSE(DecodeCoordinatorInstance(data).ok());
}

TEST(CoordinatorInstanceTest, RejectsNonUtf8RunId) {
  solana::Bytes data = Example();
  data[110] = 0xc3;  // "t\xc3st": a lead byte without continuation
  auto r = DecodeCoordinatorInstance(data);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("UTF-8"), absl::string_view::npos);
}

}  // namespace
}  // namespace psyche
