#include "providers/psyche/account_decoders.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/testing_fixtures.h"

namespace psyche {
namespace {

TEST(AccountDecodersTest, DetectsCoordinatorAccount) {
  auto r = DecodeAnyAccount(testing::ReadFixture("coordinator-account-v1.so"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->kind, "CoordinatorAccount");
  rapidjson::Document doc;
  doc.Parse(r->json.c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["kind"].GetString(), "CoordinatorAccount");
  EXPECT_EQ(doc["data_size"].GetUint(), 119160u);
  EXPECT_STREQ(doc["account"]["run_id"].GetString(), "test");
  EXPECT_TRUE(doc["account"]["clients"]["registered"].IsArray());
}

TEST(AccountDecodersTest, DetectsCoordinatorInstance) {
  CoordinatorInstance inst;
  inst.run_id = "test";
  inst.bump = 254;
  auto r = DecodeAnyAccount(EncodeCoordinatorInstance(inst));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->kind, "CoordinatorInstance");
  EXPECT_NE(r->json.find(R"("account":{"run_id":"test","bump":254,)"), std::string::npos)
      << r->json;
}

TEST(AccountDecodersTest, UnknownKindIsNotFound) {
  solana::Bytes junk(100, 0x42);
  auto r = DecodeAnyAccount(junk);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("4242424242424242"), std::string::npos);
  EXPECT_FALSE(DecodeAnyAccount(solana::Bytes()).ok());
}

TEST(AccountDecodersTest, CorruptKnownKindReportsTheField) {
  solana::Bytes data = testing::ReadFixture("coordinator-account-v1.so");
  data[936] = 9;
  auto r = DecodeAnyAccount(data);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("optimizer"), std::string::npos);
}

}  // namespace
}  // namespace psyche
