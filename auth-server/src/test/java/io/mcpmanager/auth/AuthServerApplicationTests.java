package io.mcpmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.ManagementPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service boots on real infrastructure, migrates its database and reports health and metrics.
 */
class AuthServerApplicationTests extends AuthServerTest {

  @LocalManagementPort int managementPort;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    ManagementPort.assertReadyWithMetrics(managementPort, "auth-server");
  }

  @Test
  void shouldHaveMigratedThePlatformAndOwnTables() {
    assertThat(
            jdbc.sql(
                    "SELECT to_regclass('outbox_event') IS NOT NULL AND to_regclass('app_user') IS NOT NULL")
                .query(Boolean.class)
                .single())
        .isTrue();
  }
}
