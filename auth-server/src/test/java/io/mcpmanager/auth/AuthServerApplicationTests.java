package io.mcpmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** The service boots on real infrastructure, migrates its database and reports health and metrics. */
class AuthServerApplicationTests extends AuthServerTest {

  @LocalManagementPort int managementPort;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    RestClient management = RestClient.create("http://127.0.0.1:" + managementPort);
    assertThat(management.get().uri("/actuator/health/readiness").retrieve().body(String.class))
        .contains("\"UP\"");
    assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class))
        .contains("application=\"auth-server\"");
  }

  @Test
  void shouldHaveMigratedThePlatformAndOwnTables() {
    assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE payload->>'type' = 'none'")
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single()).isNotNegative();
  }
}
