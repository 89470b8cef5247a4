package io.mcpmanager.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.outbox.OutboxRelayRunner;
import io.mcpmanager.testsupport.ManagementPort;
import io.mcpmanager.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service boots on real infrastructure, migrates its database and reports health and metrics.
 */
@ServiceTest
class AuditServiceApplicationTests {

  @LocalManagementPort int managementPort;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    ManagementPort.assertReadyWithMetrics(managementPort, "audit-service");
  }

  /**
   * observability/README.md: the counters the audit dashboard and alert read exist from the start.
   */
  @Test
  void shouldExposeTheAuditPipelineCountersFromTheStart() {
    assertThat(ManagementPort.assertReadyWithMetrics(managementPort, "audit-service"))
        .contains("mcpm_audit_events_duplicate_total{application=\"audit-service\"}")
        .contains("mcpm_audit_dead_lettered_total{application=\"audit-service\"}")
        .contains(
            "mcpm_vault_errors_total{application=\"audit-service\",kind=\"unavailable\",operation=\"sign\"}")
        .doesNotContain(
            "mcpm_audit_events_consumed",
            "mcpm_audit_events_duplicates",
            "mcpm_audit_events_dead_lettered");
  }

  /**
   * It consumes events and records none, so the kit's outbox is off here: no writer, no relay
   * polling.
   */
  @Test
  void shouldRunNoOutboxRelay() {
    assertThat(context.getBeanNamesForType(OutboxRelayRunner.class)).isEmpty();
    assertThat(context.getBeanNamesForType(CredentialEvents.class)).isEmpty();
  }

  @Test
  void shouldHaveMigratedThePlatformTables() {
    assertThat(jdbc.sql("SELECT count(*) FROM outbox_event").query(Long.class).single()).isZero();
  }
}
