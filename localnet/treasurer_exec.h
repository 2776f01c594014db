// Native emulation of the Psyche Treasurer's run administration (authorizer-treasurer-token.md
// 3.6, 3.7): run_create (Run PDA, collateral vault ATA, CPI init_coordinator with the Run PDA as
// main authority) and run_update (CPIs update, set_future_epoch_rates, set_paused,
// update_client_version in that order, signed by the Run PDA). participant_create and
// participant_claim are not emulated.
#ifndef LOCALNET_TREASURER_EXEC_H_
#define LOCALNET_TREASURER_EXEC_H_

#include "localnet/anchor_exec.h"
#include "localnet/program_registry.h"

namespace localnet {

namespace treasurer_error {
inline constexpr ProgramErrorDef kInvalidParameter = {6000, "InvalidParameter",
                                                      "Invalid parameter"};
inline constexpr ProgramErrorDef kRunIdInvalidLength = {6001, "RunIdInvalidLength",
                                                        "Run id invalid length"};
}  // namespace treasurer_error

class TreasurerProgram : public NativeProgram {
 public:
  InstructionResult Process(InvokeContext& ctx) const override;
  uint64_t ComputeUnits() const override { return 80'000; }
  bool IsBuiltin() const override { return false; }
};

}  // namespace localnet

#endif  // LOCALNET_TREASURER_EXEC_H_
