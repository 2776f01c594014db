// Registers the native emulations of the three Psyche programs (Coordinator, Authorizer,
// Treasurer) in a ledger's program registry, under their default ids.
#ifndef LOCALNET_PSYCHE_PROGRAMS_H_
#define LOCALNET_PSYCHE_PROGRAMS_H_

#include "localnet/program_registry.h"

namespace localnet {

void RegisterPsychePrograms(ProgramRegistry& registry);

}  // namespace localnet

#endif  // LOCALNET_PSYCHE_PROGRAMS_H_
