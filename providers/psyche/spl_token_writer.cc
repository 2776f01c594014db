#include "providers/psyche/spl_token_writer.h"

namespace psyche {
namespace {

// COption<T>: u32 tag (0 None, 1 Some) then the value's bytes (zero when None).
void PutOptionalKey(solana::Bytes* out, const std::optional<solana::Pubkey>& key) {
  solana::PutU32(out, key ? 1 : 0);
  solana::PutBytes(out, key ? key->view() : solana::Pubkey().view());
}

void PutOptionalU64(solana::Bytes* out, const std::optional<uint64_t>& v) {
  solana::PutU32(out, v ? 1 : 0);
  solana::PutU64(out, v.value_or(0));
}

}  // namespace

solana::Bytes EncodeMint(const Mint& mint) {
  solana::Bytes out;
  PutOptionalKey(&out, mint.mint_authority);
  solana::PutU64(&out, mint.supply);
  solana::PutU8(&out, mint.decimals);
  solana::PutU8(&out, 1);  // is_initialized
  PutOptionalKey(&out, mint.freeze_authority);
  return out;
}

solana::Bytes EncodeTokenAccount(const TokenAccount& a) {
  solana::Bytes out;
  solana::PutBytes(&out, a.mint.view());
  solana::PutBytes(&out, a.owner.view());
  solana::PutU64(&out, a.amount);
  PutOptionalKey(&out, a.delegate);
  solana::PutU8(&out, static_cast<uint8_t>(a.state));
  PutOptionalU64(&out, a.is_native);
  solana::PutU64(&out, a.delegated_amount);
  PutOptionalKey(&out, a.close_authority);
  return out;
}

}  // namespace psyche
