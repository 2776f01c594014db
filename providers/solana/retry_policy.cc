#include "providers/solana/retry_policy.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace solana {

absl::Duration BackoffDelay(const RetryPolicy& policy, int retry, absl::BitGen& gen) {
  absl::Duration cap = policy.initial_backoff;
  for (int i = 0; i < retry && cap < policy.max_backoff; ++i) cap *= 2;
  cap = std::min(cap, policy.max_backoff);
  if (cap <= absl::ZeroDuration()) return absl::ZeroDuration();
  int64_t cap_us = absl::ToInt64Microseconds(cap);
  return absl::Microseconds(absl::Uniform<int64_t>(absl::IntervalClosed, gen, 0, cap_us));
}

absl::Duration NextDelay(const RetryPolicy& policy, int retry,
                         std::optional<absl::Duration> retry_after, absl::BitGen& gen) {
  if (retry_after.has_value() && *retry_after <= policy.max_retry_after) return *retry_after;
  return BackoffDelay(policy, retry, gen);
}

std::optional<absl::Duration> ParseRetryAfter(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty() || value.size() > 9) return std::nullopt;
  for (char c : value) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(value, &seconds)) return std::nullopt;
  return absl::Seconds(seconds);
}

}  // namespace solana
