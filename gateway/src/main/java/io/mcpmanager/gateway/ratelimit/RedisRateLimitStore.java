package io.mcpmanager.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every gateway replica. One Lua script reads, refills and takes a
 * token atomically, using the Redis server clock so replicas with skewed clocks still agree.
 */
class RedisRateLimitStore implements RateLimitStore {

  static final String KEY_PREFIX = "mcpm:rate-limit:";

  /**
   * Read once, as text: a script made from a resource checks on every use whether the resource
   * changed (a class-path lookup in the application jar per request).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final RedisScript<List<Long>> TOKEN_BUCKET =
      (RedisScript)
          RedisScript.of(script("io/mcpmanager/gateway/ratelimit/token-bucket.lua"), List.class);

  private final ReactiveStringRedisTemplate redis;

  RedisRateLimitStore(ReactiveStringRedisTemplate redis) {
    this.redis = redis;
  }

  private static String script(String path) {
    try {
      return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  @Override
  public Mono<RateLimitDecision> tryConsume(String callerKey, RateLimitPolicy policy) {
    List<String> keys = List.of(KEY_PREFIX + policy.name() + ":" + callerKey);
    List<String> args =
        List.of(
            Long.toString(policy.capacity()),
            Long.toString(policy.refillTokens()),
            Long.toString(policy.refillPeriod().toMillis()),
            "1");
    return redis
        .execute(TOKEN_BUCKET, keys, args)
        .next()
        .map(
            result ->
                new RateLimitDecision(
                    result.get(0) == 1L,
                    policy.capacity(),
                    result.get(1),
                    Duration.ofMillis(result.get(2)),
                    Duration.ofMillis(result.get(3))));
  }
}
