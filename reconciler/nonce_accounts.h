// Durable nonce accounts for offline signing (`nonce create`): one apply step
// per account (CreateAccount of 80 bytes owned by the System Program, then
// InitializeNonceAccount), run through the apply engine like any plan.
#ifndef RECONCILER_NONCE_ACCOUNTS_H_
#define RECONCILER_NONCE_ACCOUNTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "providers/solana/pubkey.h"
#include "reconciler/apply_engine.h"

namespace reconciler {

// `lamports`: the rent-exempt minimum for 80 bytes (read it from the cluster).
std::vector<ApplyStep> NonceCreationSteps(const solana::Pubkey& payer,
                                          const solana::Pubkey& authority,
                                          absl::Span<const solana::Pubkey> accounts,
                                          uint64_t lamports);

// "a,b,c": what `plan --nonce-account` takes.
std::string NonceAccountList(absl::Span<const solana::Pubkey> accounts);

}  // namespace reconciler

#endif  // RECONCILER_NONCE_ACCOUNTS_H_
