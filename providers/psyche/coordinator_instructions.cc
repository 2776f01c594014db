#include "providers/psyche/coordinator_instructions.h"

#include <utility>

#include "providers/psyche/coordinator_instance.h"
#include "providers/solana/program_ids.h"

namespace psyche {
namespace {

using solana::Instruction;
using solana::Readonly;
using solana::ReadonlySigner;
using solana::Writable;
using solana::WritableSigner;

Instruction OwnerInstruction(const CoordinatorOwnerAccounts& a, solana::Bytes data) {
  return Instruction{a.program_id,
                     {ReadonlySigner(a.authority), Readonly(a.coordinator_instance),
                      Writable(a.coordinator_account)},
                     std::move(data)};
}

}  // namespace

absl::StatusOr<Instruction> InitCoordinatorInstruction(const solana::Pubkey& program_id,
                                                       const solana::Pubkey& payer,
                                                       const solana::Pubkey& coordinator_account,
                                                       const InitCoordinatorArgs& args) {
  ASSIGN_OR_RETURN(solana::Bytes data, EncodeInitCoordinatorData(args));
  ASSIGN_OR_RETURN(solana::ProgramAddress instance,
                   CoordinatorInstanceAddress(args.run_id, program_id));
  return Instruction{program_id,
                     {WritableSigner(payer), Writable(instance.address),
                      Writable(coordinator_account), Readonly(solana::program_ids::System())},
                     std::move(data)};
}

absl::StatusOr<Instruction> UpdateInstruction(const CoordinatorOwnerAccounts& accounts,
                                              const UpdateArgs& args) {
  ASSIGN_OR_RETURN(solana::Bytes data, EncodeUpdateData(args));
  return OwnerInstruction(accounts, std::move(data));
}

absl::StatusOr<Instruction> UpdateClientVersionInstruction(const CoordinatorOwnerAccounts& accounts,
                                                           absl::string_view new_version) {
  ASSIGN_OR_RETURN(solana::Bytes data, EncodeUpdateClientVersionData(new_version));
  return OwnerInstruction(accounts, std::move(data));
}

Instruction SetFutureEpochRatesInstruction(const CoordinatorOwnerAccounts& accounts,
                                           const SetFutureEpochRatesArgs& args) {
  return OwnerInstruction(accounts, EncodeSetFutureEpochRatesData(args));
}

Instruction SetPausedInstruction(const CoordinatorOwnerAccounts& accounts, bool paused) {
  return OwnerInstruction(accounts, EncodeSetPausedData(paused));
}

Instruction FreeCoordinatorInstruction(const CoordinatorOwnerAccounts& accounts,
                                       const solana::Pubkey& spill) {
  return Instruction{
      accounts.program_id,
      {ReadonlySigner(accounts.authority), Writable(spill), Writable(accounts.coordinator_instance),
       Writable(accounts.coordinator_account)},
      EncodeFreeCoordinatorData()};
}

Instruction JoinRunInstruction(const solana::Pubkey& program_id,
                               const solana::Pubkey& authorization,
                               const solana::Pubkey& coordinator_instance,
                               const solana::Pubkey& coordinator_account,
                               const NodeIdentity& client_id) {
  return Instruction{program_id,
                     {ReadonlySigner(client_id.signer), Readonly(authorization),
                      Readonly(coordinator_instance), Writable(coordinator_account)},
                     EncodeJoinRunData(client_id)};
}

Instruction TickInstruction(const solana::Pubkey& program_id, const solana::Pubkey& user,
                            const solana::Pubkey& coordinator_instance,
                            const solana::Pubkey& coordinator_account) {
  return Instruction{
      program_id,
      {ReadonlySigner(user), Readonly(coordinator_instance), Writable(coordinator_account)},
      EncodeTickData()};
}

}  // namespace psyche
