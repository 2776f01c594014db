#include "localnet/persistence.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "providers/solana/base64.h"
#include "rapidjson/document.h"

namespace localnet {
namespace {

constexpr std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr std::array<uint32_t, 256> kCrcTable = MakeCrcTable();

absl::Status Errno(absl::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

absl::Status WriteAll(int fd, const uint8_t* p, size_t n, const std::string& path) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Errno("write", path);
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return absl::OkStatus();
}

absl::Status FsyncDir(const std::string& file_path) {
  std::filesystem::path parent = std::filesystem::path(file_path).parent_path();
  const std::string dir = parent.empty() ? std::filesystem::path(".").string() : parent.string();
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Errno("open dir", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Errno("fsync dir", dir);
  return absl::OkStatus();
}

}  // namespace

uint32_t Crc32(ByteView data) {
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t b : data) c = kCrcTable[(c ^ b) & 0xff] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

WriteAheadLog::~WriteAheadLog() {
  if (fd_ >= 0) ::close(fd_);
}

absl::StatusOr<std::unique_ptr<WriteAheadLog>> WriteAheadLog::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("open", path);
  return std::make_unique<WriteAheadLog>(fd, path);
}

absl::Status WriteAheadLog::Append(uint8_t type, ByteView payload) {
  buffer_.clear();
  Bytes body;
  body.reserve(payload.size() + 1);
  body.push_back(type);
  solana::PutBytes(&body, payload);
  solana::PutU32(&buffer_, static_cast<uint32_t>(body.size()));
  solana::PutU32(&buffer_, Crc32(body));
  solana::PutBytes(&buffer_, body);
  RETURN_IF_ERROR(WriteAll(fd_, buffer_.data(), buffer_.size(), path_));
  ++appended_;
  return absl::OkStatus();
}

absl::Status WriteAheadLog::Sync() {
  if (::fdatasync(fd_) != 0) return Errno("fdatasync", path_);
  return absl::OkStatus();
}

absl::StatusOr<WalContents> ReadWriteAheadLog(const std::string& path, bool truncate) {
  WalContents out;
  if (!FileExists(path)) return out;
  ASSIGN_OR_RETURN(Bytes bytes, ReadWholeFile(path));
  solana::ByteReader in(bytes);
  while (in.remaining() > 0) {
    size_t start = in.offset();
    auto len = in.U32("record length");
    auto crc = in.U32("record crc");
    if (!len.ok() || !crc.ok() || *len == 0 || in.remaining() < *len) break;
    ByteView body = *in.Take(*len, "record");
    if (Crc32(body) != *crc) {
      out.valid_bytes = start;
      out.torn_tail = true;
      break;
    }
    out.records.push_back({body[0], Bytes(body.begin() + 1, body.end())});
    out.valid_bytes = in.offset();
  }
  if (out.valid_bytes < bytes.size()) out.torn_tail = true;
  if (out.torn_tail && truncate) {
    if (::truncate(path.c_str(), static_cast<off_t>(out.valid_bytes)) != 0) {
      return Errno("truncate", path);
    }
  }
  return out;
}

absl::Status WriteFileAtomically(const std::string& path, ByteView data) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("open", tmp);
  absl::Status s = WriteAll(fd, data.data(), data.size(), tmp);
  if (s.ok() && ::fsync(fd) != 0) s = Errno("fsync", tmp);
  ::close(fd);
  RETURN_IF_ERROR(s);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Errno("rename", tmp);
  return FsyncDir(path);
}

absl::StatusOr<Bytes> ReadWholeFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("open", path);
  Bytes out;
  std::array<uint8_t, 1 << 16> buf;
  while (true) {
    ssize_t r = ::read(fd, buf.data(), buf.size());
    if (r < 0) {
      if (errno == EINTR) continue;
      absl::Status s = Errno("read", path);
      ::close(fd);
      return s;
    }
    if (r == 0) break;
    out.insert(out.end(), buf.begin(), buf.begin() + r);
  }
  ::close(fd);
  return out;
}

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

absl::Status MakeDirs(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return absl::InternalError(absl::StrCat("mkdir ", path, ": ", ec.message()));
  return absl::OkStatus();
}

absl::StatusOr<SeedAccount> ParseAccountDumpJson(absl::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  auto bad = [](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("account dump: ", why));
  };
  if (doc.HasParseError() || !doc.IsObject()) return bad("not a JSON object");
  auto pk = doc.FindMember("pubkey");
  auto acc = doc.FindMember("account");
  if (pk == doc.MemberEnd() || !pk->value.IsString()) return bad("missing \"pubkey\"");
  if (acc == doc.MemberEnd() || !acc->value.IsObject()) return bad("missing \"account\"");
  SeedAccount out;
  ASSIGN_OR_RETURN(out.address, Pubkey::FromBase58(pk->value.GetString()));
  const auto& a = acc->value;
  auto lam = a.FindMember("lamports");
  auto owner = a.FindMember("owner");
  auto data = a.FindMember("data");
  auto exec = a.FindMember("executable");
  if (lam == a.MemberEnd() || !lam->value.IsUint64()) return bad("\"lamports\" must be a u64");
  if (owner == a.MemberEnd() || !owner->value.IsString()) return bad("missing \"owner\"");
  if (data == a.MemberEnd() || !data->value.IsArray() || data->value.Size() != 2 ||
      !data->value[0].IsString() || !data->value[1].IsString() ||
      std::strcmp(data->value[1].GetString(), "base64") != 0) {
    return bad("\"data\" must be [\"<base64>\",\"base64\"]");
  }
  if (exec != a.MemberEnd() && !exec->value.IsBool()) return bad("\"executable\" must be bool");
  out.account.lamports = lam->value.GetUint64();
  ASSIGN_OR_RETURN(out.account.owner, Pubkey::FromBase58(owner->value.GetString()));
  ASSIGN_OR_RETURN(out.account.data,
                   solana::Base64Decode(absl::string_view(data->value[0].GetString(),
                                                          data->value[0].GetStringLength())));
  out.account.executable = exec != a.MemberEnd() && exec->value.GetBool();
  auto re = a.FindMember("rentEpoch");
  if (re != a.MemberEnd() && re->value.IsUint64()) out.account.rent_epoch = re->value.GetUint64();
  return out;
}

absl::StatusOr<SeedAccount> ReadRawAccountDump(const std::string& path, const Pubkey& address,
                                               const Pubkey& owner, uint64_t lamports,
                                               bool executable) {
  ASSIGN_OR_RETURN(Bytes data, ReadWholeFile(path));
  SeedAccount out;
  out.address = address;
  out.account.owner = owner;
  out.account.data = std::move(data);
  out.account.lamports = lamports != 0 ? lamports : RentExemptMinimum(out.account.data.size());
  out.account.executable = executable;
  return out;
}

}  // namespace localnet
