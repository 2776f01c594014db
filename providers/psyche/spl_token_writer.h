// Encoders of the SPL Token Mint (82 bytes) and Account (165 bytes) images
// (authorizer-treasurer-token.md 5.2, 5.3), the inverses of DecodeMint / DecodeTokenAccount, for
// the local ledger (vaults created by emulated programs, test mints).
#ifndef PROVIDERS_PSYCHE_SPL_TOKEN_WRITER_H_
#define PROVIDERS_PSYCHE_SPL_TOKEN_WRITER_H_

#include "providers/psyche/spl_token.h"

namespace psyche {

solana::Bytes EncodeMint(const Mint& mint);
solana::Bytes EncodeTokenAccount(const TokenAccount& account);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_SPL_TOKEN_WRITER_H_
