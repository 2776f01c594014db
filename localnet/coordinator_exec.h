// Native emulation of the Psyche coordinator's administration instructions (coordinator.md 4,
// 5): init_coordinator, update, set_paused, set_future_epoch_rates, update_client_version,
// free_coordinator, join_run (authorization check and client registration) and tick (nonce,
// the halted check, and completing a pending pause at once: rounds are not emulated). Reads and writes the real 119,160-byte v1 account, changing only
// the bytes of the fields an instruction changes.
#ifndef LOCALNET_COORDINATOR_EXEC_H_
#define LOCALNET_COORDINATOR_EXEC_H_

#include "localnet/anchor_exec.h"
#include "localnet/program_registry.h"

namespace localnet {

// Program errors, HEAD numbering (coordinator.md 5.2).
namespace coordinator_error {
inline constexpr ProgramErrorDef kUpdateConfigFinished = {6000, "UpdateConfigFinished",
                                                          "Cannot update config of finished run"};
inline constexpr ProgramErrorDef kUpdateConfigNotHalted = {
    6001, "UpdateConfigNotHalted", "Cannot update config when not halted"};
inline constexpr ProgramErrorDef kCoordinatorAccountIncorrectSize = {
    6002, "CoordinatorAccountIncorrectSize", "Coordinator account incorrect size"};
inline constexpr ProgramErrorDef kClientsFull = {6003, "ClientsFull", "Clients list full"};
inline constexpr ProgramErrorDef kConfigSanityCheckFailed = {6004, "ConfigSanityCheckFailed",
                                                             "Config sanity check failed"};
inline constexpr ProgramErrorDef kModelSanityCheckFailed = {6005, "ModelSanityCheckFailed",
                                                            "Model sanity check failed"};
inline constexpr ProgramErrorDef kProgressSanityCheckFailed = {6006, "ProgressSanityCheckFailed",
                                                               "Progress sanity check failed"};
inline constexpr ProgramErrorDef kSignerMismatch = {6008, "SignerMismatch", "Signer mismatch"};
inline constexpr ProgramErrorDef kCloseCoordinatorNotHalted = {
    6009, "CloseCoordinatorNotHalted", "Cannot close coordinator account when not halted"};
inline constexpr ProgramErrorDef kHalted = {6015, "CoordinatorErrorHalted",
                                            "Coordinator error: Halted"};
inline constexpr ProgramErrorDef kCannotResume = {6018, "CoordinatorErrorCannotResume",
                                                  "Coordinator error: Cannot resume"};
inline constexpr ProgramErrorDef kMoreClientsThanBatches = {
    6022, "MoreClientsThanBatches",
    "There are more clients than total number of batches to assign"};
inline constexpr ProgramErrorDef kRunIdInvalidLength = {6023, "RunIdInvalidLength",
                                                        "run_id must be 32 bytes or less"};
}  // namespace coordinator_error

class CoordinatorProgram : public NativeProgram {
 public:
  InstructionResult Process(InvokeContext& ctx) const override;
  uint64_t ComputeUnits() const override { return 50'000; }
  bool IsBuiltin() const override { return false; }
};

}  // namespace localnet

#endif  // LOCALNET_COORDINATOR_EXEC_H_
