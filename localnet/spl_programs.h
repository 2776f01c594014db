// Registers the SPL program emulations (Token, Associated Token Account) in a
// local ledger's program registry, under their mainnet ids.
#ifndef LOCALNET_SPL_PROGRAMS_H_
#define LOCALNET_SPL_PROGRAMS_H_

#include "localnet/program_registry.h"

namespace localnet {

void RegisterSplPrograms(ProgramRegistry& registry);

}  // namespace localnet

#endif  // LOCALNET_SPL_PROGRAMS_H_
