// Emulated cross-program invocation for native programs that call other
// native programs (the ATA program calls System and SPL Token). The callee
// sees copies of the caller's accounts with the privileges the runtime would
// grant, its changes are checked against the callee's id, and only then
// written back; logs nest at depth 2.
#ifndef LOCALNET_CPI_H_
#define LOCALNET_CPI_H_

#include <vector>

#include "localnet/program_registry.h"

namespace localnet {

// One account of the inner instruction: an index into the caller's accounts.
struct CpiAccountMeta {
  size_t caller_index = 0;
  bool is_signer = false;
  bool is_writable = false;
};

// Signer privilege needs a signing caller account or a PDA the caller signs
// for (`pda_signers`); writable needs a writable caller account. Otherwise
// PrivilegeEscalation, with the runtime's log line.
InstructionResult InvokeNested(InvokeContext& caller, const Pubkey& callee_id,
                               const NativeProgram& callee,
                               const std::vector<CpiAccountMeta>& metas, ByteView data,
                               const std::vector<Pubkey>& pda_signers = {});

}  // namespace localnet

#endif  // LOCALNET_CPI_H_
