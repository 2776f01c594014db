// Checks a client makes before trusting an Anchor account's bytes: the 8-byte account
// discriminator (spec solana-wire 8.1) and the owning program.
#ifndef PROVIDERS_PSYCHE_ACCOUNT_CHECKS_H_
#define PROVIDERS_PSYCHE_ACCOUNT_CHECKS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "providers/psyche/anchor.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace psyche {

inline constexpr size_t kAnchorDiscriminatorSize = 8;

std::string DiscriminatorHex(const AnchorDiscriminator& d);

// True when data starts with d.
bool HasDiscriminator(solana::ByteView data, const AnchorDiscriminator& d);
// InvalidArgument naming the account type when data is shorter than 8 bytes or starts otherwise.
absl::Status CheckDiscriminator(solana::ByteView data, const AnchorDiscriminator& expected,
                                absl::string_view account_name);
// FailedPrecondition naming the account type when owner != the expected program.
absl::Status CheckOwner(const solana::Pubkey& owner, const solana::Pubkey& program_id,
                        absl::string_view account_name);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_ACCOUNT_CHECKS_H_
