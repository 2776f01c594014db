#include "localnet/compute_budget_exec.h"

#include "providers/solana/program_ids.h"

namespace localnet {

std::optional<TransactionError> ReadComputeBudget(const WireMessage& m,
                                                  const ProgramRegistry& registry,
                                                  ComputeBudgetLimits* out) {
  std::optional<uint32_t> limit, heap, loaded;
  std::optional<uint64_t> price;
  uint64_t builtin = 0, non_builtin = 0;
  for (size_t i = 0; i < m.instructions.size(); ++i) {
    const auto& ix = m.instructions[i];
    const Pubkey& pid = m.keys[ix.program_id_index];
    if (pid != solana::program_ids::ComputeBudget()) {
      const NativeProgram* p = registry.Find(pid);
      if (p != nullptr && p->IsBuiltin()) {
        ++builtin;
      } else {
        ++non_builtin;
      }
      continue;
    }
    ++builtin;
    uint8_t index = static_cast<uint8_t>(i);
    auto invalid =
        TransactionError::Instruction(index, {InstructionErrorKind::kInvalidInstructionData, 0});
    auto dup = TransactionError::Of(TransactionErrorKind::kDuplicateInstruction, index);
    solana::ByteReader in(ix.data);
    auto tag = in.U8("tag");
    if (!tag.ok()) return invalid;
    switch (*tag) {
      case 1: {
        auto v = in.U32("bytes");
        if (!v.ok() || in.remaining() != 0) return invalid;
        if (heap) return dup;
        if (*v % 1024 != 0 || *v < 32 * 1024 || *v > 256 * 1024) return invalid;
        heap = *v;
        break;
      }
      case 2: {
        auto v = in.U32("units");
        if (!v.ok() || in.remaining() != 0) return invalid;
        if (limit) return dup;
        limit = *v;
        break;
      }
      case 3: {
        auto v = in.U64("price");
        if (!v.ok() || in.remaining() != 0) return invalid;
        if (price) return dup;
        price = *v;
        break;
      }
      case 4: {
        auto v = in.U32("bytes");
        if (!v.ok() || in.remaining() != 0) return invalid;
        if (loaded) return dup;
        if (*v == 0) {
          return TransactionError::Of(TransactionErrorKind::kInvalidLoadedAccountsDataSizeLimit);
        }
        loaded = std::min(*v, kMaxLoadedAccountsDataSize);
        break;
      }
      default:
        return invalid;
    }
  }
  uint64_t default_limit = non_builtin * kDefaultNonBuiltinUnits + builtin * kDefaultBuiltinUnits;
  out->unit_limit = static_cast<uint32_t>(
      std::min<uint64_t>(limit ? *limit : default_limit, kMaxComputeUnitLimit));
  out->unit_price = price.value_or(0);
  out->heap_bytes = heap.value_or(32 * 1024);
  out->loaded_accounts_bytes = loaded.value_or(kMaxLoadedAccountsDataSize);
  return std::nullopt;
}

uint64_t PrioritizationFee(const ComputeBudgetLimits& limits) {
  unsigned __int128 micro = static_cast<unsigned __int128>(limits.unit_price) * limits.unit_limit;
  unsigned __int128 fee = (micro + 999'999) / 1'000'000;
  return fee > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(fee);
}

}  // namespace localnet
