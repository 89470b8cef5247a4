package io.mcpmanager.mcp.broker;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.mcpmanager.mcp.config.McpProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * How many credentials one MCP server may have brokered a minute: its own bucket, so one busy or
 * compromised server cannot drain the broker for everyone, nor read a user's secrets in a tight
 * loop. Buckets live in this replica's memory (the budget is per replica) and are dropped once idle
 * long enough to be full again.
 */
@Component
class BrokerBudget {

  private static final Duration REFILL = Duration.ofMinutes(1);
  private static final long MAX_SERVERS = 100_000;

  private final int perMinute;
  private final Cache<UUID, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(REFILL).maximumSize(MAX_SERVERS).build();

  BrokerBudget(McpProperties properties) {
    this.perMinute = properties.broker().perServerPerMinute();
  }

  /** Takes one brokered read from the server's budget; empty if allowed, else how long to wait. */
  Optional<Duration> take(UUID serverId) {
    Bucket bucket = buckets.get(serverId, id -> newBucket());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(bandwidth -> bandwidth.capacity(perMinute).refillGreedy(perMinute, REFILL))
        .build();
  }
}
