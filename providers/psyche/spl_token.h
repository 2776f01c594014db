// Classic SPL Token and Associated Token Account programs as Psyche uses them
// (authorizer-treasurer-token.md 5, solana-wire.md 2.4): instruction builders,
// strict Mint / token Account decoders, and decimal amount conversion.
#ifndef PROVIDERS_PSYCHE_SPL_TOKEN_H_
#define PROVIDERS_PSYCHE_SPL_TOKEN_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"
#include "providers/solana/instruction.h"
#include "providers/solana/pubkey.h"

namespace psyche {

inline constexpr size_t kMintSize = 82;
inline constexpr size_t kTokenAccountSize = 165;
// Mint decimals are a u8 but 10^decimals must fit a u64 (5.7 refuses > 19).
inline constexpr uint8_t kMaxTokenDecimals = 19;

// ---- Token program instructions (single-signer authorities) ----

// InitializeMint (tag 0): mint (w), Rent sysvar (r). The mint account must
// already exist with 82 bytes, owned by the token program.
solana::Instruction TokenInitializeMint(const solana::Pubkey& mint, uint8_t decimals,
                                        const solana::Pubkey& mint_authority,
                                        const std::optional<solana::Pubkey>& freeze_authority);
// InitializeMint2 (tag 20): same data, no Rent sysvar account.
solana::Instruction TokenInitializeMint2(const solana::Pubkey& mint, uint8_t decimals,
                                         const solana::Pubkey& mint_authority,
                                         const std::optional<solana::Pubkey>& freeze_authority);
// MintTo (tag 7): mint (w), destination (w), mint authority (s).
solana::Instruction TokenMintTo(const solana::Pubkey& mint, const solana::Pubkey& destination,
                                const solana::Pubkey& mint_authority, uint64_t amount);
// Transfer (tag 3): source (w), destination (w), authority (s).
solana::Instruction TokenTransfer(const solana::Pubkey& source, const solana::Pubkey& destination,
                                  const solana::Pubkey& authority, uint64_t amount);
// TransferChecked (tag 12): source (w), mint (r), destination (w), authority (s).
solana::Instruction TokenTransferChecked(const solana::Pubkey& source, const solana::Pubkey& mint,
                                         const solana::Pubkey& destination,
                                         const solana::Pubkey& authority, uint64_t amount,
                                         uint8_t decimals);

// ---- Associated Token Account program (5.6) ----

// Create (data 00) / CreateIdempotent (data 01). Accounts: funder (s,w),
// ATA(wallet, mint) (w), wallet (r), mint (r), System (r), token program (r).
solana::Instruction AtaCreate(const solana::Pubkey& funder, const solana::Pubkey& wallet,
                              const solana::Pubkey& mint);
solana::Instruction AtaCreateIdempotent(const solana::Pubkey& funder, const solana::Pubkey& wallet,
                                        const solana::Pubkey& mint);

// ---- Account decoders (fail closed: owner, exact size, COption tags, state) ----

struct Mint {
  std::optional<solana::Pubkey> mint_authority;
  uint64_t supply = 0;
  uint8_t decimals = 0;
  std::optional<solana::Pubkey> freeze_authority;
};

enum class TokenAccountState : uint8_t { kInitialized = 1, kFrozen = 2 };

struct TokenAccount {
  solana::Pubkey mint;
  solana::Pubkey owner;  // the controlling wallet or PDA, not the owning program
  uint64_t amount = 0;
  std::optional<solana::Pubkey> delegate;
  TokenAccountState state = TokenAccountState::kInitialized;
  std::optional<uint64_t> is_native;  // rent-exempt reserve of a wrapped-SOL account
  uint64_t delegated_amount = 0;
  std::optional<solana::Pubkey> close_authority;
};

// `program_owner` is the account's owning program as reported by the RPC.
absl::StatusOr<Mint> DecodeMint(const solana::Pubkey& program_owner, solana::ByteView data);
absl::StatusOr<TokenAccount> DecodeTokenAccount(const solana::Pubkey& program_owner,
                                                solana::ByteView data);

// ---- Amounts ----

// Exact decimal text ("12.5", "0.000001", "7") to base units with `decimals`
// places, in integer arithmetic. Refuses signs, exponents, empty parts, more
// fractional digits than `decimals` unless they are zeros, and results above
// u64. This is stricter than the reference CLI (5.7), which rounds a double.
absl::StatusOr<uint64_t> UiAmountToBaseUnits(absl::string_view text, uint8_t decimals);
// The exact decimal text of a base-unit amount: 1500000 with 6 -> "1.5".
absl::StatusOr<std::string> BaseUnitsToUiAmount(uint64_t amount, uint8_t decimals);
// The reference CLI's conversion (5.7), byte-compatible: double product,
// half-away-from-zero rounding, saturating cast (NaN/negative -> 0).
absl::StatusOr<uint64_t> ReferenceUiAmountToBaseUnits(double ui, uint8_t decimals);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_SPL_TOKEN_H_
