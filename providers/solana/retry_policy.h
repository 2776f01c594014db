// Bounded retries with exponential backoff and full jitter for RPC calls that
// are safe to repeat (reads, and sendTransaction with identical bytes).
#ifndef PROVIDERS_SOLANA_RETRY_POLICY_H_
#define PROVIDERS_SOLANA_RETRY_POLICY_H_

#include <optional>

#include "absl/random/random.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace solana {

struct RetryPolicy {
  int max_attempts = 5;  // including the first; 1 disables retries
  absl::Duration initial_backoff = absl::Milliseconds(500);
  absl::Duration max_backoff = absl::Seconds(10);
  absl::Duration max_total = absl::Seconds(60);  // all attempts and waits together
  // A Retry-After up to this long is honoured exactly; a longer one falls back
  // to the computed backoff (and the max_total budget still applies).
  absl::Duration max_retry_after = absl::Seconds(120);
};

// Full jitter: uniform in [0, min(max_backoff, initial_backoff * 2^retry)],
// retry counting from 0 for the wait before the second attempt.
absl::Duration BackoffDelay(const RetryPolicy& policy, int retry, absl::BitGen& gen);

// The delay before the next attempt: Retry-After when given and acceptable,
// else BackoffDelay.
absl::Duration NextDelay(const RetryPolicy& policy, int retry,
                         std::optional<absl::Duration> retry_after, absl::BitGen& gen);

// Retry-After in its delta-seconds form ("3"); the HTTP-date form and
// anything malformed give nullopt (callers then use the backoff).
std::optional<absl::Duration> ParseRetryAfter(absl::string_view value);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_RETRY_POLICY_H_
