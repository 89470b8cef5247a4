package io.mcpmanager.integration.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.testdata.Tokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.TestPropertySource;

/**
 * As in production: Flyway migrates as the owner role, the service runs as a runtime role with row
 * privileges on every table (the service's own and the shared modules') and no say over the schema.
 */
@TestPropertySource(properties = "mcpm.test.database-roles=separate")
class RuntimeRoleTests extends IntegrationServiceTestBase {

  @Value("${spring.datasource.username}")
  String runtimeRole;

  @Value("${DB_OWNER_USERNAME}")
  String ownerRole;

  @Test
  void shouldReadAndWriteRowsOfEveryTableAsTheRuntimeRole() {
    assertThat(runtimeRole).isNotEqualTo(ownerRole);
    assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(runtimeRole);
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO integration_account (id, owner_id, type, auth_method, credential_ciphertext,
              credential_version, credential_created_at, status, created_at, updated_at, version)
            VALUES (:id, :owner, 'notion', 'API_TOKEN', 'vault:v1:abc', 1, now(), 'ACTIVE', now(),
              now(), 0)""")
        .param("id", id)
        .param("owner", Tokens.user())
        .update();
    assertThat(
            jdbc.sql("UPDATE integration_account SET status = 'INACTIVE' WHERE id = :id")
                .param("id", id)
                .update())
        .isEqualTo(1);
    assertThat(jdbc.sql("DELETE FROM integration_account WHERE id = :id").param("id", id).update())
        .isEqualTo(1);
    // The shared modules' tables, migrated after the service's own, are granted too.
    for (String table :
        new String[] {"outbox_event", "shedlock", "disabled_owner", "oauth_state"}) {
      assertThat(jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single())
          .isNotNegative();
    }
  }

  @Test
  void shouldRefuseTheRuntimeRoleAnyChangeToTheSchema() {
    assertThat(
            jdbc.sql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
                .query(String.class)
                .list())
        .containsExactly(ownerRole);
    assertRefused("DROP TABLE integration_account", "must be owner of table integration_account");
    assertRefused(
        "ALTER TABLE integration_account ADD COLUMN note text",
        "must be owner of table integration_account");
    assertRefused(
        "ALTER TABLE integration_account DISABLE TRIGGER ALL",
        "must be owner of table integration_account");
    assertRefused("TRUNCATE outbox_event", "permission denied for table outbox_event");
    assertRefused("CREATE TABLE intruder (id int)", "permission denied for schema public");
  }

  private void assertRefused(String sql, String reason) {
    assertThatThrownBy(() -> jdbc.sql(sql).update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining(reason);
  }
}
