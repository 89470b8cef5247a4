package io.mcpmanager.gateway.ratelimit;

import java.time.Duration;

/**
 * The outcome of taking one token.
 *
 * @param allowed whether the request may go on
 * @param limit the bucket capacity
 * @param remaining tokens left after this request
 * @param retryAfter when rejected, how long until a token is available
 * @param resetAfter how long until the bucket is full again
 */
public record RateLimitDecision(
    boolean allowed, long limit, long remaining, Duration retryAfter, Duration resetAfter) {}
