package io.mcpmanager.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.web.client.RestClient;

/** The service boots on real infrastructure, migrates its database and reports health and metrics. */
class McpServerServiceApplicationTests extends McpServiceTestBase {

  @LocalManagementPort int managementPort;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    RestClient management = RestClient.create("http://127.0.0.1:" + managementPort);
    assertThat(management.get().uri("/actuator/health/readiness").retrieve().body(String.class))
        .contains("\"UP\"");
    assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class))
        .contains("application=\"mcp-server-service\"");
  }

  @Test
  void shouldHaveMigratedThePlatformTables() {
    assertThat(jdbc.sql("""
            SELECT count(*) FROM information_schema.tables
            WHERE table_schema = 'public' AND table_name IN ('outbox_event', 'inbox_event', 'mcp_server')""")
        .query(Long.class).single()).isEqualTo(3);
  }
}
