#include "providers/solana/custom_error_code.h"

#include <utility>

namespace solana {
namespace {

constexpr std::pair<uint32_t, absl::string_view> kAnchorNames[] = {
    {100, "InstructionMissing"},
    {101, "InstructionFallbackNotFound"},
    {102, "InstructionDidNotDeserialize"},
    {103, "InstructionDidNotSerialize"},
    {1000, "IdlInstructionStub"},
    {1001, "IdlInstructionInvalidProgram"},
    {1002, "IdlAccountNotEmpty"},
    {1500, "EventInstructionStub"},
    {2000, "ConstraintMut"},
    {2001, "ConstraintHasOne"},
    {2002, "ConstraintSigner"},
    {2003, "ConstraintRaw"},
    {2004, "ConstraintOwner"},
    {2005, "ConstraintRentExempt"},
    {2006, "ConstraintSeeds"},
    {2007, "ConstraintExecutable"},
    {2008, "ConstraintState"},
    {2009, "ConstraintAssociated"},
    {2010, "ConstraintAssociatedInit"},
    {2011, "ConstraintClose"},
    {2012, "ConstraintAddress"},
    {2013, "ConstraintZero"},
    {2014, "ConstraintTokenMint"},
    {2015, "ConstraintTokenOwner"},
    {2016, "ConstraintMintMintAuthority"},
    {2017, "ConstraintMintFreezeAuthority"},
    {2018, "ConstraintMintDecimals"},
    {2019, "ConstraintSpace"},
    {2020, "ConstraintAccountIsNone"},
    {2500, "RequireViolated"},
    {2501, "RequireEqViolated"},
    {2502, "RequireKeysEqViolated"},
    {2503, "RequireNeqViolated"},
    {2504, "RequireKeysNeqViolated"},
    {2505, "RequireGtViolated"},
    {2506, "RequireGteViolated"},
    {3000, "AccountDiscriminatorAlreadySet"},
    {3001, "AccountDiscriminatorNotFound"},
    {3002, "AccountDiscriminatorMismatch"},
    {3003, "AccountDidNotDeserialize"},
    {3004, "AccountDidNotSerialize"},
    {3005, "AccountNotEnoughKeys"},
    {3006, "AccountNotMutable"},
    {3007, "AccountOwnedByWrongProgram"},
    {3008, "InvalidProgramId"},
    {3009, "InvalidProgramExecutable"},
    {3010, "AccountNotSigner"},
    {3011, "AccountNotSystemOwned"},
    {3012, "AccountNotInitialized"},
    {3013, "AccountNotProgramData"},
    {3014, "AccountNotAssociatedTokenAccount"},
    {3015, "AccountSysvarMismatch"},
    {3016, "AccountReallocExceedsLimit"},
    {3017, "AccountDuplicateReallocs"},
    {4100, "DeclaredProgramIdMismatch"},
    {4101, "TryingToInitPayerAsProgramAccount"},
    {4102, "InvalidNumericConversion"},
    {5000, "Deprecated"},
};

constexpr absl::string_view kSystemNames[] = {
    "AccountAlreadyInUse",      "ResultWithNegativeLamports", "InvalidProgramId",
    "InvalidAccountDataLength", "MaxSeedLengthExceeded",      "AddressWithSeedMismatch",
    "NonceNoRecentBlockhashes", "NonceBlockhashNotExpired",   "NonceUnexpectedBlockhashValue",
};

}  // namespace

CustomErrorCategory CategorizeCustomError(uint32_t code) {
  if (code < 100) return CustomErrorCategory::kNativeProgram;
  if (code <= 103) return CustomErrorCategory::kAnchorInstruction;
  if ((code >= 1000 && code <= 1002) || code == 1500) return CustomErrorCategory::kAnchorIdl;
  if (code >= 2000 && code <= 2039) return CustomErrorCategory::kAnchorConstraint;
  if (code >= 2500 && code <= 2506) return CustomErrorCategory::kAnchorRequire;
  if (code >= 3000 && code <= 3017) return CustomErrorCategory::kAnchorAccount;
  if ((code >= 4100 && code <= 4102) || code == 5000) return CustomErrorCategory::kAnchorMisc;
  if (code >= 6000) return CustomErrorCategory::kProgramDefined;
  return CustomErrorCategory::kUnassigned;
}

absl::string_view CustomErrorCategoryName(CustomErrorCategory category) {
  switch (category) {
    case CustomErrorCategory::kNativeProgram:
      return "native program error";
    case CustomErrorCategory::kAnchorInstruction:
      return "Anchor instruction dispatch error";
    case CustomErrorCategory::kAnchorIdl:
      return "Anchor IDL/event error";
    case CustomErrorCategory::kAnchorConstraint:
      return "Anchor account constraint violated";
    case CustomErrorCategory::kAnchorRequire:
      return "Anchor require! violated";
    case CustomErrorCategory::kAnchorAccount:
      return "Anchor account check failed";
    case CustomErrorCategory::kAnchorMisc:
      return "Anchor error";
    case CustomErrorCategory::kProgramDefined:
      return "program-defined error";
    case CustomErrorCategory::kUnassigned:
      return "unassigned error code";
  }
  return "unassigned error code";
}

std::optional<absl::string_view> AnchorErrorName(uint32_t code) {
  for (const auto& [c, name] : kAnchorNames) {
    if (c == code) return name;
  }
  return std::nullopt;
}

std::optional<absl::string_view> SystemErrorName(uint32_t code) {
  if (code < std::size(kSystemNames)) return kSystemNames[code];
  return std::nullopt;
}

}  // namespace solana
