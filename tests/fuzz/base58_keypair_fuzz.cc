// Base58 decoding and the solana-keygen JSON reader on arbitrary text. Every
// string in the alphabet has exactly one byte form, so decode/encode must
// round-trip both ways; anything else must come back as an error status.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "providers/solana/base58.h"
#include "providers/solana/keypair.h"
#include "providers/solana/pubkey.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);

  absl::StatusOr<solana::Bytes> decoded = solana::Base58Decode(text);
  if (decoded.ok()) {
    FUZZ_CHECK(solana::Base58Encode(*decoded) == text);
  }
  const solana::ByteView raw(data, size);
  // Encoding always works; decoding refuses text over the documented bound.
  const std::string encoded = solana::Base58Encode(raw);
  absl::StatusOr<solana::Bytes> back = solana::Base58Decode(encoded);
  if (encoded.size() <= solana::kBase58MaxDecodeChars) {
    FUZZ_CHECK(back.ok() && *back == solana::Bytes(raw.begin(), raw.end()));
  } else {
    FUZZ_CHECK(!back.ok());
  }

  absl::StatusOr<solana::Signature> sig = solana::SignatureFromBase58(text);
  if (sig.ok()) FUZZ_CHECK(solana::SignatureToBase58(*sig) == text);

  absl::StatusOr<solana::Keypair> keypair = solana::Keypair::FromJson(text, "fuzz");
  if (keypair.ok()) {
    // A key that parsed is a consistent Ed25519 pair: it signs verifiably.
    const solana::Signature s = keypair->Sign(raw);
    FUZZ_CHECK(solana::VerifySignature(keypair->pubkey(), raw, s));
  }
  return 0;
}
