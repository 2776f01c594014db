// Runs the instructions of one sanitized message against loaded accounts,
// producing the runtime's log lines and enforcing the per-instruction account
// rules (read-only, ownership, balanced lamports).
#ifndef LOCALNET_EXECUTOR_H_
#define LOCALNET_EXECUTOR_H_

#include <optional>
#include <string>
#include <vector>

#include "localnet/program_registry.h"
#include "localnet/wire_tx.h"

namespace localnet {

struct ExecutionResult {
  std::optional<TransactionError> err;
  uint64_t units_consumed = 0;
};

// `accounts` holds one entry per message key, in key order; it is modified in
// place (the caller discards it on error). Every invoked program must be
// registered (the caller checks that first).
ExecutionResult ExecuteMessage(const WireMessage& m, const ProgramRegistry& registry,
                               const ExecEnv& env, uint64_t unit_limit,
                               std::vector<TxAccount>* accounts, std::vector<std::string>* logs);

}  // namespace localnet

#endif  // LOCALNET_EXECUTOR_H_
