// Token amounts in manifests. Amounts are exact: a u64 count of base units,
// or a decimal number of whole tokens with a unit label ("12.5 USDC") that is
// converted with the mint's decimals later and only when that is exact.
// Negative, fractional base units, floats and overflow are errors.
#ifndef RECONCILER_AMOUNT_H_
#define RECONCILER_AMOUNT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace reconciler {

struct Amount {
  // Set when the amount was given in base units.
  std::optional<uint64_t> base_units;
  // Otherwise: the decimal as written ("12.5") and its unit label ("USDC").
  std::string decimal;
  std::string unit;

  static Amount BaseUnits(uint64_t v) { return Amount{v, "", ""}; }
  // "12.5 USDC" or "1000000" as written in the manifest.
  std::string ToString() const;
  bool operator==(const Amount&) const = default;
};

// Strict u64 from decimal digits only: no sign, point, exponent or spaces.
absl::StatusOr<uint64_t> ParseBaseUnits(absl::string_view digits);

// A manifest amount string: "DIGITS" (base units) or "DIGITS[.DIGITS] UNIT".
absl::StatusOr<Amount> ParseAmount(absl::string_view text);

// Exact conversion of a decimal ("12.5") to base units for a mint with
// `decimals` decimals; fails when digits would be lost or on overflow.
absl::StatusOr<uint64_t> DecimalToBaseUnits(absl::string_view decimal, int decimals);

// Base units of `amount`, using `decimals` only for the decimal form.
absl::StatusOr<uint64_t> ResolveAmount(const Amount& amount, int decimals);

}  // namespace reconciler

#endif  // RECONCILER_AMOUNT_H_
