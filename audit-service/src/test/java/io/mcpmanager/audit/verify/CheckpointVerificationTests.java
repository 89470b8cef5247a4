package io.mcpmanager.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.audit.checkpoint.Checkpoint;
import io.mcpmanager.audit.checkpoint.CheckpointSigning;
import io.mcpmanager.audit.testdata.AuditEventMother;
import io.mcpmanager.audit.trail.AuditTrail;
import io.mcpmanager.testsupport.PostgresServer;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A database owner can change a row and recompute every hash after it with the database's own
 * function, so the chain links again; the signed checkpoints still name the divergence.
 */
@ServiceTest
class CheckpointVerificationTests {

  private static final String ADMIN = TestJwtIssuer.shared().adminToken("auditor-1");

  @Autowired AuditTrail trail;
  @Autowired CheckpointSigning signing;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;

  @Value("${spring.datasource.url}")
  String jdbcUrl;

  @Test
  void shouldCountTheCheckpointsAnIntactChainMatches() throws Exception {
    long first = appendAndCheckpoint("lena").getFirst();

    verifyFrom(first)
        .andExpect(jsonPath("$.intact").value(true))
        .andExpect(jsonPath("$.checkpoints_checked").value(1));
  }

  @Test
  void shouldNameTheCheckpointWhereARecomputedChainDiverges() throws Exception {
    List<Long> seqs = appendAndCheckpoint("mona");
    Checkpoint checkpoint = signing.checkpoint().orElse(null);
    String signedHash =
        jdbc.sql("SELECT hash FROM audit_checkpoint WHERE seq = :s")
            .param("s", seqs.getLast())
            .query(String.class)
            .single();

    PostgresServer.executeAsSuperuser(
        jdbcUrl,
        """
        ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_immutable;
        UPDATE audit_entry SET outcome = 'failure' WHERE seq = %d;
        %s
        ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_immutable"""
            .formatted(seqs.get(1), recomputeFrom(seqs.get(1))));

    verifyFrom(seqs.getFirst())
        .andExpect(jsonPath("$.intact").value(false))
        .andExpect(jsonPath("$.broken_link.kind").value("checkpoint_mismatch"))
        .andExpect(jsonPath("$.broken_link.seq").value(seqs.getLast()))
        .andExpect(jsonPath("$.broken_link.expected_hash").value(signedHash))
        .andExpect(jsonPath("$.broken_link.actual_hash").value(stored(seqs.getLast())))
        .andExpect(jsonPath("$.checked").value(2));
    assertThat(checkpoint).as("the head had been signed already").isNull();
  }

  @Test
  void shouldReportACheckpointWhoseSignatureNoLongerHolds() throws Exception {
    List<Long> seqs = appendAndCheckpoint("nina");

    PostgresServer.executeAsSuperuser(
        jdbcUrl,
        """
        ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_immutable;
        ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_immutable;
        UPDATE audit_entry SET outcome = 'failure' WHERE seq = %d;
        %s
        UPDATE audit_checkpoint SET hash = (SELECT hash FROM audit_chain_head) WHERE seq = %d;
        ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_immutable;
        ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_immutable"""
            .formatted(seqs.get(1), recomputeFrom(seqs.get(1)), seqs.getLast()));

    verifyFrom(seqs.getFirst())
        .andExpect(jsonPath("$.intact").value(false))
        .andExpect(jsonPath("$.broken_link.kind").value("checkpoint_signature"))
        .andExpect(jsonPath("$.broken_link.seq").value(seqs.getLast()));
  }

  @Test
  void shouldReportEntriesRemovedFromTheEndBehindACheckpoint() throws Exception {
    List<Long> seqs = appendAndCheckpoint("olga");

    PostgresServer.executeAsSuperuser(
        jdbcUrl,
        """
        ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_immutable;
        DELETE FROM audit_entry WHERE seq = %d;
        UPDATE audit_chain_head SET seq = %d, hash = (SELECT hash FROM audit_entry WHERE seq = %d);
        ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_immutable"""
            .formatted(seqs.getLast(), seqs.get(1), seqs.get(1)));

    try {
      verifyFrom(seqs.getFirst())
          .andExpect(jsonPath("$.intact").value(false))
          .andExpect(jsonPath("$.broken_link.kind").value("checkpoint_mismatch"))
          .andExpect(jsonPath("$.broken_link.seq").value(seqs.getLast()))
          .andExpect(
              jsonPath("$.broken_link.reason").value("the chain ends before a signed checkpoint"));
    } finally {
      // The next append reuses the removed seq: drop the checkpoint that names it, for the other
      // tests.
      PostgresServer.executeAsSuperuser(
          jdbcUrl,
          """
          ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_immutable;
          DELETE FROM audit_checkpoint WHERE seq = %d;
          ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_immutable"""
              .formatted(seqs.getLast()));
    }
  }

  /** Three entries appended and the head signed; their seqs. */
  private List<Long> appendAndCheckpoint(String name) {
    String owner = AuditEventMother.newUser(name);
    trail.append(IntStream.range(0, 3).mapToObj(i -> AuditEventMother.entry(owner)).toList());
    signing.checkpoint().orElseThrow();
    return jdbc.sql("SELECT seq FROM audit_entry WHERE owner_id = :o ORDER BY seq")
        .param("o", owner)
        .query(Long.class)
        .list();
  }

  /**
   * What an attacker with the owner role does: re-link and re-hash every entry from seq on, move
   * the head.
   */
  private static String recomputeFrom(long seq) {
    return """
        DO $$
        DECLARE s bigint; prev char(64);
        BEGIN
          SELECT prev_hash INTO prev FROM audit_entry WHERE seq = %d;
          FOR s IN SELECT seq FROM audit_entry WHERE seq >= %d ORDER BY seq LOOP
            UPDATE audit_entry SET prev_hash = prev WHERE seq = s;
            UPDATE audit_entry e SET hash = encode(sha256(convert_to(audit_canonical(e), 'UTF8')), 'hex')
              WHERE seq = s RETURNING hash INTO prev;
          END LOOP;
          UPDATE audit_chain_head SET hash = prev;
        END $$;"""
        .formatted(seq, seq);
  }

  private String stored(long seq) {
    return jdbc.sql("SELECT hash FROM audit_entry WHERE seq = :s")
        .param("s", seq)
        .query(String.class)
        .single();
  }

  private ResultActions verifyFrom(long fromSeq) throws Exception {
    return mvc.perform(
            get("/api/audit/verify")
                .param("from_seq", "" + fromSeq)
                .header("Authorization", "Bearer " + ADMIN))
        .andExpect(status().isOk());
  }
}
