package io.mcpmanager.integration.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Operational metrics. Labels are types, operations and outcomes only, never anything secret.
 * The validation latency timer lives with the provider calls ({@code integration.validation.latency}).
 */
@Component
public class IntegrationMetrics {

  private final MeterRegistry registry;
  private final AtomicLong stale = new AtomicLong();
  private final AtomicLong expiring = new AtomicLong();

  public IntegrationMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("integration.credentials.stale", stale, AtomicLong::get)
        .description("Credentials unused for longer than the stale threshold").register(registry);
    Gauge.builder("integration.credentials.expiring", expiring, AtomicLong::get)
        .description("Credentials within the expiry warning period of their maximum age").register(registry);
  }

  /** An operation (create, update, delete, validate, rollback, broker, ...) and how it ended. */
  public void operation(String type, String operation, String outcome) {
    Counter.builder("integration.operations").description("Integration operations by type and outcome")
        .tag("type", type).tag("operation", operation).tag("outcome", outcome)
        .register(registry).increment();
  }

  public void refresh(String type, String outcome) {
    Counter.builder("integration.refresh").description("OAuth token refreshes by outcome")
        .tag("type", type).tag("outcome", outcome).register(registry).increment();
  }

  public void counts(long staleCount, long expiringCount) {
    stale.set(staleCount);
    expiring.set(expiringCount);
  }
}
