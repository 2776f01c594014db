// Coordinator instructions with their exact account lists (coordinator.md
// 4.3, 4.4): data from coordinator_instruction_data.h, accounts in program
// order with the signer/writable flags the program checks.
#ifndef PROVIDERS_PSYCHE_COORDINATOR_INSTRUCTIONS_H_
#define PROVIDERS_PSYCHE_COORDINATOR_INSTRUCTIONS_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/psyche/coordinator_instruction_data.h"
#include "providers/solana/instruction.h"
#include "providers/solana/pubkey.h"

namespace psyche {

// The "owner accounts" template: [authority (S), instance, account (W)].
struct CoordinatorOwnerAccounts {
  solana::Pubkey program_id;            // the coordinator program (configurable: forks)
  solana::Pubkey authority;             // the instance's main_authority
  solana::Pubkey coordinator_instance;  // PDA ["coordinator", run_id]
  solana::Pubkey coordinator_account;   // the 119,160-byte account
};

// [payer (S,W), instance (W), account (W), system program]. The instance is
// derived from args.run_id; the account must already be created (System
// CreateAccount, signed by its keypair) in the same transaction.
absl::StatusOr<solana::Instruction> InitCoordinatorInstruction(
    const solana::Pubkey& program_id, const solana::Pubkey& payer,
    const solana::Pubkey& coordinator_account, const InitCoordinatorArgs& args);

absl::StatusOr<solana::Instruction> UpdateInstruction(const CoordinatorOwnerAccounts& accounts,
                                                      const UpdateArgs& args);
absl::StatusOr<solana::Instruction> UpdateClientVersionInstruction(
    const CoordinatorOwnerAccounts& accounts, absl::string_view new_version);
solana::Instruction SetFutureEpochRatesInstruction(const CoordinatorOwnerAccounts& accounts,
                                                   const SetFutureEpochRatesArgs& args);
solana::Instruction SetPausedInstruction(const CoordinatorOwnerAccounts& accounts, bool paused);

// [authority (S), spill (W), instance (W), account (W)]; spill receives the
// lamports of both closed accounts and must be System-owned (the admin CLI
// passes the authority).
solana::Instruction FreeCoordinatorInstruction(const CoordinatorOwnerAccounts& accounts,
                                               const solana::Pubkey& spill);

// [user = client_id.signer (S), authorization, instance, account (W)].
solana::Instruction JoinRunInstruction(const solana::Pubkey& program_id,
                                       const solana::Pubkey& authorization,
                                       const solana::Pubkey& coordinator_instance,
                                       const solana::Pubkey& coordinator_account,
                                       const NodeIdentity& client_id);

// Permissionless: [user (S), instance, account (W)].
solana::Instruction TickInstruction(const solana::Pubkey& program_id, const solana::Pubkey& user,
                                    const solana::Pubkey& coordinator_instance,
                                    const solana::Pubkey& coordinator_account);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_COORDINATOR_INSTRUCTIONS_H_
