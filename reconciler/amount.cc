#include "reconciler/amount.h"

#include <algorithm>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace reconciler {
namespace {

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();

bool AllDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), absl::ascii_isdigit);
}

bool IsUnitLabel(absl::string_view s) {
  return !s.empty() && absl::ascii_isalpha(s[0]) &&
         std::all_of(s.begin(), s.end(), absl::ascii_isalnum);
}

// value = value * 10 + digit, false on overflow.
bool AppendDigit(uint64_t* value, char digit) {
  const uint64_t d = static_cast<uint64_t>(digit - '0');
  if (*value > (kMax - d) / 10) return false;
  *value = *value * 10 + d;
  return true;
}

absl::Status Overflow(absl::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat("amount ", text, " exceeds the largest u64 value ", kMax));
}

}  // namespace

std::string Amount::ToString() const {
  if (base_units) return absl::StrCat(*base_units);
  return absl::StrCat(decimal, " ", unit);
}

absl::StatusOr<uint64_t> ParseBaseUnits(absl::string_view digits) {
  if (!AllDigits(digits)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", digits, "\" is not a non-negative integer number of base units"));
  }
  uint64_t value = 0;
  for (char c : digits) {
    if (!AppendDigit(&value, c)) return Overflow(digits);
  }
  return value;
}

absl::StatusOr<Amount> ParseAmount(absl::string_view text) {
  if (AllDigits(text)) {
    auto units = ParseBaseUnits(text);
    if (!units.ok()) return units.status();
    return Amount::BaseUnits(*units);
  }
  const size_t space = text.find(' ');
  absl::string_view number = text.substr(0, space);
  absl::string_view unit = space == absl::string_view::npos ? "" : text.substr(space + 1);
  const size_t dot = number.find('.');
  const bool number_ok = dot == absl::string_view::npos
                             ? AllDigits(number)
                             : AllDigits(number.substr(0, dot)) && AllDigits(number.substr(dot + 1));
  if (!number_ok || !IsUnitLabel(unit)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\" is not an amount: write base units as an integer (1500000) or whole "
        "tokens with a unit (\"1.5 USDC\")"));
  }
  // Overflow of the whole part can be reported now, whatever the decimals.
  if (auto whole = ParseBaseUnits(number.substr(0, dot)); !whole.ok()) return whole.status();
  return Amount{std::nullopt, std::string(number), std::string(unit)};
}

absl::StatusOr<uint64_t> DecimalToBaseUnits(absl::string_view decimal, int decimals) {
  const size_t dot = decimal.find('.');
  absl::string_view whole = decimal.substr(0, dot);
  absl::string_view fraction = dot == absl::string_view::npos ? "" : decimal.substr(dot + 1);
  if (!AllDigits(whole) || (dot != absl::string_view::npos && !AllDigits(fraction)) || decimals < 0) {
    return absl::InvalidArgumentError(absl::StrCat("\"", decimal, "\" is not a decimal number"));
  }
  const size_t places = static_cast<size_t>(decimals);
  if (fraction.size() > places &&
      fraction.find_first_not_of('0', places) != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(decimal, " is not a whole number of base units: the mint has ", decimals,
                     " decimals"));
  }
  uint64_t value = 0;
  for (char c : whole) {
    if (!AppendDigit(&value, c)) return Overflow(decimal);
  }
  for (size_t i = 0; i < places; ++i) {
    if (!AppendDigit(&value, i < fraction.size() ? fraction[i] : '0')) return Overflow(decimal);
  }
  return value;
}

absl::StatusOr<uint64_t> ResolveAmount(const Amount& amount, int decimals) {
  if (amount.base_units) return *amount.base_units;
  return DecimalToBaseUnits(amount.decimal, decimals);
}

}  // namespace reconciler
