// Anchor discriminators (solana-wire.md 8.1): the first 8 bytes of
// SHA-256 of "global:<fn>" (instructions) or "account:<Struct>" (accounts).
#ifndef PROVIDERS_PSYCHE_ANCHOR_H_
#define PROVIDERS_PSYCHE_ANCHOR_H_

#include <array>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace psyche {

using AnchorDiscriminator = std::array<uint8_t, 8>;

// `name` is the snake_case handler name, e.g. "join_run".
AnchorDiscriminator AnchorInstructionDiscriminator(absl::string_view name);
// `name` is the struct name as written, e.g. "CoordinatorInstance".
AnchorDiscriminator AnchorAccountDiscriminator(absl::string_view name);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_ANCHOR_H_
