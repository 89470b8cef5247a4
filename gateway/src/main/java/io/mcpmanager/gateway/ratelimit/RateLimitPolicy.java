package io.mcpmanager.gateway.ratelimit;

import java.time.Duration;

/** A named token bucket shape; buckets of different policies never share tokens. */
public record RateLimitPolicy(
    String name, long capacity, long refillTokens, Duration refillPeriod) {

  static RateLimitPolicy of(String name, RateLimitProperties.Limit limit) {
    return new RateLimitPolicy(name, limit.capacity(), limit.refillTokens(), limit.refillPeriod());
  }

  /** How long an empty bucket takes to fill up again. */
  Duration timeToFull() {
    return refillPeriod.multipliedBy(capacity).dividedBy(refillTokens);
  }
}
