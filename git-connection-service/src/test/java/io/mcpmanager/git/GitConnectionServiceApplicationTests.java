package io.mcpmanager.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

/** The service boots on real infrastructure, migrates its database and reports health and metrics. */
@ServiceTest
class GitConnectionServiceApplicationTests {

  @LocalManagementPort int managementPort;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    RestClient management = RestClient.create("http://127.0.0.1:" + managementPort);
    assertThat(management.get().uri("/actuator/health/readiness").retrieve().body(String.class))
        .contains("\"UP\"");
    assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class))
        .contains("application=\"git-connection-service\"");
  }

  @Test
  void shouldHaveMigratedThePlatformAndOAuthStateTables() {
    assertThat(jdbc.sql("SELECT to_regclass('outbox_event') IS NOT NULL AND to_regclass('oauth_state') IS NOT NULL")
        .query(Boolean.class).single()).isTrue();
  }
}
