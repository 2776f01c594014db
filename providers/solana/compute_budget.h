// Compute Budget program instructions and the fee a transaction pays
// (spec solana-wire.md 4.1-4.3).
#ifndef PROVIDERS_SOLANA_COMPUTE_BUDGET_H_
#define PROVIDERS_SOLANA_COMPUTE_BUDGET_H_

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "providers/solana/instruction.h"

namespace solana::compute_budget {

inline constexpr uint32_t kMaxComputeUnitLimit = 1'400'000;
inline constexpr uint32_t kDefaultUnitsPerNonBuiltin = 200'000;
inline constexpr uint32_t kDefaultUnitsPerBuiltin = 3'000;
inline constexpr uint64_t kLamportsPerSignature = 5'000;
inline constexpr uint64_t kMicroLamportsPerLamport = 1'000'000;

// Instruction tags (first data byte).
inline constexpr uint8_t kRequestHeapFrameTag = 1;
inline constexpr uint8_t kSetComputeUnitLimitTag = 2;
inline constexpr uint8_t kSetComputeUnitPriceTag = 3;
inline constexpr uint8_t kSetLoadedAccountsDataSizeLimitTag = 4;

Instruction RequestHeapFrame(uint32_t bytes);
Instruction SetComputeUnitLimit(uint32_t units);
Instruction SetComputeUnitPrice(uint64_t micro_lamports_per_unit);
Instruction SetLoadedAccountsDataSizeLimit(uint32_t bytes);

// What the Compute Budget instructions of one transaction request.
struct Settings {
  std::optional<uint32_t> unit_limit;  // as requested, before clamping
  uint64_t unit_price = 0;             // micro-lamports per compute unit
  std::optional<uint32_t> heap_frame_bytes;
  std::optional<uint32_t> loaded_accounts_data_size_limit;
};

// Reads the Compute Budget instructions among `instructions` (others are
// ignored). Fails, like the runtime, on a duplicate kind, unknown tag, wrong
// data length, accounts passed, or an invalid heap frame / zero data-size limit.
absl::StatusOr<Settings> ReadSettings(absl::Span<const Instruction> instructions);

// Spec 4.2 (SIMD-0170): without SetComputeUnitLimit the limit is 200,000 per
// non-builtin plus 3,000 per builtin (System, Compute Budget) top-level
// instruction, capped at 1,400,000.
uint32_t DefaultComputeUnitLimit(absl::Span<const Instruction> instructions);

// The limit a transaction runs (and pays) with: the requested one clamped to
// 1,400,000, else the default.
absl::StatusOr<uint32_t> EffectiveComputeUnitLimit(absl::Span<const Instruction> instructions);

// ceil(price * limit / 1,000,000) lamports; fails only on u64 overflow.
absl::StatusOr<uint64_t> PriorityFee(uint64_t micro_lamports_per_unit, uint32_t unit_limit);

// Spec 4.3: 5000 per signature + priority fee.
absl::StatusOr<uint64_t> TransactionFee(uint64_t num_signatures, uint64_t micro_lamports_per_unit,
                                        uint32_t unit_limit);
// The fee of a transaction made of `instructions` with `num_signatures`
// signatures, reading price and limit from its Compute Budget instructions.
absl::StatusOr<uint64_t> TransactionFee(uint64_t num_signatures,
                                        absl::Span<const Instruction> instructions);

}  // namespace solana::compute_budget

#endif  // PROVIDERS_SOLANA_COMPUTE_BUDGET_H_
