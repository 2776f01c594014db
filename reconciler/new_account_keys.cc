#include "reconciler/new_account_keys.h"

#include <filesystem>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "providers/solana/coding.h"

namespace reconciler {
namespace {

absl::Status CheckLabel(absl::string_view label) {
  if (label.empty() || label[0] == '.' || label.find('/') != absl::string_view::npos ||
      label.find('\\') != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("new account key label \"", label,
                                                   "\": must be a plain file name"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string NewAccountKeyPath(const std::string& state_dir, absl::string_view label) {
  return absl::StrCat(state_dir, "/new-accounts/", label, ".json");
}

absl::StatusOr<solana::Keypair> LoadOrCreateNewAccountKey(const std::string& state_dir,
                                                          absl::string_view label) {
  RETURN_IF_ERROR(CheckLabel(label));
  const std::string path = NewAccountKeyPath(state_dir, label);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return solana::Keypair::ReadFile(path);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) {
    return absl::InternalError(absl::StrCat("cannot create directory for ", path, ": ",
                                            ec.message()));
  }
  solana::Keypair fresh = solana::Keypair::Generate();
  RETURN_IF_ERROR(fresh.WriteFile(path));
  return fresh;
}

absl::Status ForgetNewAccountKey(const std::string& state_dir, absl::string_view label) {
  RETURN_IF_ERROR(CheckLabel(label));
  std::error_code ec;
  std::filesystem::remove(NewAccountKeyPath(state_dir, label), ec);
  if (ec) return absl::InternalError(absl::StrCat("cannot remove new account key: ", ec.message()));
  return absl::OkStatus();
}

}  // namespace reconciler
