package io.mcpmanager.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.audit.testdata.AuditEventMother;
import io.mcpmanager.testsupport.PostgresServer;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The trail is append-only in the database itself, and its hash chain shows any change made by
 * someone who got around that (a superuser).
 */
@ServiceTest
class AuditTrailIntegrityTests {

  private static final String REFUSED =
      "ERROR: audit trail is append-only: %s on audit_entry refused\n"
          + "  Where: PL/pgSQL function audit_refuse_change() line 6 at RAISE";
  private static final String ADMIN = TestJwtIssuer.shared().adminToken("auditor-1");

  @Autowired AuditTrail trail;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;

  @Value("${spring.datasource.url}")
  String jdbcUrl;

  @Test
  void shouldRefuseUpdateAndDeleteThroughTheServicesOwnConnection() {
    String owner = AuditEventMother.newUser("alice");
    NewEntry entry = AuditEventMother.entry(owner);
    trail.append(List.of(entry));

    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE audit_entry SET outcome = 'failure' WHERE event_id = :id")
                    .param("id", entry.eventId())
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasRootCauseMessage(REFUSED.formatted("UPDATE"));
    assertThatThrownBy(
            () ->
                jdbc.sql("DELETE FROM audit_entry WHERE event_id = :id")
                    .param("id", entry.eventId())
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasRootCauseMessage(REFUSED.formatted("DELETE"));
    assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_entry").update())
        .isInstanceOf(DataAccessException.class)
        .hasRootCauseMessage(REFUSED.formatted("TRUNCATE"));
    assertThat(
            jdbc.sql("SELECT outcome FROM audit_entry WHERE event_id = :id")
                .param("id", entry.eventId())
                .query(String.class)
                .single())
        .isEqualTo("success");
  }

  @Test
  void shouldChainEachEntryToThePreviousOneInAppendOrder() {
    String owner = AuditEventMother.newUser("bob");
    List<NewEntry> entries =
        IntStream.range(0, 5).mapToObj(i -> AuditEventMother.entry(owner)).toList();
    trail.append(entries);

    List<Link> links =
        jdbc.sql(
                "SELECT seq, event_id, prev_hash, hash FROM audit_entry"
                    + " WHERE owner_id = :o ORDER BY seq")
            .param("o", owner)
            .query(
                (rs, n) ->
                    new Link(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4)))
            .list();
    assertThat(links)
        .extracting(Link::eventId)
        .containsExactlyElementsOf(entries.stream().map(NewEntry::eventId).toList());
    for (int i = 1; i < links.size(); i++) {
      assertThat(links.get(i).seq()).isEqualTo(links.get(i - 1).seq() + 1);
      assertThat(links.get(i).prevHash()).isEqualTo(links.get(i - 1).hash());
    }
  }

  @Test
  void shouldSkipAnEventIdAlreadyInTheTrailWithoutMovingTheChain() {
    NewEntry entry = AuditEventMother.entry(AuditEventMother.newUser("carol"));
    AppendResult first = trail.append(List.of(entry, entry));
    AppendResult again = trail.append(List.of(entry));

    assertThat(first.stored()).containsExactly(entry);
    assertThat(first.duplicates()).isEqualTo(1);
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM audit_entry WHERE event_id = :id")
                .param("id", entry.eventId())
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT h.seq = (SELECT max(seq) FROM audit_entry) FROM audit_chain_head h")
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void shouldReportExactlyTheEntryASuperuserChanged() throws Exception {
    String owner = AuditEventMother.newUser("dave");
    trail.append(IntStream.range(0, 5).mapToObj(i -> AuditEventMother.entry(owner)).toList());
    List<Long> seqs =
        jdbc.sql("SELECT seq FROM audit_entry WHERE owner_id = :o ORDER BY seq")
            .param("o", owner)
            .query(Long.class)
            .list();
    long tampered = seqs.get(2);
    String storedHash =
        jdbc.sql("SELECT hash FROM audit_entry WHERE seq = :s")
            .param("s", tampered)
            .query(String.class)
            .single();
    verify(seqs.getFirst(), seqs.getLast())
        .andExpect(jsonPath("$.intact").value(true))
        .andExpect(jsonPath("$.checked").value(5));

    PostgresServer.executeAsSuperuser(
        jdbcUrl,
        """
        ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_immutable;
        UPDATE audit_entry SET outcome = 'failure' WHERE seq = %d;
        ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_immutable"""
            .formatted(tampered));

    verify(seqs.getFirst(), seqs.getLast())
        .andExpect(jsonPath("$.intact").value(false))
        .andExpect(jsonPath("$.checked").value(2))
        .andExpect(jsonPath("$.broken_link.seq").value(tampered))
        .andExpect(jsonPath("$.broken_link.event_id").exists())
        .andExpect(jsonPath("$.broken_link.actual_hash").value(storedHash))
        .andExpect(jsonPath("$.broken_link.expected_hash").value(not(storedHash)));
    // The entries after it still link to the hash it was stored with: only that entry is reported.
    verify(tampered + 1, seqs.getLast()).andExpect(jsonPath("$.intact").value(true));
  }

  @Test
  void shouldNotBeFooledByADatabaseOwnerWhoRewritesTheCanonicalFunction() throws Exception {
    String owner = AuditEventMother.newUser("dora");
    trail.append(IntStream.range(0, 3).mapToObj(i -> AuditEventMother.entry(owner)).toList());
    List<Long> seqs =
        jdbc.sql("SELECT seq FROM audit_entry WHERE owner_id = :o ORDER BY seq")
            .param("o", owner)
            .query(Long.class)
            .list();
    long tampered = seqs.get(1);
    String originalCanonical =
        jdbc.sql("SELECT audit_canonical(e) FROM audit_entry e WHERE seq = :s")
            .param("s", tampered)
            .query(String.class)
            .single();
    String originalFunction =
        jdbc.sql("SELECT pg_get_functiondef('audit_canonical(audit_entry)'::regprocedure)")
            .query(String.class)
            .single();

    // The owner changes a row and makes audit_canonical() answer the old text for it, so a verifier
    // that asked the database for the canonical form would recompute the stored hash.
    PostgresServer.executeAsSuperuser(
        jdbcUrl,
        """
        ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_immutable;
        UPDATE audit_entry SET outcome = 'failure' WHERE seq = %d;
        ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_immutable;
        CREATE OR REPLACE FUNCTION audit_canonical(e audit_entry) RETURNS text LANGUAGE sql STABLE AS $f$
          SELECT CASE WHEN e.seq = %d THEN $orig$%s$orig$ ELSE jsonb_build_array(
              1, e.seq, e.event_id::text, e.event_type, e.source,
              to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
              to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
              e.actor_kind, e.actor_id, e.actor_ip, e.actor_user_agent, e.owner_id,
              e.entity_type, e.entity_id, e.action, e.outcome, e.changes, e.trace_id, e.prev_hash)::text END
        $f$"""
            .formatted(tampered, tampered, originalCanonical));
    try {
      assertThat(
              jdbc.sql(
                      "SELECT encode(sha256(convert_to(audit_canonical(e), 'UTF8')), 'hex') = e.hash"
                          + " FROM audit_entry e WHERE seq = :s")
                  .param("s", tampered)
                  .query(Boolean.class)
                  .single())
          .as("the rewritten function vouches for the changed row")
          .isTrue();

      verify(seqs.getFirst(), seqs.getLast())
          .andExpect(jsonPath("$.intact").value(false))
          .andExpect(jsonPath("$.broken_link.seq").value(tampered))
          .andExpect(
              jsonPath("$.broken_link.reason")
                  .value("the entry's content does not match its hash"));
    } finally {
      PostgresServer.executeAsSuperuser(jdbcUrl, originalFunction);
    }
  }

  @Test
  void shouldReportEntriesDeletedBySuperuserAsAMissingLink() throws Exception {
    String owner = AuditEventMother.newUser("erin");
    trail.append(IntStream.range(0, 3).mapToObj(i -> AuditEventMother.entry(owner)).toList());
    List<Long> seqs =
        jdbc.sql("SELECT seq FROM audit_entry WHERE owner_id = :o ORDER BY seq")
            .param("o", owner)
            .query(Long.class)
            .list();

    PostgresServer.executeAsSuperuser(
        jdbcUrl,
        """
        ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_immutable;
        DELETE FROM audit_entry WHERE seq = %d;
        ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_immutable"""
            .formatted(seqs.get(1)));

    verify(seqs.getFirst(), seqs.getLast())
        .andExpect(jsonPath("$.intact").value(false))
        .andExpect(jsonPath("$.broken_link.seq").value(seqs.get(2)))
        .andExpect(jsonPath("$.broken_link.reason").value("the preceding entry is missing"));
  }

  @Test
  void shouldGiveAProductionServiceRoleInsertAndReadButNoUpdateOrDelete() throws SQLException {
    String role = "audit_svc_" + UUID.randomUUID().toString().substring(0, 8);
    PostgresServer.executeAsSuperuser(
        jdbcUrl,
        "CREATE ROLE "
            + role
            + " LOGIN PASSWORD 'pw';"
            + " SELECT audit_grant_service_role('"
            + role
            + "')");
    NewEntry entry = AuditEventMother.entry(AuditEventMother.newUser("grace"));

    try (Connection c =
            DriverManager.getConnection(jdbcUrl.replaceFirst("\\?.*$", ""), role, "pw");
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO audit_entry (event_id, event_type, source, occurred_at) VALUES ('"
              + entry.eventId()
              + "', 'io.mcpmanager.integration.updated', 'test', now())");
      assertThat(
              s.executeQuery(
                      "SELECT count(*) FROM audit_entry WHERE event_id = '" + entry.eventId() + "'")
                  .next())
          .isTrue();
      assertThatThrownBy(() -> s.execute("UPDATE audit_entry SET outcome = 'x'"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.execute("DELETE FROM audit_entry"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.execute("UPDATE audit_chain_head SET seq = 0"))
          .hasMessageContaining("permission denied");
    }
  }

  private ResultActions verify(long from, long to) throws Exception {
    return mvc.perform(
            get("/api/audit/verify")
                .param("from_seq", "" + from)
                .param("to_seq", "" + to)
                .header("Authorization", "Bearer " + ADMIN))
        .andExpect(status().isOk());
  }

  private record Link(long seq, UUID eventId, String prevHash, String hash) {}
}
