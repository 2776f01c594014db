#include "providers/psyche/spl_token_state.h"

namespace psyche {
namespace {

using solana::Bytes;
using solana::Pubkey;

// Account-data COption: u32 tag, then the value, present even when None.
void PutOptionalKey(Bytes* out, const std::optional<Pubkey>& key) {
  solana::PutU32(out, key.has_value() ? 1 : 0);
  solana::PutBytes(out, key.value_or(Pubkey()).view());
}

void PutOptionalU64(Bytes* out, const std::optional<uint64_t>& value) {
  solana::PutU32(out, value.has_value() ? 1 : 0);
  solana::PutU64(out, value.value_or(0));
}

}  // namespace

Bytes EncodeMint(const Mint& mint) {
  Bytes out;
  out.reserve(kMintSize);
  PutOptionalKey(&out, mint.mint_authority);
  solana::PutU64(&out, mint.supply);
  solana::PutU8(&out, mint.decimals);
  solana::PutU8(&out, 1);  // is_initialized
  PutOptionalKey(&out, mint.freeze_authority);
  return out;
}

Bytes EncodeTokenAccount(const TokenAccount& account) {
  Bytes out;
  out.reserve(kTokenAccountSize);
  solana::PutBytes(&out, account.mint.view());
  solana::PutBytes(&out, account.owner.view());
  solana::PutU64(&out, account.amount);
  PutOptionalKey(&out, account.delegate);
  solana::PutU8(&out, static_cast<uint8_t>(account.state));
  PutOptionalU64(&out, account.is_native);
  solana::PutU64(&out, account.delegated_amount);
  PutOptionalKey(&out, account.close_authority);
  return out;
}

}  // namespace psyche
