package io.mcpmanager.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at real servers: a fresh database on the shared PostgreSQL, the
 * shared OpenBao (logged in with the service's AppRole and shipped policy), and the test JWT
 * issuer. Kafka comes from {@code @EmbeddedKafka} (see {@link ServiceTest}).
 */
public class RealInfrastructure
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String app = context.getEnvironment().getProperty("spring.application.name", "service");
    TestJwtIssuer issuer = TestJwtIssuer.shared();
    Map<String, Object> properties =
        new HashMap<>(
            Map.of("mcpm.security.issuer-uri", issuer.issuer(), "eureka.client.enabled", "false"));
    // A test that checks the database privileges sets mcpm.test.database-roles=separate: Flyway
    // migrates as an owner role, the service runs as a runtime role that owns nothing.
    String db = app.replace('-', '_');
    if ("separate".equals(context.getEnvironment().getProperty("mcpm.test.database-roles"))) {
      PostgresServer.RoleDatabase roles = PostgresServer.newDatabaseWithRoles(db);
      properties.put("spring.datasource.url", roles.jdbcUrl());
      properties.put("spring.datasource.username", roles.runtime());
      properties.put("spring.datasource.password", roles.password());
      properties.put("DB_OWNER_USERNAME", roles.owner());
      properties.put("DB_OWNER_PASSWORD", roles.password());
    } else {
      properties.put("spring.datasource.url", PostgresServer.newDatabase(db));
      properties.put("spring.datasource.username", "postgres");
      properties.put("spring.datasource.password", "");
    }
    // A test that manages its own Vault (to stop it) sets mcpm.test.own-vault=true.
    if (!context.getEnvironment().getProperty("mcpm.test.own-vault", Boolean.class, false)) {
      OpenBaoServer vault = OpenBaoServer.shared();
      properties.put("mcpm.vault.uri", vault.address());
      // The service logs in as it does in production: its own AppRole, carrying only its shipped
      // policy, so a test that does what the policy denies fails. Test contexts of modules with
      // no policy file (the kit's own) keep the root token.
      if (OpenBaoServer.shippedPolicy(app).isPresent()) {
        OpenBaoServer.AppRoleLogin login = vault.appRoleLogin(app);
        properties.put("mcpm.vault.token", "");
        properties.put("mcpm.vault.app-role.role-id", login.roleId());
        properties.put("mcpm.vault.app-role.secret-id", login.secretId());
      } else {
        properties.put("mcpm.vault.token", vault.rootToken());
      }
    }
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("realInfrastructure", properties));
  }
}
