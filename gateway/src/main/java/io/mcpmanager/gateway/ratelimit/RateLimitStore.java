package io.mcpmanager.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Where token buckets live. */
public interface RateLimitStore {

  /**
   * Takes one token from the caller's bucket of this policy, creating a full bucket if none exists.
   */
  Mono<RateLimitDecision> tryConsume(String callerKey, RateLimitPolicy policy);
}
