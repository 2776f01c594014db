#include "providers/solana/keypair.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "providers/solana/base58.h"

namespace solana {
namespace {

Bytes Hex(absl::string_view hex) {
  std::string raw = absl::HexStringToBytes(hex);
  return Bytes(raw.begin(), raw.end());
}

std::string ToHex(ByteView b) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

// solana-wire 9.3: the test keypair (seed = bytes 1..32), exactly as solana-keygen writes it.
constexpr char kTestKeyFile[] =
    "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,"
    "121,181,86,46,143,230,84,249,64,120,177,18,232,169,139,167,144,31,133,58,230,149,190,215,"
    "224,227,145,11,173,4,150,100]";
constexpr char kTestAddress[] = "9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj";

Bytes TestSeed() { return Hex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"); }

// The 64 numbers of kTestKeyFile, editable for rejection tests.
std::vector<std::string> TestKeyElements() {
  std::vector<std::string> out;
  std::string body(kTestKeyFile + 1, sizeof(kTestKeyFile) - 3);
  std::stringstream ss(body);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(item);
  return out;
}

std::string JoinArray(const std::vector<std::string>& elements) {
  return "[" + absl::StrJoin(elements, ",") + "]";
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/keypair_test.XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteText(const std::string& path, const std::string& text, mode_t mode = 0600) {
  std::ofstream(path, std::ios::binary) << text;
  ::chmod(path.c_str(), mode);
}

TEST(Signature, Base58RoundTripAndLength) {
  // RFC 8032 test 1 signature (solana-wire 9.3).
  Bytes raw = Hex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
      "1cf9b46bd25bf5f0595bbe24655141438e7a100b");
  Signature sig;
  std::copy(raw.begin(), raw.end(), sig.begin());
  std::string text = SignatureToBase58(sig);
  EXPECT_EQ(text, Base58Encode(raw));
  auto back = SignatureFromBase58(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, sig);

  Bytes short_raw(raw.begin(), raw.end() - 1);
  Bytes long_raw = raw;
  long_raw.push_back(0);
  EXPECT_FALSE(SignatureFromBase58(Base58Encode(short_raw)).ok());  // 63 bytes
  EXPECT_FALSE(SignatureFromBase58(Base58Encode(long_raw)).ok());   // 65 bytes
  EXPECT_FALSE(SignatureFromBase58("").ok());
  EXPECT_FALSE(SignatureFromBase58(kTestAddress).ok());  // 32 bytes
  std::string bad = text;
  bad[5] = '0';
  EXPECT_FALSE(SignatureFromBase58(bad).ok());
  bad[5] = 'l';
  EXPECT_FALSE(SignatureFromBase58(bad).ok());
  EXPECT_FALSE(SignatureFromBase58(" " + text).ok());
  // All-zero signature: 64 '1's.
  EXPECT_EQ(SignatureToBase58(Signature{}), std::string(64, '1'));
  EXPECT_EQ(*SignatureFromBase58(std::string(64, '1')), Signature{});
}

TEST(Keypair, Rfc8032Test1) {
  auto kp = Keypair::FromSeed(
      Hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(kp.ok()) << kp.status();
  EXPECT_EQ(ToHex(kp->pubkey().view()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  Signature sig = kp->Sign({});
  EXPECT_EQ(ToHex(ByteView(sig.data(), sig.size())),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bac"
            "c61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(VerifySignature(kp->pubkey(), {}, sig));
  Bytes other = {0x72};
  EXPECT_FALSE(VerifySignature(kp->pubkey(), other, sig));
  sig[0] ^= 1;
  EXPECT_FALSE(VerifySignature(kp->pubkey(), {}, sig));
}

TEST(Keypair, TestKeyFromSeedAndFile) {
  auto from_seed = Keypair::FromSeed(TestSeed());
  ASSERT_TRUE(from_seed.ok());
  EXPECT_EQ(ToHex(from_seed->pubkey().view()),
            "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664");
  EXPECT_EQ(from_seed->pubkey().ToBase58(), kTestAddress);

  auto from_json = Keypair::FromJson(kTestKeyFile, "test");
  ASSERT_TRUE(from_json.ok()) << from_json.status();
  EXPECT_EQ(from_json->pubkey().ToBase58(), kTestAddress);
  // Deterministic Ed25519: both give the same signature.
  Bytes msg = {1, 2, 3};
  EXPECT_EQ(from_json->Sign(msg), from_seed->Sign(msg));
}

TEST(Keypair, FromJsonAcceptsWhitespace) {
  std::vector<std::string> elements = TestKeyElements();
  ASSERT_EQ(elements.size(), 64u);
  for (auto& e : elements) e = " \t" + e + "\n ";
  auto kp = Keypair::FromJson("\n  " + JoinArray(elements) + "\r\n\n", "test");
  ASSERT_TRUE(kp.ok()) << kp.status();
  EXPECT_EQ(kp->pubkey().ToBase58(), kTestAddress);
}

TEST(Keypair, FromSeedRejectsWrongLength) {
  EXPECT_FALSE(Keypair::FromSeed(Bytes(31, 1)).ok());
  EXPECT_FALSE(Keypair::FromSeed(Bytes(33, 1)).ok());
  EXPECT_FALSE(Keypair::FromSeed(Bytes(64, 1)).ok());
  EXPECT_FALSE(Keypair::FromSeed({}).ok());
}

TEST(Keypair, FromJsonRejections) {
  std::vector<std::string> good = TestKeyElements();
  auto rejects = [](const std::string& text, const std::string& expect_in_message) {
    auto kp = Keypair::FromJson(text, "my-source");
    ASSERT_FALSE(kp.ok()) << text;
    EXPECT_EQ(kp.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(kp.status().message().find("my-source"), absl::string_view::npos)
        << kp.status();
    EXPECT_NE(kp.status().message().find(expect_in_message), absl::string_view::npos)
        << kp.status();
  };
  rejects("", "not a keypair file");
  rejects("hello", "not a keypair file");
  rejects("{\"a\": 1}", "not a keypair file");
  rejects(std::string(kTestKeyFile) + "x", "not a keypair file");
  rejects("x" + std::string(kTestKeyFile), "not a keypair file");
  rejects("[", "not a keypair file");
  rejects("[]", "0 elements");
  rejects("[" + std::string(kTestKeyFile) + "]", "not an integer");

  std::vector<std::string> v = good;
  v.pop_back();
  rejects(JoinArray(v), "63 elements");
  v = good;
  v.push_back("0");
  rejects(JoinArray(v), "65 elements");
  v = good;
  v[3] = "256";
  rejects(JoinArray(v), "out of range");
  v[3] = "1000";
  rejects(JoinArray(v), "out of range");
  v[3] = "99999999999999999999999";
  rejects(JoinArray(v), "out of range");
  v[3] = "-1";
  rejects(JoinArray(v), "negative");
  v[3] = "4.0";
  rejects(JoinArray(v), "not an integer");
  v[3] = "\"4\"";
  rejects(JoinArray(v), "not an integer");
  v[3] = "04";
  rejects(JoinArray(v), "leading zero");
  v[3] = "";
  rejects(JoinArray(v), "empty");
  v = good;
  rejects(JoinArray(v).insert(1, ","), "empty");       // leading comma
  rejects(JoinArray(v).insert(JoinArray(v).size() - 1, ","), "empty");  // trailing comma

  // Public half that does not match the seed: flip one pubkey byte.
  v = good;
  v[40] = std::to_string((std::stoi(v[40]) + 1) % 256);
  rejects(JoinArray(v), "does not match");
  // Another valid keypair's public half under this seed.
  v = good;
  auto other = Keypair::FromSeed(Bytes(32, 9));
  for (int i = 0; i < 32; ++i) v[32 + i] = std::to_string(other->pubkey().bytes()[i]);
  rejects(JoinArray(v), "does not match");
}

TEST(Keypair, GenerateGivesDistinctWorkingKeys) {
  Keypair a = Keypair::Generate();
  Keypair b = Keypair::Generate();
  EXPECT_NE(a.pubkey(), b.pubkey());
  EXPECT_FALSE(a.pubkey().IsZero());
  Bytes msg = {'h', 'i'};
  Signature sig = a.Sign(msg);
  EXPECT_TRUE(VerifySignature(a.pubkey(), msg, sig));
  EXPECT_FALSE(VerifySignature(b.pubkey(), msg, sig));
}

TEST(Keypair, MoveTransfersAndWipesSource) {
  auto kp = Keypair::FromJson(kTestKeyFile, "test");
  ASSERT_TRUE(kp.ok());
  Keypair a = std::move(*kp);
  EXPECT_EQ(a.pubkey().ToBase58(), kTestAddress);
  EXPECT_TRUE(kp->pubkey().IsZero());  // moved-from is wiped
  Bytes msg = {5};
  // The moved-from object no longer signs as the key.
  EXPECT_FALSE(VerifySignature(a.pubkey(), msg, kp->Sign(msg)));

  Keypair b = Keypair::Generate();
  b = std::move(a);
  EXPECT_EQ(b.pubkey().ToBase58(), kTestAddress);
  EXPECT_TRUE(a.pubkey().IsZero());
  EXPECT_TRUE(VerifySignature(b.pubkey(), msg, b.Sign(msg)));
}

TEST(Keypair, FileRoundTripWithMode0600) {
  TempDir dir;
  std::string path = dir.File("id.json");
  auto kp = Keypair::FromSeed(TestSeed());
  ASSERT_TRUE(kp.ok());
  ASSERT_TRUE(kp->WriteFile(path).ok());
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  // Exactly the keygen format (no spaces, no newline).
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, kTestKeyFile);
  auto back = Keypair::ReadFile(path);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->pubkey(), kp->pubkey());
  EXPECT_EQ(KeyFilePermissionWarning(path), std::nullopt);

  // Overwriting an existing (group-readable) file leaves it 0600 with the new key.
  ::chmod(path.c_str(), 0644);
  Keypair fresh = Keypair::Generate();
  ASSERT_TRUE(fresh.WriteFile(path).ok());
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(Keypair::ReadFile(path)->pubkey(), fresh.pubkey());

  // Generated keys of every byte value survive the text round trip.
  for (int i = 0; i < 20; ++i) {
    Keypair g = Keypair::Generate();
    ASSERT_TRUE(g.WriteFile(path).ok());
    auto r = Keypair::ReadFile(path);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->pubkey(), g.pubkey());
  }
}

TEST(Keypair, WriteFileIntoMissingDirectoryFails) {
  TempDir dir;
  auto kp = Keypair::Generate();
  absl::Status s = kp.WriteFile(dir.File("no/such/dir/id.json"));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no/such/dir/id.json"), absl::string_view::npos) << s;
}

TEST(Keypair, ReadFileErrorsNamePathNotContent) {
  TempDir dir;
  std::string missing = dir.File("missing.json");
  auto r = Keypair::ReadFile(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find(missing), absl::string_view::npos) << r.status();

  std::string not_json = dir.File("notjson.json");
  WriteText(not_json, "secret-ish words 12345");
  r = Keypair::ReadFile(not_json);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(not_json), absl::string_view::npos);
  EXPECT_EQ(r.status().message().find("secret-ish"), absl::string_view::npos);
  EXPECT_EQ(r.status().message().find("12345"), absl::string_view::npos);

  // A mismatched file: the error must not echo any of its numbers.
  std::vector<std::string> v = TestKeyElements();
  v[40] = "0";
  std::string mismatched = dir.File("mismatch.json");
  WriteText(mismatched, JoinArray(v));
  r = Keypair::ReadFile(mismatched);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(mismatched), absl::string_view::npos);
  EXPECT_EQ(r.status().message().find("1,2,3"), absl::string_view::npos);

  // A directory is not a keypair file.
  EXPECT_FALSE(Keypair::ReadFile(dir.File("")).ok());
  // Oversized input is refused.
  std::string huge = dir.File("huge.json");
  WriteText(huge, std::string(100000, ' ') + kTestKeyFile);
  EXPECT_FALSE(Keypair::ReadFile(huge).ok());
}

TEST(Keypair, PermissionWarning) {
  TempDir dir;
  std::string path = dir.File("id.json");
  WriteText(path, kTestKeyFile, 0600);
  EXPECT_EQ(KeyFilePermissionWarning(path), std::nullopt);
  ::chmod(path.c_str(), 0400);
  EXPECT_EQ(KeyFilePermissionWarning(path), std::nullopt);
  ::chmod(path.c_str(), 0644);
  auto w = KeyFilePermissionWarning(path);
  ASSERT_TRUE(w.has_value());
  EXPECT_NE(w->find(path), std::string::npos);
  EXPECT_NE(w->find("0644"), std::string::npos);
  ::chmod(path.c_str(), 0640);
  EXPECT_TRUE(KeyFilePermissionWarning(path).has_value());
  ::chmod(path.c_str(), 0602);
  EXPECT_TRUE(KeyFilePermissionWarning(path).has_value());
  // Still readable after the warning: the warning does not block use.
  EXPECT_TRUE(Keypair::ReadFile(path).ok());
  EXPECT_EQ(KeyFilePermissionWarning(dir.File("missing")), std::nullopt);
}

// Nothing printable that Keypair exposes carries the secret: the address is the
// public half only, and error messages never echo input numbers.
TEST(Keypair, SecretNeverInPrintableOutput) {
  auto kp = Keypair::FromJson(kTestKeyFile, "test");
  ASSERT_TRUE(kp.ok());
  Bytes seed = TestSeed();
  std::string seed_b58 = Base58Encode(seed);
  std::string seed_hex = ToHex(seed);
  std::string address = kp->pubkey().ToBase58();
  EXPECT_EQ(address.find(seed_b58), std::string::npos);
  EXPECT_NE(ToHex(kp->pubkey().view()), seed_hex);
  Signature sig = kp->Sign(seed);  // signing the seed itself must not leak it
  std::string sig_text = SignatureToBase58(sig);
  EXPECT_EQ(ToHex(ByteView(sig.data(), sig.size())).find(seed_hex), std::string::npos);
  EXPECT_EQ(sig_text.find(seed_b58), std::string::npos);

  // Errors about any element (including secret ones) never contain the value text.
  std::vector<std::string> v = TestKeyElements();
  v[7] = "777";
  auto r = Keypair::FromJson(JoinArray(v), "src");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().find("777"), absl::string_view::npos) << r.status();
  v[7] = "-123";
  r = Keypair::FromJson(JoinArray(v), "src");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().find("123"), absl::string_view::npos) << r.status();
  v[7] = "abc";
  r = Keypair::FromJson(JoinArray(v), "src");
  EXPECT_EQ(r.status().message().find("abc"), absl::string_view::npos) << r.status();
}

}  // namespace
}  // namespace solana
