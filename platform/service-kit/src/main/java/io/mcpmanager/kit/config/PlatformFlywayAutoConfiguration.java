package io.mcpmanager.kit.config;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * Migrates the shared platform tables after the service's own schema (see {@link
 * PlatformFlywayStrategy}), as the owner role ({@code spring.flyway.user}), and then grants the
 * runtime role ({@code spring.datasource.username}) its privileges ({@link RuntimeRoleCallback}).
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass({Flyway.class, FlywayMigrationStrategy.class})
public class PlatformFlywayAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  FlywayMigrationStrategy platformFlywayStrategy() {
    return new PlatformFlywayStrategy();
  }

  @Bean
  @ConditionalOnMissingBean
  RuntimeRoleGrant runtimeRoleGrant() {
    return new TableDataGrant();
  }

  /** Spring Boot adds Callback beans to Flyway; the strategy's shared-schema runs inherit it. */
  @Bean
  RuntimeRoleCallback runtimeRoleCallback(
      @Value("${spring.datasource.username:}") String runtimeRole, RuntimeRoleGrant grant) {
    return new RuntimeRoleCallback(runtimeRole, grant);
  }
}
