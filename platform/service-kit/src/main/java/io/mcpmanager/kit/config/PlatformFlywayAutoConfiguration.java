package io.mcpmanager.kit.config;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * Migrates the shared platform tables after the service's own schema (see {@link
 * PlatformFlywayStrategy}).
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
}
