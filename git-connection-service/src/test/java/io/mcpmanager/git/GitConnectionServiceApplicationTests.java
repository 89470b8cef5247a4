package io.mcpmanager.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.ManagementPort;
import io.mcpmanager.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service boots on real infrastructure, migrates its database and reports health and metrics.
 */
@ServiceTest
class GitConnectionServiceApplicationTests {

  @LocalManagementPort int managementPort;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    ManagementPort.assertReadyWithMetrics(managementPort, "git-connection-service");
  }

  /** observability/README.md: the series the dashboards and alerts read exist from the start. */
  @Test
  void shouldExposeTheSuitesCredentialMetricsFromTheStart() {
    String app = "application=\"git-connection-service\"";
    assertThat(ManagementPort.assertReadyWithMetrics(managementPort, "git-connection-service"))
        .contains(
            "mcpm_credential_operations_total{"
                + app
                + ",operation=\"revoke\",outcome=\"failure\"}")
        .contains(
            "mcpm_credential_operations_total{"
                + app
                + ",operation=\"broker\",outcome=\"success\"}")
        .contains(
            "mcpm_oauth_refresh_seconds_count{" + app + ",outcome=\"failure\",provider=\"github\"}")
        .containsPattern(
            "mcpm_oauth_refresh_seconds_bucket\\{"
                + app
                + ",outcome=\"success\",provider=\"gitlab\",le=")
        .contains("mcpm_credentials_expiring_soon{" + app + ",kind=\"git-oauth-token\"}")
        .contains("mcpm_vault_errors_total{" + app + ",kind=\"refused\",operation=\"encrypt\"}")
        .doesNotContain("mcpm_git_events");
  }

  @Test
  void shouldHaveMigratedThePlatformAndOAuthStateTables() {
    assertThat(
            jdbc.sql(
                    "SELECT to_regclass('outbox_event') IS NOT NULL AND to_regclass('oauth_state') IS NOT NULL")
                .query(Boolean.class)
                .single())
        .isTrue();
  }
}
