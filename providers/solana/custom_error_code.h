// What a `{"Custom":N}` instruction error code means by range (spec 5.17).
// The code belongs to the program that failed (which, inside a CPI, is not
// necessarily the top-level instruction's program).
#ifndef PROVIDERS_SOLANA_CUSTOM_ERROR_CODE_H_
#define PROVIDERS_SOLANA_CUSTOM_ERROR_CODE_H_

#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"

namespace solana {

enum class CustomErrorCategory {
  kNativeProgram,      // < 100: System program, SPL Token and similar
  kAnchorInstruction,  // 100-103 instruction dispatch
  kAnchorIdl,          // 1000-1002 IDL instructions, 1500 event stub
  kAnchorConstraint,   // 2000-2039
  kAnchorRequire,      // 2500-2506
  kAnchorAccount,      // 3000-3017
  kAnchorMisc,         // 4100-4102, 5000
  kProgramDefined,     // >= 6000: the program's #[error_code] enum
  kUnassigned,         // anything else
};

CustomErrorCategory CategorizeCustomError(uint32_t code);
absl::string_view CustomErrorCategoryName(CustomErrorCategory category);
// Anchor's name for a framework code (e.g. 2006 -> "ConstraintSeeds").
std::optional<absl::string_view> AnchorErrorName(uint32_t code);
// System program names for codes 0-8; meaningful only when the System
// program failed.
std::optional<absl::string_view> SystemErrorName(uint32_t code);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_CUSTOM_ERROR_CODE_H_
