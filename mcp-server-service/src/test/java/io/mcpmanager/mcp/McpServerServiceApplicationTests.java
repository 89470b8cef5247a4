package io.mcpmanager.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import io.mcpmanager.testsupport.ManagementPort;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The service boots on real infrastructure, migrates its database and reports health and metrics.
 */
class McpServerServiceApplicationTests extends McpServiceTestBase {

  @LocalManagementPort int managementPort;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    ManagementPort.assertReadyWithMetrics(managementPort, "mcp-server-service");
  }

  /** observability/README.md: the series the dashboards and alerts read exist from the start. */
  @Test
  void shouldExposeTheSuitesCredentialMetricsFromTheStart() {
    String app = "application=\"mcp-server-service\"";
    assertThat(ManagementPort.assertReadyWithMetrics(managementPort, "mcp-server-service"))
        .contains(
            "mcpm_credential_operations_total{"
                + app
                + ",operation=\"create\",outcome=\"failure\"}")
        .contains(
            "mcpm_credential_operations_total{" + app + ",operation=\"broker\",outcome=\"denied\"}")
        .contains("mcpm_credentials_expiring_soon{" + app + ",kind=\"manager-key\"}")
        .contains("mcpm_vault_errors_total{" + app + ",kind=\"unavailable\",operation=\"sign\"}")
        .doesNotContain("mcpm_mcp_broker_requests");
  }

  @Test
  void shouldHaveMigratedThePlatformTablesWithoutTheRetiredInbox() {
    assertThat(
            jdbc.sql(
                    """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_name IN ('outbox_event', 'inbox_event', 'mcp_server')""")
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder("outbox_event", "mcp_server");
  }
}
