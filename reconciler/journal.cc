#include "reconciler/journal.h"

#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace reconciler {
namespace {

constexpr size_t kChecksumHexLen = 16;

std::string Checksum(absl::string_view json) {
  solana::Hash h = solana::Sha256(
      {solana::ByteView(reinterpret_cast<const uint8_t*>(json.data()), json.size())});
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(h.bytes().data()), 8));
}

absl::Status Errno(absl::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

bool ValidName(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

absl::Status FsyncDir(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open directory", dir);
  int rc = fsync(fd);
  close(fd);
  if (rc != 0) return Errno("cannot fsync directory", dir);
  return absl::OkStatus();
}

}  // namespace

absl::string_view TxStateName(TxState state) {
  switch (state) {
    case TxState::kSigned:
      return "signed";
    case TxState::kSent:
      return "sent";
    case TxState::kConfirmed:
      return "confirmed";
    case TxState::kFailed:
      return "failed";
    case TxState::kExpired:
      return "expired";
  }
  return "unknown";
}

std::optional<TxState> ParseTxState(absl::string_view name) {
  for (TxState s : {TxState::kSigned, TxState::kSent, TxState::kConfirmed, TxState::kFailed,
                    TxState::kExpired}) {
    if (TxStateName(s) == name) return s;
  }
  return std::nullopt;
}

std::string EncodeJournalLine(const JournalRecord& r) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("step");
  w.String(r.step_id.data(), r.step_id.size());
  w.Key("sig");
  w.String(r.signature.data(), r.signature.size());
  w.Key("state");
  absl::string_view state = TxStateName(r.state);
  w.String(state.data(), state.size());
  if (!r.signed_tx_base64.empty()) {
    w.Key("tx");
    w.String(r.signed_tx_base64.data(), r.signed_tx_base64.size());
  }
  w.Key("lvbh");
  w.Uint64(r.last_valid_block_height);
  if (!r.note.empty()) {
    w.Key("note");
    w.String(r.note.data(), r.note.size());
  }
  w.EndObject();
  absl::string_view json(buf.GetString(), buf.GetSize());
  return absl::StrCat(Checksum(json), " ", json, "\n");
}

absl::StatusOr<JournalRecord> DecodeJournalLine(absl::string_view line) {
  if (line.size() < kChecksumHexLen + 2 || line[kChecksumHexLen] != ' ') {
    return absl::InvalidArgumentError("journal line: no checksum");
  }
  absl::string_view json = line.substr(kChecksumHexLen + 1);
  if (Checksum(json) != line.substr(0, kChecksumHexLen)) {
    return absl::InvalidArgumentError("journal line: checksum mismatch");
  }
  rapidjson::Document d;
  d.Parse(json.data(), json.size());
  if (d.HasParseError() || !d.IsObject()) {
    return absl::InvalidArgumentError("journal line: not a JSON object");
  }
  auto str = [&](const char* key, bool required, std::string* out) -> bool {
    auto it = d.FindMember(key);
    if (it == d.MemberEnd()) return !required;
    if (!it->value.IsString()) return false;
    out->assign(it->value.GetString(), it->value.GetStringLength());
    return true;
  };
  JournalRecord r;
  std::string state;
  if (!str("step", true, &r.step_id) || !str("sig", true, &r.signature) ||
      !str("state", true, &state) || !str("tx", false, &r.signed_tx_base64) ||
      !str("note", false, &r.note)) {
    return absl::InvalidArgumentError("journal line: missing or mistyped field");
  }
  auto lvbh = d.FindMember("lvbh");
  if (lvbh == d.MemberEnd() || !lvbh->value.IsUint64()) {
    return absl::InvalidArgumentError("journal line: missing lvbh");
  }
  r.last_valid_block_height = lvbh->value.GetUint64();
  std::optional<TxState> s = ParseTxState(state);
  if (!s.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("journal line: unknown state ", state));
  }
  r.state = *s;
  return r;
}

absl::StatusOr<std::string> Journal::PathFor(const std::string& dir, const std::string& name) {
  if (!ValidName(name)) {
    return absl::InvalidArgumentError(absl::StrCat("invalid journal name \"", name, "\""));
  }
  return absl::StrCat(dir, "/", name, ".journal");
}

absl::StatusOr<std::unique_ptr<Journal>> Journal::Open(const std::string& dir,
                                                       const std::string& name) {
  ASSIGN_OR_RETURN(std::string path, PathFor(dir, name));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return absl::InternalError(
        absl::StrCat("cannot create state directory ", dir, ": ", ec.message()));
  }
  bool existed = access(path.c_str(), F_OK) == 0;
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("cannot open journal", path);
  auto j = std::make_unique<Journal>(Token{}, path, fd);
  if (!existed) RETURN_IF_ERROR(FsyncDir(dir));
  RETURN_IF_ERROR(j->Recover());
  return j;
}

Journal::~Journal() {
  if (fd_ >= 0) close(fd_);
}

absl::Status Journal::Recover() {
  std::string data;
  char buf[65536];
  off_t offset = 0;
  for (;;) {
    ssize_t n = pread(fd_, buf, sizeof buf, offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot read journal", path_);
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
    offset += n;
  }
  size_t pos = 0, good_end = 0;
  std::optional<std::string> damage;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    absl::string_view line = nl == std::string::npos
                                 ? absl::string_view(data).substr(pos)
                                 : absl::string_view(data).substr(pos, nl - pos);
    absl::StatusOr<JournalRecord> r = nl == std::string::npos
                                          ? absl::InvalidArgumentError("journal line: unterminated")
                                          : DecodeJournalLine(line);
    if (r.ok()) {
      if (damage.has_value()) {
        return absl::DataLossError(
            absl::StrCat("journal ", path_, " is damaged before offset ", pos, ": ", *damage));
      }
      records_.push_back(*std::move(r));
      good_end = nl + 1;
    } else if (!damage.has_value()) {
      damage = std::string(r.status().message());
    }
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  if (good_end < data.size()) {
    // A crash mid-append: drop the partial record so appends start clean.
    if (ftruncate(fd_, static_cast<off_t>(good_end)) != 0) {
      return Errno("cannot truncate torn journal tail of", path_);
    }
    if (fsync(fd_) != 0) return Errno("cannot fsync journal", path_);
    recovered_torn_tail_ = true;
  }
  return absl::OkStatus();
}

absl::Status Journal::Append(const JournalRecord& record, bool sync) {
  std::string line = EncodeJournalLine(record);
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot append to journal", path_);
    }
    done += static_cast<size_t>(n);
  }
  records_.push_back(record);
  return sync ? Sync() : absl::OkStatus();
}

absl::Status Journal::Sync() {
  if (fdatasync(fd_) != 0) return Errno("cannot fsync journal", path_);
  return absl::OkStatus();
}

std::vector<JournaledTransaction> Journal::StepTransactions(absl::string_view step_id) const {
  std::vector<JournaledTransaction> out;
  std::map<std::string, size_t> index;
  for (const JournalRecord& r : records_) {
    if (r.step_id != step_id) continue;
    auto [it, inserted] = index.emplace(r.signature, out.size());
    if (inserted) out.push_back({r.signature, "", 0, r.state});
    JournaledTransaction& t = out[it->second];
    t.state = r.state;
    if (!r.signed_tx_base64.empty()) {
      t.signed_tx_base64 = r.signed_tx_base64;
      t.last_valid_block_height = r.last_valid_block_height;
    }
  }
  return out;
}

}  // namespace reconciler
