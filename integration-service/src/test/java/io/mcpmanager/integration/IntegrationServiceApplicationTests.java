package io.mcpmanager.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.ManagementPort;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** The service boots on real infrastructure, migrates its database and reports health and metrics. */
class IntegrationServiceApplicationTests extends IntegrationServiceTestBase {

  @LocalManagementPort int managementPort;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    assertThat(ManagementPort.assertReadyWithMetrics(managementPort, "integration-service"))
        .contains("integration_credentials_stale");
  }

  @Test
  void shouldHaveMigratedTheServiceAndPlatformTables() {
    assertThat(jdbc.sql("SELECT count(*) FROM platform_schema_history").query(Long.class).single()).isPositive();
    assertThat(jdbc.sql("SELECT to_regclass('integration_account')::text").query(String.class).single())
        .isEqualTo("integration_account");
  }
}
