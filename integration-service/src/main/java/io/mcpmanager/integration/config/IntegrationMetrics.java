package io.mcpmanager.integration.config;

import io.mcpmanager.integration.catalog.AuthMethod;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.kit.metrics.CredentialMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Operational metrics under the suite's names (observability/README.md): credential operations,
 * OAuth refreshes of the Google types, and the stale gauge of this service. The validation timer
 * lives with the provider calls ({@code mcpm.integration.validation}), the expiring-soon gauge with
 * the expiry policy. Labels are types, operations and outcomes only, never anything secret.
 */
@Component
public class IntegrationMetrics extends CredentialMetrics {

  /** The {@code kind} of {@code mcpm.credentials.expiring.soon} this service reports. */
  public static final String EXPIRING_KIND = "integration-token";

  private final AtomicLong stale = new AtomicLong();

  public IntegrationMetrics(MeterRegistry registry) {
    super(registry);
    operations(
        Operation.CREATE, Operation.UPDATE, Operation.ROTATE, Operation.REVOKE, Operation.BROKER);
    refreshes(
        Arrays.stream(IntegrationType.values())
            .filter(t -> t.supports(AuthMethod.OAUTH))
            .map(IntegrationType::value)
            .toArray(String[]::new));
    Gauge.builder("integration.credentials.stale", stale, AtomicLong::get)
        .description("Credentials unused for longer than the stale threshold")
        .register(registry);
  }

  public void stale(long count) {
    stale.set(count);
  }
}
