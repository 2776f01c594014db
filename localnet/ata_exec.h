// Native emulation of the Associated Token Account program (authorizer-
// treasurer-token.md 5.5-5.6): Create (data 00 or empty) and CreateIdempotent
// (01). Like the real program it checks the derived address, then creates
// the 165-byte token account through emulated CPIs to System (CreateAccount,
// or Transfer + Allocate + Assign for a pre-funded address) and SPL Token
// (GetAccountDataSize, InitializeImmutableOwner, InitializeAccount3).
#ifndef LOCALNET_ATA_EXEC_H_
#define LOCALNET_ATA_EXEC_H_

#include "localnet/program_registry.h"

namespace localnet {

// AssociatedTokenAccountError.
enum class AtaError : uint32_t { kInvalidOwner = 0 };

class AssociatedTokenProgram : public NativeProgram {
 public:
  InstructionResult Process(InvokeContext& ctx) const override;
  // About what the real program spends creating an account.
  uint64_t ComputeUnits() const override { return 20'000; }
  bool IsBuiltin() const override { return false; }
  bool EmulatesCpi() const override { return true; }
};

}  // namespace localnet

#endif  // LOCALNET_ATA_EXEC_H_
