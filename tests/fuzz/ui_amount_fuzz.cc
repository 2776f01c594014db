// Decimal token amounts (spl_token.h): text -> base units must be exact, and
// base units -> text -> base units must be the identity for every u64.
// Input: byte 0 = decimals, the rest = amount text (and, as 8 LE bytes, a u64).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "providers/psyche/spl_token.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t decimals = data[0];
  const absl::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  absl::StatusOr<uint64_t> units = psyche::UiAmountToBaseUnits(text, decimals);
  if (units.ok()) {
    absl::StatusOr<std::string> back = psyche::BaseUnitsToUiAmount(*units, decimals);
    FUZZ_CHECK(back.ok());
    absl::StatusOr<uint64_t> again = psyche::UiAmountToBaseUnits(*back, decimals);
    FUZZ_CHECK(again.ok() && *again == *units);
  }

  if (size >= 9) {
    uint64_t amount;
    std::memcpy(&amount, data + 1, sizeof(amount));
    absl::StatusOr<std::string> ui = psyche::BaseUnitsToUiAmount(amount, decimals);
    if (ui.ok()) {
      absl::StatusOr<uint64_t> parsed = psyche::UiAmountToBaseUnits(*ui, decimals);
      FUZZ_CHECK(parsed.ok() && *parsed == amount);
    }
    double ui_double;
    std::memcpy(&ui_double, data + 1, sizeof(ui_double));
    (void)psyche::ReferenceUiAmountToBaseUnits(ui_double, decimals);
  }
  return 0;
}
