#include "providers/psyche/authorization_writer.h"

#include <gtest/gtest.h>

#include "providers/psyche/codec_test_util.h"

#include "absl/strings/escaping.h"

namespace psyche {
namespace {

using ::psyche::testing::Key;

TEST(AuthorizationWriterTest, LayoutOffsetsOfJoinScope) {
  Authorization a;
  a.bump = 254;
  a.grantor = Key(1);
  a.grantee = Key(2);
  auto scope = JoinRunScope();
  a.scope.assign(scope.begin(), scope.end());
  a.active = true;
  a.delegates = {Key(3)};
  a.grantor_update_unix_timestamp = 0x0102030405060708;
  auto bytes = EncodeAuthorization(a);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  ASSERT_EQ(bytes->size(), AuthorizationAccountSize(18, 1));  // 140 (2.3: 108 + 32N)
  EXPECT_EQ(absl::BytesToHexString(absl::string_view(
                reinterpret_cast<const char*>(bytes->data()), 8)),
            "0344a8f3c3a8204b");
  EXPECT_EQ((*bytes)[8], 254);
  EXPECT_EQ((*bytes)[9], 1);
  EXPECT_EQ((*bytes)[41], 2);
  EXPECT_EQ((*bytes)[73], 18);
  EXPECT_EQ((*bytes)[95], 1);   // active
  EXPECT_EQ((*bytes)[96], 1);   // N
  EXPECT_EQ((*bytes)[100], 3);  // first delegate
  EXPECT_EQ((*bytes)[132], 8);  // timestamp, little-endian

  auto back = DecodeAuthorization(program_ids::Authorizer(), *bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->delegates, a.delegates);
  EXPECT_EQ(back->grantor_update_unix_timestamp, a.grantor_update_unix_timestamp);
  EXPECT_TRUE(back->active);
}

TEST(AuthorizationWriterTest, RefusesScopeOver32Bytes) {
  Authorization a;
  a.scope.assign(33, 'x');
  EXPECT_FALSE(EncodeAuthorization(a).ok());
}

}  // namespace
}  // namespace psyche
