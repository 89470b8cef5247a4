package io.mcpmanager.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The retention floor cannot be configured below 30 days: the service does not start. */
class AuditPropertiesTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Properties.class)
          .withPropertyValues(
              "mcpm.audit.ingest.max-retries=1",
              "mcpm.audit.ingest.initial-interval=1s",
              "mcpm.audit.ingest.max-interval=1s",
              "mcpm.audit.retention.enabled=true",
              "mcpm.audit.retention.keep=400d",
              "mcpm.audit.retention.cron=0 30 3 * * *",
              "mcpm.audit.checkpoint.enabled=true",
              "mcpm.audit.checkpoint.interval=10m",
              "mcpm.audit.checkpoint.initial-delay=30s",
              "mcpm.audit.checkpoint.key-name=audit-checkpoint",
              "mcpm.audit.checkpoint.topic=mcpm.audit.checkpoints");

  @Test
  void shouldDefaultTheMinimumAgeToAYear() {
    runner.run(
        context ->
            assertThat(context.getBean(AuditProperties.class).retention().minimumAge())
                .isEqualTo(Duration.ofDays(365)));
  }

  @Test
  void shouldAcceptThirtyDays() {
    runner
        .withPropertyValues("mcpm.audit.retention.minimum-age=30d")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void shouldFailStartupBelowThirtyDays() {
    runner
        .withPropertyValues("mcpm.audit.retention.minimum-age=29d")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("retention.minimumAge"));
  }

  @Configuration
  @EnableConfigurationProperties(AuditProperties.class)
  static class Properties {}
}
