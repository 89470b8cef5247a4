package io.mcpmanager.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import reactor.core.publisher.Mono;

/**
 * Redis first; while Redis fails or is slower than the timeout, each gateway limits with its own
 * in-memory buckets (so N replicas allow at most N times the limit) instead of failing closed or
 * not limiting at all. Every fallback is counted; the switch both ways is logged once.
 */
class FallbackRateLimitStore implements RateLimitStore {

  private static final Logger log = LoggerFactory.getLogger(FallbackRateLimitStore.class);

  static final String FAILURES_METRIC = "mcpm.gateway.rate.limit.store.failures";

  private final RateLimitStore primary;

  private final RateLimitStore fallback;

  private final Duration timeout;

  private final Counter failures;

  private final AtomicBoolean degraded = new AtomicBoolean();

  FallbackRateLimitStore(
      RateLimitStore primary, RateLimitStore fallback, Duration timeout, MeterRegistry registry) {
    this.primary = primary;
    this.fallback = fallback;
    this.timeout = timeout;
    this.failures =
        Counter.builder(FAILURES_METRIC)
            .description(
                "Rate-limit decisions taken by the in-memory fallback because Redis failed")
            .tag("store", "redis")
            .register(registry);
  }

  @Override
  public Mono<RateLimitDecision> tryConsume(String callerKey, RateLimitPolicy policy) {
    return primary
        .tryConsume(callerKey, policy)
        .timeout(timeout)
        .doOnNext(decision -> recovered())
        .onErrorResume(
            error -> {
              failures.increment();
              if (degraded.compareAndSet(false, true)) {
                log.warn(
                    "Redis rate-limit store failed ({}); limiting with this gateway's in-memory buckets "
                        + "until it answers again",
                    NestedExceptionUtils.getMostSpecificCause(error).toString());
              }
              return fallback.tryConsume(callerKey, policy);
            });
  }

  private void recovered() {
    if (degraded.compareAndSet(true, false)) {
      log.info("Redis rate-limit store answers again; limits are shared across gateways");
    }
  }
}
