// Native System Program: CreateAccount, Assign, Transfer, Allocate with the
// runtime's checks, SystemError custom codes (spec 5.17) and log lines.
#ifndef LOCALNET_SYSTEM_PROGRAM_EXEC_H_
#define LOCALNET_SYSTEM_PROGRAM_EXEC_H_

#include "localnet/program_registry.h"

namespace localnet {

// SystemError custom codes.
enum class SystemError : uint32_t {
  kAccountAlreadyInUse = 0,
  kResultWithNegativeLamports = 1,
  kInvalidProgramId = 2,
  kInvalidAccountDataLength = 3,
  kMaxSeedLengthExceeded = 4,
  kAddressWithSeedMismatch = 5,
  kNonceNoRecentBlockhashes = 6,
  kNonceBlockhashNotExpired = 7,
  kNonceUnexpectedBlockhashValue = 8,
};

constexpr uint64_t kMaxPermittedDataLength = 10 * 1024 * 1024;

class SystemProgram : public NativeProgram {
 public:
  InstructionResult Process(InvokeContext& ctx) const override;
};

}  // namespace localnet

#endif  // LOCALNET_SYSTEM_PROGRAM_EXEC_H_
