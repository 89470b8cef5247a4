package io.mcpmanager.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.ManagementPort;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The service boots on real infrastructure, migrates its database and reports health and metrics.
 */
class IntegrationServiceApplicationTests extends IntegrationServiceTestBase {

  @LocalManagementPort int managementPort;

  @Test
  void shouldBeHealthyAndExposePrometheusMetricsOnTheManagementPort() {
    assertThat(ManagementPort.assertReadyWithMetrics(managementPort, "integration-service"))
        .contains("integration_credentials_stale");
  }

  /** observability/README.md: the series the dashboards and alerts read exist from the start. */
  @Test
  void shouldExposeTheSuitesCredentialMetricsFromTheStart() {
    String app = "application=\"integration-service\"";
    assertThat(ManagementPort.assertReadyWithMetrics(managementPort, "integration-service"))
        .contains(
            "mcpm_credential_operations_total{"
                + app
                + ",operation=\"rotate\",outcome=\"failure\"}")
        .contains(
            "mcpm_credential_operations_total{"
                + app
                + ",operation=\"broker\",outcome=\"success\"}")
        .contains(
            "mcpm_integration_validation_seconds_count{"
                + app
                + ",outcome=\"error\",provider=\"sentry\"}")
        .containsPattern(
            "mcpm_integration_validation_seconds_bucket\\{"
                + app
                + ",outcome=\"invalid\",provider=\"jira\",le=")
        .contains(
            "mcpm_oauth_refresh_seconds_count{"
                + app
                + ",outcome=\"failure\",provider=\"calendar\"}")
        .containsPattern(
            "mcpm_oauth_refresh_seconds_bucket\\{"
                + app
                + ",outcome=\"success\",provider=\"gmail\",le=")
        .contains("mcpm_credentials_expiring_soon{" + app + ",kind=\"integration-token\"}")
        .contains("mcpm_vault_errors_total{" + app + ",kind=\"unavailable\",operation=\"decrypt\"}")
        .doesNotContain(
            "integration_operations",
            "integration_refresh",
            "integration_validation_latency",
            "integration_credentials_expiring");
  }

  @Test
  void shouldHaveMigratedTheServiceAndPlatformTables() {
    assertThat(jdbc.sql("SELECT count(*) FROM platform_schema_history").query(Long.class).single())
        .isPositive();
    assertThat(
            jdbc.sql("SELECT to_regclass('integration_account')::text")
                .query(String.class)
                .single())
        .isEqualTo("integration_account");
    assertThat(jdbc.sql("SELECT to_regclass('oauth_state')::text").query(String.class).single())
        .as("the oauth-client module's table, in its own history")
        .isEqualTo("oauth_state");
    assertThat(
            jdbc.sql("SELECT count(*) FROM oauth_client_schema_history WHERE success")
                .query(Long.class)
                .single())
        .isPositive();
  }
}
