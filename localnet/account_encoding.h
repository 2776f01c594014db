// Account data encodings of the RPC (spec 5.1): base64, base58, legacy
// binary, and base64+zstd (written as a valid zstd frame of raw blocks, which
// every zstd decoder reads; no compression library needed).
#ifndef LOCALNET_ACCOUNT_ENCODING_H_
#define LOCALNET_ACCOUNT_ENCODING_H_

#include <optional>
#include <string>

#include "providers/solana/coding.h"

namespace localnet {

enum class DataEncoding { kBinary, kBase58, kBase64, kBase64Zstd, kJsonParsed };

// nullopt for an unknown name.
std::optional<DataEncoding> ParseDataEncoding(const std::string& name);

// A zstd frame holding `data` uncompressed.
solana::Bytes ZstdRawFrame(solana::ByteView data);

}  // namespace localnet

#endif  // LOCALNET_ACCOUNT_ENCODING_H_
