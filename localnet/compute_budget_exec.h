// Compute Budget program (spec 4.1): the limits are read from the message
// before execution; the instructions themselves then execute as no-ops.
#ifndef LOCALNET_COMPUTE_BUDGET_EXEC_H_
#define LOCALNET_COMPUTE_BUDGET_EXEC_H_

#include <optional>

#include "localnet/program_registry.h"
#include "localnet/wire_tx.h"

namespace localnet {

constexpr uint32_t kMaxComputeUnitLimit = 1'400'000;
constexpr uint32_t kDefaultNonBuiltinUnits = 200'000;
constexpr uint32_t kDefaultBuiltinUnits = 3'000;
constexpr uint32_t kMaxLoadedAccountsDataSize = 64 * 1024 * 1024;

struct ComputeBudgetLimits {
  uint32_t unit_limit = 0;
  uint64_t unit_price = 0;  // micro-lamports per CU
  uint32_t heap_bytes = 32 * 1024;
  uint32_t loaded_accounts_bytes = kMaxLoadedAccountsDataSize;
};

// Reads every Compute Budget instruction of the message. Errors:
// {"DuplicateInstruction":i}, {"InstructionError":[i,"InvalidInstructionData"]},
// InvalidLoadedAccountsDataSizeLimit.
std::optional<TransactionError> ReadComputeBudget(const WireMessage& m,
                                                  const ProgramRegistry& registry,
                                                  ComputeBudgetLimits* out);

// ceil(unit_price * unit_limit / 1e6) lamports.
uint64_t PrioritizationFee(const ComputeBudgetLimits& limits);

class ComputeBudgetProgram : public NativeProgram {
 public:
  InstructionResult Process(InvokeContext&) const override { return Success(); }
};

}  // namespace localnet

#endif  // LOCALNET_COMPUTE_BUDGET_EXEC_H_
