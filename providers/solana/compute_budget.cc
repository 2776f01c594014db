#include "providers/solana/compute_budget.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "providers/solana/program_ids.h"

namespace solana::compute_budget {
namespace {

constexpr uint32_t kMinHeapFrame = 32 * 1024;
constexpr uint32_t kMaxHeapFrame = 256 * 1024;
constexpr uint32_t kHeapFrameGranularity = 1024;

template <typename T>
Instruction Make(uint8_t tag, T value) {
  Instruction ix{program_ids::ComputeBudget(), {}, {}};
  ix.data.reserve(1 + sizeof(T));
  PutU8(&ix.data, tag);
  PutFixedLE(&ix.data, value);
  return ix;
}

// The one value after the tag; the data must be exactly tag + value.
template <typename T>
absl::StatusOr<T> ReadValue(const Instruction& ix, size_t index) {
  if (ix.data.size() != 1 + sizeof(T)) {
    return absl::InvalidArgumentError(absl::StrCat("instruction ", index, ": compute budget tag ",
                                                   int{ix.data[0]}, " needs ", 1 + sizeof(T),
                                                   " data bytes, got ", ix.data.size()));
  }
  return DecodeFixedLE<T>(ix.data.data() + 1);
}

template <typename T>
absl::Status SetOnce(std::optional<T>* slot, T value, size_t index, absl::string_view what) {
  if (slot->has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("instruction ", index, ": duplicate ", what));
  }
  *slot = value;
  return absl::OkStatus();
}

bool IsBuiltin(const Pubkey& program) {
  return program == program_ids::System() || program == program_ids::ComputeBudget();
}

}  // namespace

Instruction RequestHeapFrame(uint32_t bytes) { return Make(kRequestHeapFrameTag, bytes); }
Instruction SetComputeUnitLimit(uint32_t units) { return Make(kSetComputeUnitLimitTag, units); }
Instruction SetComputeUnitPrice(uint64_t micro_lamports_per_unit) {
  return Make(kSetComputeUnitPriceTag, micro_lamports_per_unit);
}
Instruction SetLoadedAccountsDataSizeLimit(uint32_t bytes) {
  return Make(kSetLoadedAccountsDataSizeLimitTag, bytes);
}

absl::StatusOr<Settings> ReadSettings(absl::Span<const Instruction> instructions) {
  Settings s;
  std::optional<uint64_t> price;
  for (size_t i = 0; i < instructions.size(); ++i) {
    const Instruction& ix = instructions[i];
    if (ix.program_id != program_ids::ComputeBudget()) continue;
    if (ix.data.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("instruction ", i, ": empty compute budget instruction"));
    }
    switch (ix.data[0]) {
      case kRequestHeapFrameTag: {
        ASSIGN_OR_RETURN(uint32_t bytes, ReadValue<uint32_t>(ix, i));
        if (bytes < kMinHeapFrame || bytes > kMaxHeapFrame || bytes % kHeapFrameGranularity) {
          return absl::InvalidArgumentError(
              absl::StrCat("instruction ", i, ": invalid heap frame size ", bytes));
        }
        RETURN_IF_ERROR(SetOnce(&s.heap_frame_bytes, bytes, i, "RequestHeapFrame"));
        break;
      }
      case kSetComputeUnitLimitTag: {
        ASSIGN_OR_RETURN(uint32_t units, ReadValue<uint32_t>(ix, i));
        RETURN_IF_ERROR(SetOnce(&s.unit_limit, units, i, "SetComputeUnitLimit"));
        break;
      }
      case kSetComputeUnitPriceTag: {
        ASSIGN_OR_RETURN(uint64_t p, ReadValue<uint64_t>(ix, i));
        RETURN_IF_ERROR(SetOnce(&price, p, i, "SetComputeUnitPrice"));
        break;
      }
      case kSetLoadedAccountsDataSizeLimitTag: {
        ASSIGN_OR_RETURN(uint32_t bytes, ReadValue<uint32_t>(ix, i));
        if (bytes == 0) {
          return absl::InvalidArgumentError(
              absl::StrCat("instruction ", i, ": loaded accounts data size limit is zero"));
        }
        RETURN_IF_ERROR(SetOnce(&s.loaded_accounts_data_size_limit, bytes, i,
                                "SetLoadedAccountsDataSizeLimit"));
        break;
      }
      default:
        return absl::InvalidArgumentError(
            absl::StrCat("instruction ", i, ": unknown compute budget tag ", int{ix.data[0]}));
    }
  }
  s.unit_price = price.value_or(0);
  return s;
}

uint32_t DefaultComputeUnitLimit(absl::Span<const Instruction> instructions) {
  uint64_t units = 0;
  for (const Instruction& ix : instructions) {
    units += IsBuiltin(ix.program_id) ? kDefaultUnitsPerBuiltin : kDefaultUnitsPerNonBuiltin;
    if (units >= kMaxComputeUnitLimit) return kMaxComputeUnitLimit;
  }
  return static_cast<uint32_t>(units);
}

absl::StatusOr<uint32_t> EffectiveComputeUnitLimit(absl::Span<const Instruction> instructions) {
  ASSIGN_OR_RETURN(Settings s, ReadSettings(instructions));
  if (s.unit_limit) return std::min(*s.unit_limit, kMaxComputeUnitLimit);
  return DefaultComputeUnitLimit(instructions);
}

absl::StatusOr<uint64_t> PriorityFee(uint64_t micro_lamports_per_unit, uint32_t unit_limit) {
  using u128 = unsigned __int128;
  const u128 micro = static_cast<u128>(micro_lamports_per_unit) * unit_limit;
  const u128 lamports = (micro + (kMicroLamportsPerLamport - 1)) / kMicroLamportsPerLamport;
  if (lamports > UINT64_MAX) {
    return absl::OutOfRangeError(absl::StrCat("priority fee overflows u64: price ",
                                              micro_lamports_per_unit, " x limit ", unit_limit));
  }
  return static_cast<uint64_t>(lamports);
}

absl::StatusOr<uint64_t> TransactionFee(uint64_t num_signatures, uint64_t micro_lamports_per_unit,
                                        uint32_t unit_limit) {
  ASSIGN_OR_RETURN(uint64_t priority, PriorityFee(micro_lamports_per_unit, unit_limit));
  if (num_signatures > (UINT64_MAX - priority) / kLamportsPerSignature) {
    return absl::OutOfRangeError("transaction fee overflows u64");
  }
  return num_signatures * kLamportsPerSignature + priority;
}

absl::StatusOr<uint64_t> TransactionFee(uint64_t num_signatures,
                                        absl::Span<const Instruction> instructions) {
  ASSIGN_OR_RETURN(Settings s, ReadSettings(instructions));
  const uint32_t limit = s.unit_limit ? std::min(*s.unit_limit, kMaxComputeUnitLimit)
                                      : DefaultComputeUnitLimit(instructions);
  return TransactionFee(num_signatures, s.unit_price, limit);
}

}  // namespace solana::compute_budget
