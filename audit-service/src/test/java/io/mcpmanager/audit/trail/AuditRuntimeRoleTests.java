package io.mcpmanager.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.audit.testdata.AuditEventMother;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * As in production: Flyway migrates as the owner role, the service runs as a runtime role that got
 * only what {@code audit_grant_service_role} grants, so its own connection can append and read but
 * neither change the trail nor switch off the triggers that guard it.
 */
@ServiceTest
@TestPropertySource(properties = "mcpm.test.database-roles=separate")
class AuditRuntimeRoleTests {

  private static final String ADMIN = TestJwtIssuer.shared().adminToken("auditor-roles");

  @Autowired AuditTrail trail;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;

  @Value("${spring.datasource.username}")
  String runtimeRole;

  @Value("${DB_OWNER_USERNAME}")
  String ownerRole;

  @Test
  void shouldRunAsARuntimeRoleThatOwnsNoneOfTheSchema() {
    assertThat(runtimeRole).isNotEqualTo(ownerRole);
    assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(runtimeRole);
    assertThat(
            jdbc.sql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
                .query(String.class)
                .list())
        .containsExactly(ownerRole);
  }

  @Test
  void shouldAppendAndReadAsTheRuntimeRole() throws Exception {
    String owner = AuditEventMother.newUser("ivan");
    NewEntry entry = AuditEventMother.entry(owner);
    trail.append(List.of(entry));

    mvc.perform(
            get("/api/audit/events")
                .param("owner", owner)
                .header("Authorization", "Bearer " + ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].event_id").value(entry.eventId().toString()));
  }

  @Test
  void shouldRefuseTheRuntimeRoleToDisableTheTriggersOrChangeEntries() {
    trail.append(List.of(AuditEventMother.entry(AuditEventMother.newUser("judy"))));

    assertRefused(
        "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_immutable",
        "must be owner of table audit_entry");
    assertRefused("ALTER TABLE audit_entry DISABLE TRIGGER ALL", "must be owner of table");
    assertRefused(
        "UPDATE audit_entry SET outcome = 'failure'", "permission denied for table audit_entry");
    assertRefused("DELETE FROM audit_entry", "permission denied for table audit_entry");
    assertRefused(
        "UPDATE audit_chain_head SET seq = 0", "permission denied for table audit_chain_head");
    // Nor can it make the canonical form lie: it may not even create in the schema.
    assertRefused(
        "CREATE OR REPLACE FUNCTION audit_canonical(e audit_entry) RETURNS text"
            + " LANGUAGE sql AS $$ SELECT 'x' $$",
        "permission denied for schema public");
    assertRefused("DROP TABLE audit_checkpoint", "must be owner of table audit_checkpoint");
  }

  private void assertRefused(String sql, String reason) {
    assertThatThrownBy(() -> jdbc.sql(sql).update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining(reason);
  }
}
