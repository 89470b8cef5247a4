package io.mcpmanager.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token-bucket rate limits per caller (the token's {@code sub}, else the client IP).
 *
 * @param enabled whether routed requests are limited at all
 * @param store where buckets live: {@code redis} (shared by all gateway replicas) or {@code memory}
 *     (this gateway only)
 * @param storeTimeout how long to wait for Redis before using this gateway's own buckets instead
 * @param defaultPolicy the limit of every routed request that is not sensitive
 * @param sensitivePolicy the stricter limit of the sensitive routes
 * @param sensitiveRoutes the requests that count against {@code sensitivePolicy}
 */
@Validated
@ConfigurationProperties("mcpm.gateway.rate-limit")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @NotNull @DefaultValue("redis") Store store,
    @NotNull @DefaultValue("500ms") Duration storeTimeout,
    @Valid @NotNull Limit defaultPolicy,
    @Valid @NotNull Limit sensitivePolicy,
    @Valid @DefaultValue List<SensitiveRoute> sensitiveRoutes) {

  public enum Store {
    REDIS,
    MEMORY
  }

  /**
   * A bucket holding up to {@code capacity} tokens, refilled continuously with {@code refillTokens}
   * every {@code refillPeriod}. Each request takes one token.
   */
  public record Limit(
      @Positive long capacity, @Positive long refillTokens, @NotNull Duration refillPeriod) {}

  /**
   * @param method an HTTP method, or empty or absent for any
   * @param path a path pattern ({@code *} one segment, {@code **} any number)
   */
  public record SensitiveRoute(@Nullable String method, @NotBlank String path) {}
}
