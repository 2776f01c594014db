#include "reconciler/key_ref.h"

#include <cstdlib>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace reconciler {
namespace {

bool IsEnvName(absl::string_view name) {
  if (name.empty() || absl::ascii_isdigit(name[0])) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<KeyRef> ParseKeyRef(absl::string_view text, const std::string& base_dir) {
  KeyRef ref;
  ref.text = std::string(text);
  absl::string_view rest = text;
  if (absl::ConsumePrefix(&rest, "file:")) {
    if (rest.empty()) return absl::InvalidArgumentError("file: needs a path");
    ref.source = KeyRef::Source::kFile;
    std::filesystem::path path{std::string(rest)};
    if (absl::ConsumePrefix(&rest, "~/")) {
      const char* home = std::getenv("HOME");
      if (home == nullptr) return absl::InvalidArgumentError(absl::StrCat(text, ": HOME is not set"));
      path = std::filesystem::path(home) / std::string(rest);
    } else if (path.is_relative()) {
      path = std::filesystem::path(base_dir) / path;
    }
    ref.location = path.lexically_normal().string();
    return ref;
  }
  if (absl::ConsumePrefix(&rest, "env:")) {
    if (!IsEnvName(rest)) {
      return absl::InvalidArgumentError(absl::StrCat("\"", rest, "\" is not a variable name"));
    }
    ref.source = KeyRef::Source::kEnv;
    ref.location = std::string(rest);
    return ref;
  }
  auto pubkey = solana::Pubkey::FromBase58(text);
  if (!pubkey.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\" is neither file:PATH, env:VAR nor a base58 public key (",
        pubkey.status().message(), ")"));
  }
  ref.pubkey = *pubkey;
  return ref;
}

absl::StatusOr<solana::Keypair> LoadKeypair(const KeyRef& ref) {
  absl::StatusOr<solana::Keypair> keypair = absl::InvalidArgumentError(
      absl::StrCat(ref.text, " is a public key, not a keypair this tool can sign with"));
  if (ref.source == KeyRef::Source::kFile) {
    keypair = solana::Keypair::ReadFile(ref.location);
  } else if (ref.source == KeyRef::Source::kEnv) {
    const char* json = std::getenv(ref.location.c_str());
    if (json == nullptr) {
      return absl::NotFoundError(
          absl::StrCat("environment variable ", ref.location, " is not set"));
    }
    keypair = solana::Keypair::FromJson(json, ref.text);
  }
  if (!keypair.ok()) return keypair.status();
  if (absl::Status s = CheckExpectedPubkey(ref, keypair->pubkey()); !s.ok()) return s;
  return keypair;
}

absl::Status CheckExpectedPubkey(const KeyRef& ref, const solana::Pubkey& actual) {
  if (!ref.is_keypair() || !ref.pubkey || *ref.pubkey == actual) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("the keypair in ", ref.text, " has public key ",
                                                 actual.ToBase58(), ", but the manifest expects ",
                                                 ref.pubkey->ToBase58()));
}

absl::StatusOr<solana::Pubkey> ResolvePubkey(const KeyRef& ref) {
  if (!ref.is_keypair()) return *ref.pubkey;
  auto keypair = LoadKeypair(ref);
  if (!keypair.ok()) return keypair.status();
  return keypair->pubkey();
}

std::optional<std::string> KeyRefPermissionWarning(const KeyRef& ref) {
  if (ref.source != KeyRef::Source::kFile) return std::nullopt;
  auto warning = solana::KeyFilePermissionWarning(ref.location);
  if (warning) {
    absl::string_view text = *warning;
    absl::ConsumePrefix(&text, "warning: ");
    return std::string(text);
  }
  return warning;
}

}  // namespace reconciler
