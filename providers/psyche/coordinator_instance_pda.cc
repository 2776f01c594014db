// Kept apart from the decoder so that code which only decodes does not link the PDA search.
#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "providers/psyche/coordinator_instance.h"

namespace psyche {

absl::StatusOr<solana::ProgramAddress> CoordinatorInstanceAddress(
    absl::string_view run_id, const solana::Pubkey& program_id) {
  // The program seeds with the first min(64, len) bytes, but Solana caps seeds at 32 bytes.
  if (run_id.size() > 32) {
    return absl::InvalidArgumentError(absl::StrCat(
        "run id is ", run_id.size(), " bytes; at most 32 bytes are allowed (no instance PDA)"));
  }
  const auto* id = reinterpret_cast<const uint8_t*>(run_id.data());
  std::vector<solana::ByteView> seeds = {
      solana::ByteView(reinterpret_cast<const uint8_t*>(kCoordinatorInstanceSeed.data()),
                       kCoordinatorInstanceSeed.size()),
      solana::ByteView(id, run_id.size())};
  return solana::FindProgramAddress(seeds, program_id);
}

}  // namespace psyche
