// Anchor framework conventions (spec solana-wire 8.1): 8-byte discriminators that prefix account
// data and instruction data, and the checks a client makes before trusting an account.
#ifndef PROVIDERS_PSYCHE_ANCHOR_H_
#define PROVIDERS_PSYCHE_ANCHOR_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace psyche::anchor {

inline constexpr size_t kDiscriminatorSize = 8;
using Discriminator = std::array<uint8_t, kDiscriminatorSize>;

// First 8 bytes of SHA-256("account:" + CamelCaseName).
Discriminator AccountDiscriminator(absl::string_view account_name);
// First 8 bytes of SHA-256("global:" + snake_case_name).
Discriminator InstructionDiscriminator(absl::string_view instruction_name);
// First 8 bytes of SHA-256("event:" + Name).
Discriminator EventDiscriminator(absl::string_view event_name);

std::string DiscriminatorHex(const Discriminator& d);

// True when data starts with d.
bool HasDiscriminator(solana::ByteView data, const Discriminator& d);
// InvalidArgument naming the account type when data is shorter than 8 bytes or starts otherwise.
absl::Status CheckDiscriminator(solana::ByteView data, const Discriminator& expected,
                                absl::string_view account_name);
// FailedPrecondition naming the account type when owner != expected program.
absl::Status CheckOwner(const solana::Pubkey& owner, const solana::Pubkey& program_id,
                        absl::string_view account_name);

}  // namespace psyche::anchor

#endif  // PROVIDERS_PSYCHE_ANCHOR_H_
