package io.mcpmanager.kit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import io.mcpmanager.kit.metrics.CredentialMetrics.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CredentialMetricsTests {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void shouldRegisterTheServicesOperationsAtZeroForBothOutcomes() {
    new CredentialMetrics(registry).operations(Operation.CREATE, Operation.BROKER);

    assertThat(registry.find("mcpm.credential.operations").counters())
        .hasSize(4)
        .allSatisfy(c -> assertThat(c.count()).isZero());
    assertThat(
            registry
                .find("mcpm.credential.operations")
                .tag("operation", "broker")
                .tag("outcome", "failure")
                .counter())
        .isNotNull();
    assertThat(registry.find("mcpm.credential.operations").tag("operation", "revoke").counter())
        .isNull();
  }

  @Test
  void shouldCountAnOperationUnderItsOutcome() {
    CredentialMetrics metrics = new CredentialMetrics(registry).operations(Operation.ROTATE);

    metrics.succeeded(Operation.ROTATE);
    metrics.operation(Operation.BROKER, Outcome.DENIED);

    assertThat(
            registry
                .get("mcpm.credential.operations")
                .tag("operation", "rotate")
                .tag("outcome", "success")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("mcpm.credential.operations")
                .tag("operation", "rotate")
                .tag("outcome", "failure")
                .counter()
                .count())
        .isZero();
    assertThat(
            registry
                .get("mcpm.credential.operations")
                .tag("operation", "broker")
                .tag("outcome", "denied")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldTimeRefreshesPerProviderWithAHistogram() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CredentialMetrics metrics = new CredentialMetrics(prometheus).refreshes("github", "gitlab");
    assertThat(prometheus.find("mcpm.oauth.refresh").timers()).hasSize(4);

    metrics.refreshed(metrics.startRefresh(), "gitlab", false);

    assertThat(
            prometheus
                .get("mcpm.oauth.refresh")
                .tag("provider", "gitlab")
                .tag("outcome", "failure")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            prometheus
                .get("mcpm.oauth.refresh")
                .tag("provider", "github")
                .tag("outcome", "success")
                .timer()
                .count())
        .isZero();
    assertThat(prometheus.scrape())
        .contains("mcpm_oauth_refresh_seconds_count{outcome=\"failure\",provider=\"gitlab\"} 1")
        .containsPattern(
            "mcpm_oauth_refresh_seconds_bucket\\{outcome=\"success\",provider=\"github\",le=\"[0-9.]+\"} 0");
  }

  @Test
  void shouldReadTheExpiringCountAtEachScrape() {
    AtomicLong expiring = new AtomicLong();
    new CredentialMetrics(registry).expiringSoon("manager-key", expiring::get);

    assertThat(
            registry
                .get("mcpm.credentials.expiring.soon")
                .tag("kind", "manager-key")
                .gauge()
                .value())
        .isZero();
    expiring.set(3);
    assertThat(
            registry
                .get("mcpm.credentials.expiring.soon")
                .tag("kind", "manager-key")
                .gauge()
                .value())
        .isEqualTo(3);
  }
}
