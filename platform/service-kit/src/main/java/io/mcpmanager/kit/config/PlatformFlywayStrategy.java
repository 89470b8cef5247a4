package io.mcpmanager.kit.config;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the service's own schema, then the platform tables (outbox, inbox) from
 * {@code db/platform} with a history of their own, so neither side's versions collide.
 */
public class PlatformFlywayStrategy implements FlywayMigrationStrategy {

  static final String PLATFORM_HISTORY = "platform_schema_history";

  @Override
  public void migrate(Flyway flyway) {
    flyway.migrate();
    Flyway.configure()
        .configuration(flyway.getConfiguration())
        .locations("classpath:db/platform")
        .table(PLATFORM_HISTORY)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
