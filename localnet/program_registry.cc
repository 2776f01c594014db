#include "localnet/program_registry.h"

#include "localnet/compute_budget_exec.h"
#include "localnet/system_program_exec.h"
#include "providers/solana/program_ids.h"

namespace localnet {

ProgramRegistry ProgramRegistry::WithBuiltins() {
  ProgramRegistry r;
  r.Register(solana::program_ids::System(), std::make_unique<SystemProgram>());
  r.Register(solana::program_ids::ComputeBudget(), std::make_unique<ComputeBudgetProgram>());
  return r;
}

void ProgramRegistry::Register(const Pubkey& id, std::unique_ptr<NativeProgram> program) {
  programs_[id] = std::move(program);
}

const NativeProgram* ProgramRegistry::Find(const Pubkey& id) const {
  auto it = programs_.find(id);
  return it == programs_.end() ? nullptr : it->second.get();
}

std::vector<Pubkey> ProgramRegistry::ProgramIds() const {
  std::vector<Pubkey> ids;
  for (const auto& [k, v] : programs_) ids.push_back(k);
  return ids;
}

}  // namespace localnet
