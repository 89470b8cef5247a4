package io.mcpmanager.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpmanager.audit.verify.ChainVerifier;
import io.mcpmanager.audit.verify.VerificationReport;
import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.testsupport.ServiceTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * End to end on the (embedded, real KRaft) broker: events recorded through the kit's outbox, as
 * another service records them, published by the kit's outbox relay, consumed into the trail. The
 * service itself records no events, so this context switches the kit's outbox on to play the
 * producer, and reads its topic as a producer's.
 */
@ServiceTest
@TestPropertySource(
    properties = {
      "mcpm.outbox.enabled=true",
      "mcpm.audit.ingest.producers[mcpm.events.audit-service]=audit-service"
    })
class OutboxToTrailEndToEndTests {

  private static final int EVENTS = 10_000;
  private static final int OWNERS = 20;
  private static final int PER_TRANSACTION = 100;

  @Autowired CredentialEvents events;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired ChainVerifier verifier;

  @Test
  void shouldStoreTenThousandEventsOnceEachInPerUserOrderWithAnIntactChain() {
    String run = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    for (int start = 0; start < EVENTS; start += PER_TRANSACTION) {
      int from = start;
      transactions.executeWithoutResult(
          status -> {
            for (int i = from; i < from + PER_TRANSACTION; i++) {
              String owner = run + (i % OWNERS);
              events.record(
                  EventTypes.INTEGRATION_ACCESSED,
                  Actor.service("mcp-server-service"),
                  new CredentialEvents.Subject(owner, "integration", "integration-" + i),
                  "read",
                  CredentialEventData.Outcome.SUCCESS,
                  Map.of("n", new Change(null, i)));
            }
          });
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> stored(run) == EVENTS);

    List<long[]> rows =
        jdbc.sql(
                """
            SELECT seq, (changes -> 'n' ->> 'after')::int AS n FROM audit_entry
            WHERE owner_id LIKE :run ORDER BY seq""")
            .param("run", run + "%")
            .query((rs, n) -> new long[] {rs.getLong("seq"), rs.getInt("n")})
            .list();
    assertThat(rows).hasSize(EVENTS);
    assertThat(rows.stream().mapToLong(r -> r[1]).distinct().count()).isEqualTo(EVENTS);
    Map<Long, Long> lastProducedByOwner = new HashMap<>();
    for (long[] row : rows) {
      long owner = row[1] % OWNERS;
      Long previous = lastProducedByOwner.put(owner, row[1]);
      assertThat(previous == null || previous < row[1])
          .as("owner %d: event %d stored after event %d", owner, row[1], previous)
          .isTrue();
    }
    VerificationReport report = verifier.verifySeqs(rows.getFirst()[0], rows.getLast()[0]);
    assertThat(report.brokenLink()).isNull();
    assertThat(report.intact()).isTrue();
    assertThat(report.checked()).isGreaterThanOrEqualTo(EVENTS);
  }

  private long stored(String run) {
    return jdbc.sql("SELECT count(*) FROM audit_entry WHERE owner_id LIKE :run")
        .param("run", run + "%")
        .query(Long.class)
        .single();
  }
}
