package io.mcpmanager.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Buckets in this gateway's memory (Bucket4j). Limits one replica only: used when {@code
 * store=memory} and as the fallback while Redis is unreachable. A bucket idle long enough to be
 * full again is dropped, so memory stays bounded without changing any answer.
 */
class InMemoryRateLimitStore implements RateLimitStore {

  private static final long MAX_BUCKETS = 100_000;

  private final Cache<String, Bucket> buckets;

  InMemoryRateLimitStore(Duration idleEviction) {
    this.buckets =
        Caffeine.newBuilder().expireAfterAccess(idleEviction).maximumSize(MAX_BUCKETS).build();
  }

  @Override
  public Mono<RateLimitDecision> tryConsume(String callerKey, RateLimitPolicy policy) {
    return Mono.fromSupplier(
        () -> {
          Bucket bucket = buckets.get(policy.name() + ":" + callerKey, key -> newBucket(policy));
          ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
          return new RateLimitDecision(
              probe.isConsumed(),
              policy.capacity(),
              probe.getRemainingTokens(),
              Duration.ofNanos(probe.getNanosToWaitForRefill()),
              Duration.ofNanos(probe.getNanosToWaitForReset()));
        });
  }

  private static Bucket newBucket(RateLimitPolicy policy) {
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(policy.capacity())
                    .refillGreedy(policy.refillTokens(), policy.refillPeriod()))
        .build();
  }
}
