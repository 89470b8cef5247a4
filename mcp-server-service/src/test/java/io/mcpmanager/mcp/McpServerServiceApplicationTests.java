package io.mcpmanager.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import io.mcpmanager.testsupport.ManagementPort;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** The service boots on real infrastructure, migrates its database and reports health and metrics. */
class McpServerServiceApplicationTests extends McpServiceTestBase {

  @LocalManagementPort int managementPort;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    ManagementPort.assertReadyWithMetrics(managementPort, "mcp-server-service");
  }

  @Test
  void shouldHaveMigratedThePlatformTables() {
    assertThat(jdbc.sql("""
            SELECT count(*) FROM information_schema.tables
            WHERE table_schema = 'public' AND table_name IN ('outbox_event', 'inbox_event', 'mcp_server')""")
        .query(Long.class).single()).isEqualTo(3);
  }
}
