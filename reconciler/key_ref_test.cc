#include "reconciler/key_ref.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reconciler {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSomeKey[] = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";

class KeyRefTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("key_ref_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "keys");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes a fresh keypair (mode 0600) and returns its pubkey.
  solana::Pubkey WriteKey(const std::string& name) {
    solana::Keypair k = solana::Keypair::Generate();
    EXPECT_TRUE(k.WriteFile((dir_ / name).string()).ok());
    return k.pubkey();
  }

  fs::path dir_;
};

TEST_F(KeyRefTest, ParsesTheThreeForms) {
  KeyRef file = *ParseKeyRef("file:keys/../keys/owner.json", "/m/dir");
  EXPECT_EQ(file.source, KeyRef::Source::kFile);
  EXPECT_EQ(file.location, "/m/dir/keys/owner.json");
  EXPECT_EQ(file.text, "file:keys/../keys/owner.json");
  EXPECT_TRUE(file.is_keypair());
  EXPECT_EQ(ParseKeyRef("file:/abs/k.json", "/m")->location, "/abs/k.json");

  KeyRef env = *ParseKeyRef("env:PAYER_KEY", "/m");
  EXPECT_EQ(env.source, KeyRef::Source::kEnv);
  EXPECT_EQ(env.location, "PAYER_KEY");

  KeyRef pk = *ParseKeyRef(kSomeKey, "/m");
  EXPECT_EQ(pk.source, KeyRef::Source::kPubkey);
  EXPECT_FALSE(pk.is_keypair());
  EXPECT_EQ(pk.pubkey->ToBase58(), kSomeKey);
}

TEST_F(KeyRefTest, ExpandsHome) {
  const char* home = std::getenv("HOME");
  if (home == nullptr) GTEST_SKIP() << "HOME not set";
  EXPECT_EQ(ParseKeyRef("file:~/.config/solana/id.json", "/m")->location,
            (fs::path(home) / ".config/solana/id.json").lexically_normal().string());
}

TEST_F(KeyRefTest, RejectsMalformedReferences) {
  EXPECT_FALSE(ParseKeyRef("file:", "/m").ok());
  EXPECT_FALSE(ParseKeyRef("env:1X", "/m").ok());
  EXPECT_FALSE(ParseKeyRef("env:A-B", "/m").ok());
  EXPECT_THAT(ParseKeyRef("owner.json", "/m").status().message(),
              HasSubstr("neither file:PATH, env:VAR nor a base58 public key"));
  // Base58 characters but not 32 bytes.
  EXPECT_FALSE(ParseKeyRef("1111111111111111111111111111111111", "/m").ok());
}

TEST_F(KeyRefTest, LoadsAFileAndChecksTheExpectedKey) {
  solana::Pubkey owner = WriteKey("keys/owner.json");
  KeyRef ref = *ParseKeyRef("file:keys/owner.json", dir_.string());
  EXPECT_EQ(LoadKeypair(ref)->pubkey(), owner);
  EXPECT_EQ(*ResolvePubkey(ref), owner);

  ref.pubkey = owner;
  EXPECT_TRUE(LoadKeypair(ref).ok());
  ref.pubkey = *solana::Pubkey::FromBase58(kSomeKey);
  auto wrong = LoadKeypair(ref);
  EXPECT_THAT(wrong.status().message(),
              HasSubstr("the keypair in file:keys/owner.json has public key " + owner.ToBase58() +
                        ", but the manifest expects " + kSomeKey));
}

TEST_F(KeyRefTest, MissingFileIsNotFound) {
  KeyRef ref = *ParseKeyRef("file:keys/none.json", dir_.string());
  auto k = LoadKeypair(ref);
  EXPECT_EQ(k.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(k.status().message(), HasSubstr((dir_ / "keys/none.json").string()));
}

TEST_F(KeyRefTest, LoadsFromEnvironmentWithoutEchoingIt) {
  solana::Pubkey key = WriteKey("k.json");
  std::ifstream in(dir_ / "k.json");
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ::setenv("KEY_REF_TEST_KEY", json.c_str(), 1);
  EXPECT_EQ(*ResolvePubkey(*ParseKeyRef("env:KEY_REF_TEST_KEY", "/")), key);

  // A damaged secret: the error must not repeat the numbers.
  std::string damaged = json.substr(0, json.rfind(',')) + "]";
  ::setenv("KEY_REF_TEST_KEY", damaged.c_str(), 1);
  auto bad = LoadKeypair(*ParseKeyRef("env:KEY_REF_TEST_KEY", "/"));
  EXPECT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), Not(HasSubstr(json.substr(1, 12))));
  ::unsetenv("KEY_REF_TEST_KEY");
  EXPECT_THAT(LoadKeypair(*ParseKeyRef("env:KEY_REF_TEST_KEY", "/")).status().message(),
              HasSubstr("environment variable KEY_REF_TEST_KEY is not set"));
}

TEST_F(KeyRefTest, BarePubkeyCannotSign) {
  KeyRef pk = *ParseKeyRef(kSomeKey, "/");
  EXPECT_THAT(LoadKeypair(pk).status().message(), HasSubstr("is a public key, not a keypair"));
  EXPECT_EQ(ResolvePubkey(pk)->ToBase58(), kSomeKey);
}

TEST_F(KeyRefTest, WarnsAboutKeyFilesReadableByOthers) {
  WriteKey("k.json");
  KeyRef ref = *ParseKeyRef("file:k.json", dir_.string());
  EXPECT_EQ(KeyRefPermissionWarning(ref), std::nullopt);
  ::chmod((dir_ / "k.json").c_str(), 0644);
  auto warning = KeyRefPermissionWarning(ref);
  ASSERT_TRUE(warning.has_value());
  EXPECT_THAT(*warning, HasSubstr("accessible by group or others"));
  EXPECT_THAT(*warning, Not(HasSubstr("warning:")));
  EXPECT_EQ(KeyRefPermissionWarning(*ParseKeyRef(kSomeKey, "/")), std::nullopt);
}

}  // namespace
}  // namespace reconciler
