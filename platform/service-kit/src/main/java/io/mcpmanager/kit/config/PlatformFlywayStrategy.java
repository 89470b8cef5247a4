package io.mcpmanager.kit.config;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.ClassPathResource;

/**
 * Migrates the service's own schema, then the tables of each shared platform module on the class
 * path (the outbox from {@code db/platform}; OAuth states from {@code db/oauth-client}), each with
 * a history of its own, so no module's versions collide with a service's or with another module's.
 */
public class PlatformFlywayStrategy implements FlywayMigrationStrategy {

  static final String PLATFORM_HISTORY = "platform_schema_history";

  /** Where a shared module keeps its migrations, and its history table. */
  record SharedSchema(String location, String history) {}

  static final List<SharedSchema> SHARED_SCHEMAS =
      List.of(
          new SharedSchema("db/platform", PLATFORM_HISTORY),
          new SharedSchema("db/oauth-client", "oauth_client_schema_history"));

  @Override
  public void migrate(Flyway flyway) {
    flyway.migrate();
    for (SharedSchema schema : SHARED_SCHEMAS) {
      if (new ClassPathResource(schema.location()).exists()) {
        Flyway.configure()
            .configuration(flyway.getConfiguration())
            .locations("classpath:" + schema.location())
            .table(schema.history())
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
      }
    }
  }
}
