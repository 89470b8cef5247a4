package io.mcpmanager.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.audit.testdata.AuditEventMother;
import io.mcpmanager.testsupport.ServiceTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Java's canonical form is byte-identical to the one the append trigger hashes ({@code
 * audit_canonical}), so chains stored before the verifier moved to Java still verify.
 */
@ServiceTest
class CanonicalFormTests {

  @Autowired AuditTrail trail;
  @Autowired AuditEntries entries;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldProduceTheTriggersCanonicalTextAndHashForAllKindsOfValues() {
    String owner = AuditEventMother.newUser("zoë");
    List<NewEntry> appended =
        List.of(
            entry(owner, Instant.parse("2026-03-01T10:15:30.123456Z"), "{}", "trace-1"),
            new NewEntry(
                UUID.randomUUID(),
                "io.mcpmanager.integration.created",
                "integration-service",
                Instant.parse("1999-12-31T23:59:59Z"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "{}",
                null),
            entry(
                owner,
                Instant.parse("2026-03-01T10:15:30.000001Z"),
                """
            {"b": 1, "aa": {"before": null, "after": [1, 2.50, -0.0, 1e2, 12345678901234567890, true, false]},
             "a": "x", "ä": "umlaut key", "ab": {"zz": {}, "z": [], "yyy": [{"k": "v", "kk": "w"}]},
             "€uro": "3 bytes", "aaa": "\\u0001 control \\n newline \\t tab \\" quote \\\\ backslash / slash",
             "b": 2}""",
                null),
            entry(
                owner + " 日本語 😀 \"quoted\" \\ back",
                Instant.parse("2026-03-01T10:15:30.999999Z"),
                "{\"emoji\": \"😀\", \"cjk\": \"漢字\", \"nul-ish\": \"\\u001f\"}",
                "αβγ"));
    trail.append(appended);

    for (NewEntry e : appended) {
      AuditEntry stored = entries.find(e.eventId()).orElseThrow();
      String sqlCanonical =
          jdbc.sql("SELECT audit_canonical(e) FROM audit_entry e WHERE seq = :seq")
              .param("seq", stored.seq())
              .query(String.class)
              .single();
      assertThat(CanonicalForm.text(stored)).isEqualTo(sqlCanonical);
      assertThat(CanonicalForm.hash(stored)).isEqualTo(stored.hash());
    }
  }

  @Test
  void shouldChangeTheHashWhenAnyValueChanges() {
    NewEntry e = AuditEventMother.entry(AuditEventMother.newUser("yann"));
    trail.append(List.of(e));
    AuditEntry stored = entries.find(e.eventId()).orElseThrow();
    AuditEntry otherOutcome =
        new AuditEntry(
            stored.seq(),
            stored.eventId(),
            stored.type(),
            stored.source(),
            stored.occurredAt(),
            stored.receivedAt(),
            stored.actorKind(),
            stored.actorId(),
            stored.actorIp(),
            stored.actorUserAgent(),
            stored.ownerId(),
            stored.entityType(),
            stored.entityId(),
            stored.action(),
            "failure",
            stored.changesJson(),
            stored.traceId(),
            stored.prevHash(),
            stored.hash());

    assertThat(CanonicalForm.hash(otherOutcome)).isNotEqualTo(stored.hash());
  }

  private static NewEntry entry(String owner, Instant occurredAt, String changes, String traceId) {
    return new NewEntry(
        UUID.randomUUID(),
        "io.mcpmanager.integration.updated",
        "integration-service",
        occurredAt,
        "USER",
        owner,
        "2001:db8::1",
        "Mozilla/5.0 (X11; Linux) \t tab",
        owner,
        "integration",
        "integration-" + UUID.randomUUID(),
        "update",
        "success",
        changes,
        traceId);
  }
}
