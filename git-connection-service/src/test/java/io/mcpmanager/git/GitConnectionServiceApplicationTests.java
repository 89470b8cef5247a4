package io.mcpmanager.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.ManagementPort;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

/** The service boots on real infrastructure, migrates its database and reports health and metrics. */
@ServiceTest
class GitConnectionServiceApplicationTests {

  @LocalManagementPort int managementPort;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    ManagementPort.assertReadyWithMetrics(managementPort, "git-connection-service");
  }

  @Test
  void shouldHaveMigratedThePlatformAndOAuthStateTables() {
    assertThat(jdbc.sql("SELECT to_regclass('outbox_event') IS NOT NULL AND to_regclass('oauth_state') IS NOT NULL")
        .query(Boolean.class).single()).isTrue();
  }
}
