#include "providers/solana/keypair.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/str_format.h"
#include "providers/solana/base58.h"

namespace solana {
namespace {

constexpr size_t kSeedSize = 32;
// A keygen file is at most ~260 bytes; anything far larger is not a keypair.
constexpr size_t kMaxKeyFileBytes = 64 * 1024;

// sodium_init is thread-safe and idempotent; a function-local static runs it once.
void EnsureSodium() {
  static const int result = sodium_init();
  (void)result;  // < 0 only without an entropy source; randombytes then aborts itself.
}

// Wipes a buffer when leaving scope, whatever the exit path.
class WipeOnExit {
 public:
  WipeOnExit(void* data, size_t size) : data_(data), size_(size) {}
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;
  ~WipeOnExit() {
    if (data_ != nullptr && size_ > 0) sodium_memzero(data_, size_);
  }

 private:
  void* data_;
  size_t size_;
};

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

absl::string_view TrimJsonSpace(absl::string_view s) {
  while (!s.empty() && IsJsonSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsJsonSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Parses one array element as a JSON integer 0..255. Messages never echo the text.
absl::Status ParseByte(absl::string_view element, size_t index, absl::string_view source,
                       uint8_t* out) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": keypair element ", index, " ", why));
  };
  if (element.empty()) return bad("is empty");
  if (element.front() == '-') return bad("is negative (must be 0..255)");
  unsigned value = 0;
  for (char c : element) {
    if (c < '0' || c > '9') return bad("is not an integer");
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > 255) return bad("is out of range (must be 0..255)");
  }
  if (element.size() > 1 && element.front() == '0') return bad("has a leading zero (not JSON)");
  *out = static_cast<uint8_t>(value);
  return absl::OkStatus();
}

// Fills `out` with exactly 64 numbers from the keygen JSON array.
absl::Status ParseKeygenArray(absl::string_view json, absl::string_view source,
                              std::array<uint8_t, 64>* out) {
  absl::string_view body = TrimJsonSpace(json);
  if (body.size() < 2 || body.front() != '[' || body.back() != ']') {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": not a keypair file (expected a JSON array of 64 integers)"));
  }
  body = body.substr(1, body.size() - 2);
  size_t count = 0;
  if (!TrimJsonSpace(body).empty()) {
    while (true) {
      size_t comma = body.find(',');
      absl::string_view element = TrimJsonSpace(body.substr(0, comma));
      uint8_t value = 0;
      RETURN_IF_ERROR(ParseByte(element, count, source, &value));
      if (count < out->size()) (*out)[count] = value;
      ++count;
      if (comma == absl::string_view::npos) break;
      body.remove_prefix(comma + 1);
    }
  }
  if (count != out->size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": keypair array has ", count, " elements, expected 64"));
  }
  return absl::OkStatus();
}

std::string ErrnoText(int err) { return std::strerror(err); }

absl::Status WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::InternalError(ErrnoText(errno));
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

}  // namespace

std::string SignatureToBase58(const Signature& sig) {
  return Base58Encode(ByteView(sig.data(), sig.size()));
}

absl::StatusOr<Signature> SignatureFromBase58(absl::string_view text) {
  auto bytes = Base58Decode(text);
  if (!bytes.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid signature: ", bytes.status().message()));
  }
  Signature sig;
  if (bytes->size() != sig.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid signature: decodes to ", bytes->size(), " bytes, not 64"));
  }
  std::copy(bytes->begin(), bytes->end(), sig.begin());
  return sig;
}

Keypair::Keypair(Keypair&& other) noexcept : secret_(other.secret_), pubkey_(other.pubkey_) {
  other.Wipe();
}

Keypair& Keypair::operator=(Keypair&& other) noexcept {
  if (this != &other) {
    Wipe();
    secret_ = other.secret_;
    pubkey_ = other.pubkey_;
    other.Wipe();
  }
  return *this;
}

Keypair::~Keypair() { Wipe(); }

void Keypair::Wipe() {
  sodium_memzero(secret_.data(), secret_.size());
  pubkey_ = Pubkey();
}

Keypair Keypair::FromSeedBytes(const uint8_t* seed) {
  EnsureSodium();
  Keypair kp;
  std::array<uint8_t, 32> pk;
  crypto_sign_ed25519_seed_keypair(pk.data(), kp.secret_.data(), seed);
  kp.pubkey_ = Pubkey(pk);
  return kp;
}

absl::StatusOr<Keypair> Keypair::FromSeed(ByteView seed) {
  if (seed.size() != kSeedSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("an Ed25519 seed must be 32 bytes, got ", seed.size()));
  }
  return FromSeedBytes(seed.data());
}

Keypair Keypair::Generate() {
  EnsureSodium();
  std::array<uint8_t, kSeedSize> seed;
  WipeOnExit wipe_seed(seed.data(), seed.size());
  randombytes_buf(seed.data(), seed.size());
  return FromSeedBytes(seed.data());
}

absl::StatusOr<Keypair> Keypair::FromSecretBytes(const uint8_t* secret,
                                                 absl::string_view source) {
  // Re-derive from the seed half: sk_to_pk would only copy bytes 32..63 back.
  Keypair kp = FromSeedBytes(secret);
  if (sodium_memcmp(kp.pubkey_.bytes().data(), secret + kSeedSize, 32) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        source, ": keypair public half does not match the key derived from its seed"));
  }
  return kp;
}

absl::StatusOr<Keypair> Keypair::FromJson(absl::string_view json, absl::string_view source) {
  std::array<uint8_t, 64> numbers{};
  WipeOnExit wipe_numbers(numbers.data(), numbers.size());
  RETURN_IF_ERROR(ParseKeygenArray(json, source, &numbers));
  return FromSecretBytes(numbers.data(), source);
}

absl::StatusOr<Keypair> Keypair::ReadFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    auto msg = absl::StrCat("cannot open keypair file ", path, ": ", ErrnoText(err));
    if (err == ENOENT) return absl::NotFoundError(msg);
    if (err == EACCES) return absl::PermissionDeniedError(msg);
    return absl::InvalidArgumentError(msg);
  }
  // One fixed allocation, so no reallocation leaves unwiped copies of the content.
  std::vector<char> content(kMaxKeyFileBytes + 1);
  WipeOnExit wipe_content(content.data(), content.size());
  size_t used = 0;
  absl::Status status;
  while (used < content.size()) {
    ssize_t n = ::read(fd, content.data() + used, content.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      status = absl::InvalidArgumentError(
          absl::StrCat("cannot read keypair file ", path, ": ", ErrnoText(errno)));
      break;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  RETURN_IF_ERROR(status);
  if (used > kMaxKeyFileBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": too large to be a keypair file (over ", kMaxKeyFileBytes, " bytes)"));
  }
  return FromJson(absl::string_view(content.data(), used), path);
}

absl::Status Keypair::WriteFile(const std::string& path) const {
  // "[" + 64 numbers of at most 3 digits + 63 commas + "]": fits without reallocating.
  std::array<char, 4 * 64 + 2> text;
  WipeOnExit wipe_text(text.data(), text.size());
  size_t len = 0;
  text[len++] = '[';
  for (size_t i = 0; i < secret_.size(); ++i) {
    if (i > 0) text[len++] = ',';
    unsigned v = secret_[i];
    if (v >= 100) text[len++] = static_cast<char>('0' + v / 100);
    if (v >= 10) text[len++] = static_cast<char>('0' + (v / 10) % 10);
    text[len++] = static_cast<char>('0' + v % 10);
  }
  text[len++] = ']';

  // Write a private temporary beside the target, then rename over it atomically.
  std::string temp_template = path + ".tmp.XXXXXX";
  std::vector<char> temp(temp_template.begin(), temp_template.end());
  temp.push_back('\0');
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot create a temporary file for ", path, ": ", ErrnoText(errno)));
  }
  auto fail = [&](absl::string_view what, int err) {
    ::close(fd);
    ::unlink(temp.data());
    return absl::InvalidArgumentError(
        absl::StrCat("cannot write keypair file ", path, ": ", what, ": ", ErrnoText(err)));
  };
  if (::fchmod(fd, 0600) != 0) return fail("chmod", errno);
  if (absl::Status s = WriteAll(fd, text.data(), len); !s.ok()) {
    ::close(fd);
    ::unlink(temp.data());
    return absl::InvalidArgumentError(
        absl::StrCat("cannot write keypair file ", path, ": ", s.message()));
  }
  if (::fsync(fd) != 0) return fail("fsync", errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.data());
    return absl::InvalidArgumentError(
        absl::StrCat("cannot write keypair file ", path, ": close: ", ErrnoText(err)));
  }
  if (::rename(temp.data(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.data());
    return absl::InvalidArgumentError(
        absl::StrCat("cannot write keypair file ", path, ": rename: ", ErrnoText(err)));
  }
  return absl::OkStatus();
}

Signature Keypair::Sign(ByteView message) const {
  static const uint8_t kEmpty = 0;
  const uint8_t* data = message.empty() ? &kEmpty : message.data();
  Signature sig;
  crypto_sign_ed25519_detached(sig.data(), nullptr, data, message.size(), secret_.data());
  return sig;
}

bool VerifySignature(const Pubkey& key, ByteView message, const Signature& sig) {
  EnsureSodium();
  static const uint8_t kEmpty = 0;
  const uint8_t* data = message.empty() ? &kEmpty : message.data();
  return crypto_sign_ed25519_verify_detached(sig.data(), data, message.size(),
                                             key.bytes().data()) == 0;
}

std::optional<std::string> KeyFilePermissionWarning(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  unsigned mode = static_cast<unsigned>(st.st_mode) & 07777;
  if ((mode & 077) == 0) return std::nullopt;
  return absl::StrFormat(
      "warning: key file %s is accessible by group or others (mode %04o); run: chmod 600 %s",
      path, mode, path);
}

}  // namespace solana
