// Recognizes a raw account dump by its Anchor discriminator (or, for discriminator-less SPL
// accounts, its size) and renders it as JSON. Used by `psyche-reconcile decode account FILE`.
//
// Extension point: add a decoder to the table in account_decoders.cc (AccountDecoders()).
// Discriminator-matched kinds are tried first, then size-matched ones.
#ifndef PROVIDERS_PSYCHE_ACCOUNT_DECODERS_H_
#define PROVIDERS_PSYCHE_ACCOUNT_DECODERS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/psyche/anchor.h"
#include "providers/psyche/run_dump.h"
#include "providers/solana/coding.h"

namespace psyche {

struct AccountDecoder {
  std::string kind;  // e.g. "CoordinatorAccount"
  // Exactly one of these identifies the kind.
  std::optional<AnchorDiscriminator> discriminator;
  std::optional<size_t> exact_size;  // SPL Mint (82), token account (165): no discriminator
  // Writes one JSON value for the decoded account, or returns the decoding error.
  std::function<absl::Status(solana::ByteView data, JsonWriter& w)> write_json;
};

const std::vector<AccountDecoder>& AccountDecoders();

struct DecodedAccount {
  std::string kind;
  std::string json;  // compact: {"kind":..., "data_size":..., "account":{...}}
};

// NotFound naming the first 8 bytes and the size when no decoder claims the data; otherwise the
// matching decoder's result (InvalidArgument with field and offset on corrupt data).
absl::StatusOr<DecodedAccount> DecodeAnyAccount(solana::ByteView data);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_ACCOUNT_DECODERS_H_
