#include "localnet/psyche_programs.h"

#include <memory>

#include "localnet/authorizer_exec.h"
#include "localnet/coordinator_exec.h"
#include "localnet/treasurer_exec.h"
#include "providers/psyche/psyche_program_ids.h"

namespace localnet {

void RegisterPsychePrograms(ProgramRegistry& registry) {
  registry.Register(psyche::program_ids::Authorizer(), std::make_unique<AuthorizerProgram>());
  registry.Register(psyche::program_ids::Coordinator(), std::make_unique<CoordinatorProgram>());
  registry.Register(psyche::program_ids::Treasurer(), std::make_unique<TreasurerProgram>());
}

}  // namespace localnet
