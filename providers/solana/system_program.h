// System Program instructions and nonce accounts (spec solana-wire.md 3.5, 7.3).
#ifndef PROVIDERS_SOLANA_SYSTEM_PROGRAM_H_
#define PROVIDERS_SOLANA_SYSTEM_PROGRAM_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/coding.h"
#include "providers/solana/instruction.h"
#include "providers/solana/pubkey.h"

namespace solana::system_program {

// Variant indexes (bincode u32 at the start of the data).
enum class Tag : uint32_t {
  kCreateAccount = 0,
  kAssign = 1,
  kTransfer = 2,
  kAdvanceNonceAccount = 4,
  kWithdrawNonceAccount = 5,
  kInitializeNonceAccount = 6,
  kAuthorizeNonceAccount = 7,
  kAllocate = 8,
};

Instruction CreateAccount(const Pubkey& funder, const Pubkey& new_account, uint64_t lamports,
                          uint64_t space, const Pubkey& owner);
Instruction Assign(const Pubkey& account, const Pubkey& owner);
Instruction Transfer(const Pubkey& from, const Pubkey& to, uint64_t lamports);
Instruction Allocate(const Pubkey& account, uint64_t space);

Instruction AdvanceNonceAccount(const Pubkey& nonce, const Pubkey& authority);
Instruction WithdrawNonceAccount(const Pubkey& nonce, const Pubkey& authority,
                                 const Pubkey& recipient, uint64_t lamports);
Instruction InitializeNonceAccount(const Pubkey& nonce, const Pubkey& authority);
Instruction AuthorizeNonceAccount(const Pubkey& nonce, const Pubkey& authority,
                                  const Pubkey& new_authority);

// Nonce accounts: 80 bytes owned by the System Program.
inline constexpr uint64_t kNonceAccountSize = 80;

// CreateAccount (space 80, owner System Program) then InitializeNonceAccount.
// `lamports` should be the rent-exempt minimum for 80 bytes (1,447,680 by default).
std::vector<Instruction> CreateNonceAccount(const Pubkey& funder, const Pubkey& nonce,
                                            const Pubkey& authority, uint64_t lamports);

enum class NonceVersion : uint32_t { kLegacy = 0, kCurrent = 1 };

struct NonceAccount {
  NonceVersion version = NonceVersion::kCurrent;
  Pubkey authority;
  Hash durable_nonce;  // what a nonce transaction puts in recent_blockhash
  uint64_t lamports_per_signature = 0;
};

// Decodes the account data of an initialized nonce account. Fails closed on a
// wrong owner, a size other than 80, an unknown version or state, and an
// uninitialized account (FailedPrecondition).
absl::StatusOr<NonceAccount> ParseNonceAccount(const Pubkey& owner, ByteView data);
// The account data an initialized nonce account holds (used by test servers).
Bytes SerializeNonceAccount(const NonceAccount& account);

// SHA-256("DURABLE_NONCE" || blockhash): the nonce value stored when a nonce
// is initialized or advanced in the block with `blockhash`.
Hash DurableNonceFromBlockhash(const Hash& blockhash);

}  // namespace solana::system_program

#endif  // PROVIDERS_SOLANA_SYSTEM_PROGRAM_H_
