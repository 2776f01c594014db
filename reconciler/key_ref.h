// Key references in manifests: "file:PATH" (a solana-keygen JSON file,
// relative to the manifest), "env:VAR" (the same JSON in an environment
// variable), or a bare base58 public key for keys this tool never signs with.
// A keypair reference may carry the public key it must have.
#ifndef RECONCILER_KEY_REF_H_
#define RECONCILER_KEY_REF_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/keypair.h"
#include "providers/solana/pubkey.h"

namespace reconciler {

struct KeyRef {
  enum class Source { kPubkey, kFile, kEnv };
  Source source = Source::kPubkey;
  std::string text;      // as written: "file:keys/owner.json"
  std::string location;  // kFile: the resolved path; kEnv: the variable name
  // kPubkey: the key itself; otherwise the key the keypair must have, if given.
  std::optional<solana::Pubkey> pubkey;

  bool is_keypair() const { return source != Source::kPubkey; }
};

// Parses a reference. Relative file paths are resolved against `base_dir`
// (the manifest's directory); "file:~/x" is taken from $HOME.
absl::StatusOr<KeyRef> ParseKeyRef(absl::string_view text, const std::string& base_dir);

// Loads the keypair of a file: or env: reference and checks it against
// `ref.pubkey` when set. Errors never contain key material.
absl::StatusOr<solana::Keypair> LoadKeypair(const KeyRef& ref);

// Ok when `ref` names no expected public key or `actual` is it.
absl::Status CheckExpectedPubkey(const KeyRef& ref, const solana::Pubkey& actual);

// The public key of a reference: the bare key, or that of the loaded keypair.
absl::StatusOr<solana::Pubkey> ResolvePubkey(const KeyRef& ref);

// For file: references whose file is readable or writable by group or others.
std::optional<std::string> KeyRefPermissionWarning(const KeyRef& ref);

}  // namespace reconciler

#endif  // RECONCILER_KEY_REF_H_
