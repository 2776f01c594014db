// Native emulation of the classic SPL Token program (authorizer-treasurer-
// token.md 5): InitializeMint(2), InitializeAccount3, MintTo, Transfer,
// TransferChecked, and the two calls the ATA program makes
// (GetAccountDataSize, InitializeImmutableOwner). Account checks, TokenError
// custom codes and log lines follow spl-token's processor; the account bytes
// are the program's Mint (82) / Account (165) layouts.
#ifndef LOCALNET_SPL_TOKEN_EXEC_H_
#define LOCALNET_SPL_TOKEN_EXEC_H_

#include "localnet/program_registry.h"

namespace localnet {

// spl-token's TokenError, in enum order (Custom(n) codes).
enum class TokenError : uint32_t {
  kNotRentExempt = 0,
  kInsufficientFunds = 1,
  kInvalidMint = 2,
  kMintMismatch = 3,
  kOwnerMismatch = 4,
  kFixedSupply = 5,
  kAlreadyInUse = 6,
  kInvalidNumberOfProvidedSigners = 7,
  kInvalidNumberOfRequiredSigners = 8,
  kUninitializedState = 9,
  kNativeNotSupported = 10,
  kNonNativeHasBalance = 11,
  kInvalidInstruction = 12,
  kInvalidState = 13,
  kOverflow = 14,
  kAuthorityTypeNotSupported = 15,
  kMintCannotFreeze = 16,
  kAccountFrozen = 17,
  kMintDecimalsMismatch = 18,
  kNonNativeNotSupported = 19,
};

// The program's "Error: ..." log text for a TokenError.
const char* TokenErrorMessage(TokenError e);

// Instruction tags this emulation executes; others fail with InvalidInstruction.
enum class TokenInstructionTag : uint8_t {
  kInitializeMint = 0,
  kTransfer = 3,
  kMintTo = 7,
  kTransferChecked = 12,
  kInitializeAccount3 = 18,
  kInitializeMint2 = 20,
  kGetAccountDataSize = 21,
  kInitializeImmutableOwner = 22,
};

class SplTokenProgram : public NativeProgram {
 public:
  InstructionResult Process(InvokeContext& ctx) const override;
  // spl-token's Transfer costs about this much; one figure for every instruction.
  uint64_t ComputeUnits() const override { return 4645; }
  bool IsBuiltin() const override { return false; }
};

}  // namespace localnet

#endif  // LOCALNET_SPL_TOKEN_EXEC_H_
