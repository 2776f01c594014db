#include "localnet/spl_programs.h"

#include "localnet/ata_exec.h"
#include "localnet/spl_token_exec.h"
#include "providers/solana/program_ids.h"

namespace localnet {

void RegisterSplPrograms(ProgramRegistry& registry) {
  registry.Register(solana::program_ids::Token(), std::make_unique<SplTokenProgram>());
  registry.Register(solana::program_ids::AssociatedToken(),
                    std::make_unique<AssociatedTokenProgram>());
}

}  // namespace localnet
