#include "reconciler/protection_record.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "reconciler/atomic_file.h"
#include "reconciler/bounded_file.h"

namespace reconciler {

absl::StatusOr<ProtectionRecord> ReadProtectionRecord(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return ProtectionRecord{};
  auto text = ReadBoundedFile(path, 16u << 20);
  if (!text.ok()) {
    return absl::Status(text.status().code(), absl::StrCat(path, ": ", text.status().message()));
  }
  ProtectionRecord out;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::pair<std::string, std::string> parts = absl::StrSplit(line, absl::MaxSplits(' ', 1));
    auto key = solana::Pubkey::FromBase58(parts.first);
    if (!key.ok()) {
      return absl::DataLossError(absl::StrCat(path, ":", line_no, ": not an account address: ",
                                              key.status().message()));
    }
    out[*key] = parts.second;
  }
  return out;
}

ProtectionRecord UpdateProtectionRecord(ProtectionRecord record, const DesiredResources& desired) {
  for (const DesiredRun& run : desired.runs) {
    if (run.protect) {
      record[run.instance] = run.address;
    } else {
      record.erase(run.instance);
    }
  }
  for (const DesiredAuthorization& a : desired.authorizations) {
    if (a.protect) {
      record[a.pda] = a.address;
    } else {
      record.erase(a.pda);
    }
  }
  return record;
}

absl::Status WriteProtectionRecord(const std::string& path, const ProtectionRecord& record) {
  std::error_code ec;
  const std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  if (ec) {
    return absl::InternalError(absl::StrCat(path, ": cannot create its directory: ", ec.message()));
  }
  std::string text =
      "# Accounts psyche-reconcile must never delete (protect: true). See docs/manifests.md.\n";
  for (const auto& [key, address] : record) {
    absl::StrAppend(&text, key.ToBase58(), " ", address, "\n");
  }
  return WriteFileAtomically(path, text);
}

}  // namespace reconciler
