#include "localnet/account_encoding.h"

namespace localnet {

std::optional<DataEncoding> ParseDataEncoding(const std::string& name) {
  if (name == "binary") return DataEncoding::kBinary;
  if (name == "base58") return DataEncoding::kBase58;
  if (name == "base64") return DataEncoding::kBase64;
  if (name == "base64+zstd") return DataEncoding::kBase64Zstd;
  if (name == "jsonParsed") return DataEncoding::kJsonParsed;
  return std::nullopt;
}

solana::Bytes ZstdRawFrame(solana::ByteView data) {
  constexpr size_t kMaxBlock = 128 * 1024;
  solana::Bytes out;
  out.reserve(data.size() + 16 + data.size() / kMaxBlock * 3);
  solana::PutU32(&out, 0xFD2FB528u);  // magic
  // Frame header descriptor: single segment, 8-byte content size, no checksum, no dictionary.
  solana::PutU8(&out, 0xE0);
  solana::PutU64(&out, data.size());
  size_t pos = 0;
  do {
    size_t n = std::min(kMaxBlock, data.size() - pos);
    bool last = pos + n == data.size();
    uint32_t header = (static_cast<uint32_t>(n) << 3) | (0u << 1) | (last ? 1u : 0u);
    solana::PutU8(&out, header & 0xff);
    solana::PutU8(&out, (header >> 8) & 0xff);
    solana::PutU8(&out, (header >> 16) & 0xff);
    solana::PutBytes(&out, data.subspan(pos, n));
    pos += n;
  } while (pos < data.size());
  return out;
}

}  // namespace localnet
