// Account-data encoders of the classic SPL Token program (authorizer-treasurer-
// token.md 5.2-5.3): the inverse of DecodeMint / DecodeTokenAccount, used by
// the local ledger's token program emulation and by tests.
#ifndef PROVIDERS_PSYCHE_SPL_TOKEN_STATE_H_
#define PROVIDERS_PSYCHE_SPL_TOKEN_STATE_H_

#include "providers/psyche/spl_token.h"
#include "providers/solana/coding.h"

namespace psyche {

// 82 bytes with is_initialized = 1. COption values are zero-filled when None.
solana::Bytes EncodeMint(const Mint& mint);
// 165 bytes; state from `account.state` (1 initialized, 2 frozen).
solana::Bytes EncodeTokenAccount(const TokenAccount& account);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_SPL_TOKEN_STATE_H_
