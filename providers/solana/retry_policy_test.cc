#include "providers/solana/retry_policy.h"

#include <gtest/gtest.h>

namespace solana {
namespace {

TEST(RetryPolicy, BackoffIsJitteredAndCapped) {
  RetryPolicy p;
  p.initial_backoff = absl::Milliseconds(100);
  p.max_backoff = absl::Milliseconds(450);
  absl::BitGen gen;
  absl::Duration max_seen[6] = {};
  for (int n = 0; n < 2000; ++n) {
    for (int retry = 0; retry < 6; ++retry) {
      absl::Duration d = BackoffDelay(p, retry, gen);
      EXPECT_GE(d, absl::ZeroDuration());
      max_seen[retry] = std::max(max_seen[retry], d);
    }
  }
  // Upper bounds 100, 200, 400, then capped at 450 ms; jitter reaches near the bound.
  const int bounds_ms[6] = {100, 200, 400, 450, 450, 450};
  for (int retry = 0; retry < 6; ++retry) {
    EXPECT_LE(max_seen[retry], absl::Milliseconds(bounds_ms[retry])) << retry;
    EXPECT_GE(max_seen[retry], absl::Milliseconds(bounds_ms[retry]) * 0.9) << retry;
  }
  EXPECT_LE(BackoffDelay(p, 1000, gen), absl::Milliseconds(450));
}

TEST(RetryPolicy, RetryAfterHonouredWithinCap) {
  RetryPolicy p;
  p.initial_backoff = p.max_backoff = absl::Milliseconds(1);
  p.max_retry_after = absl::Seconds(5);
  absl::BitGen gen;
  EXPECT_EQ(NextDelay(p, 0, absl::Seconds(3), gen), absl::Seconds(3));
  EXPECT_LE(NextDelay(p, 0, absl::Seconds(300), gen), absl::Milliseconds(1));
  EXPECT_LE(NextDelay(p, 0, std::nullopt, gen), absl::Milliseconds(1));
}

TEST(RetryPolicy, ParseRetryAfter) {
  EXPECT_EQ(ParseRetryAfter("3"), absl::Seconds(3));
  EXPECT_EQ(ParseRetryAfter(" 0 "), absl::ZeroDuration());
  EXPECT_FALSE(ParseRetryAfter("").has_value());
  EXPECT_FALSE(ParseRetryAfter("-1").has_value());
  EXPECT_FALSE(ParseRetryAfter("1.5").has_value());
  EXPECT_FALSE(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
  EXPECT_FALSE(ParseRetryAfter("99999999999999999999").has_value());
}

}  // namespace
}  // namespace solana
