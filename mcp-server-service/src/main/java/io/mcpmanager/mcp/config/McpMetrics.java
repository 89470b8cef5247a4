package io.mcpmanager.mcp.config;

import io.mcpmanager.kit.metrics.CredentialMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The suite's credential metrics for manager keys and brokering (observability/README.md): key
 * creation, rotation and destruction, brokered credentials (success, failure, denied), and keys
 * that reach their maximum age within 7 days.
 */
@Component
public class McpMetrics extends CredentialMetrics {

  static final String EXPIRING_KIND = "manager-key";

  private final JdbcClient jdbc;
  private final Duration maxKeyAge;
  private final Clock clock;

  McpMetrics(MeterRegistry registry, JdbcClient jdbc, McpProperties properties, Clock clock) {
    super(registry);
    this.jdbc = jdbc;
    this.maxKeyAge = properties.keys().maxAge();
    this.clock = clock;
    operations(Operation.CREATE, Operation.ROTATE, Operation.REVOKE, Operation.BROKER);
    outcome(Operation.BROKER, Outcome.DENIED);
    expiringSoon(EXPIRING_KIND, this::expiringSoon);
  }

  /**
   * Keys the scheduled policy rotates within the horizon (their current version reaches the maximum
   * age).
   */
  private long expiringSoon() {
    return jdbc.sql("SELECT count(*) FROM mcp_server WHERE key_created_at <= :horizon")
        .param("horizon", Timestamp.from(clock.instant().minus(maxKeyAge).plus(EXPIRY_HORIZON)))
        .query(Long.class)
        .single();
  }
}
