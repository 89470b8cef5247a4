package io.mcpmanager.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTests {

  @Test
  void shouldPublishLatencyBucketsForTheDashboardsPercentilePanels() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource("service", Map.of("spring.application.name", "some-service")));

    new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(
            environment.getProperty(
                "management.metrics.distribution.percentiles-histogram.http.server.requests",
                Boolean.class))
        .isTrue();
    assertThat(environment.getProperty("management.metrics.tags.application"))
        .isEqualTo("some-service");
  }

  @Test
  void shouldLetAServiceOverrideEveryDefault() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "service",
                Map.of(
                    "management.metrics.distribution.percentiles-histogram.http.server.requests",
                    "false")));

    new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(
            environment.getProperty(
                "management.metrics.distribution.percentiles-histogram.http.server.requests",
                Boolean.class))
        .isFalse();
  }

  @Test
  void shouldMigrateAsTheOwnerRoleAndFallBackToTheRuntimeRoleWhenNoneIsSet() {
    StandardEnvironment split =
        environmentWith(
            Map.of(
                "DB_USERNAME",
                "audit",
                "DB_PASSWORD",
                "a",
                "DB_OWNER_USERNAME",
                "audit_owner",
                "DB_OWNER_PASSWORD",
                "o"));
    assertThat(split.getProperty("spring.datasource.username")).isEqualTo("audit");
    assertThat(split.getProperty("spring.flyway.user")).isEqualTo("audit_owner");
    assertThat(split.getProperty("spring.flyway.password")).isEqualTo("o");

    StandardEnvironment single =
        environmentWith(
            Map.of("spring.datasource.username", "postgres", "spring.datasource.password", "p"));
    assertThat(single.getProperty("spring.flyway.user")).isEqualTo("postgres");
    assertThat(single.getProperty("spring.flyway.password")).isEqualTo("p");
  }

  private static StandardEnvironment environmentWith(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("service", properties));
    new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }
}
