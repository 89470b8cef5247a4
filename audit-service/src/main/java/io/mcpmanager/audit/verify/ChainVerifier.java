package io.mcpmanager.audit.verify;

import io.mcpmanager.audit.checkpoint.Checkpoint;
import io.mcpmanager.audit.checkpoint.CheckpointSignatures;
import io.mcpmanager.audit.checkpoint.CheckpointSigning;
import io.mcpmanager.audit.checkpoint.Checkpoints;
import io.mcpmanager.audit.trail.AuditEntries;
import io.mcpmanager.audit.trail.AuditEntry;
import io.mcpmanager.audit.trail.CanonicalForm;
import io.mcpmanager.audit.verify.VerificationReport.BrokenLink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the hash chain: for each entry SHA-256 over its canonical form ({@link CanonicalForm},
 * computed here from the stored columns, never by the database's {@code audit_canonical}; it ends
 * with the previous hash) must equal the stored hash, and its previous hash must equal the
 * preceding entry's hash (or, after retention, the anchor's last removed hash; for seq 1 the
 * genesis hash). Signed checkpoints in the range must verify with the Transit key's public halves,
 * and the recomputed hash at each checkpoint's seq must equal the signed hash, so a database owner
 * who rewrites rows and recomputes the chain after them is still caught. Reports the first
 * divergence.
 */
@Service
public class ChainVerifier {

  static final String GENESIS = "0".repeat(64);

  private final JdbcClient jdbc;
  private final AuditEntries entries;
  private final Checkpoints checkpoints;
  private final CheckpointSigning signing;
  private final Counter verifications;
  private final Counter failures;

  ChainVerifier(
      JdbcClient jdbc,
      AuditEntries entries,
      Checkpoints checkpoints,
      CheckpointSigning signing,
      MeterRegistry registry) {
    this.jdbc = jdbc;
    this.entries = entries;
    this.checkpoints = checkpoints;
    this.signing = signing;
    this.verifications =
        Counter.builder("mcpm.audit.chain.verifications")
            .description("hash chain verifications run")
            .register(registry);
    this.failures =
        Counter.builder("mcpm.audit.chain.failures")
            .description("hash chain verifications that found a broken link")
            .register(registry);
  }

  /** Verifies the entries with seq in [fromSeq, toSeq]; null bounds mean the start or the tail. */
  @Transactional(readOnly = true)
  public VerificationReport verifySeqs(@Nullable Long fromSeq, @Nullable Long toSeq) {
    VerificationReport report = walk(fromSeq == null ? 1 : fromSeq, toSeq);
    verifications.increment();
    if (!report.intact()) {
      failures.increment();
    }
    return report;
  }

  /** Verifies the entries received in [from, to). */
  @Transactional(readOnly = true)
  public VerificationReport verifyReceived(@Nullable Instant from, @Nullable Instant to) {
    Long fromSeq =
        jdbc.sql("SELECT min(seq) FROM audit_entry WHERE received_at >= :from")
            .param("from", utc(from == null ? Instant.EPOCH : from))
            .query(Long.class)
            .optional()
            .orElse(null);
    Long toSeq =
        to == null
            ? null
            : jdbc.sql("SELECT max(seq) FROM audit_entry WHERE received_at < :to")
                .param("to", utc(to))
                .query(Long.class)
                .optional()
                .orElse(null);
    if (fromSeq == null || (to != null && (toSeq == null || toSeq < fromSeq))) {
      verifications.increment();
      return VerificationReport.intact(0, 0, null, null);
    }
    return verifySeqs(fromSeq, toSeq);
  }

  private VerificationReport walk(long fromSeq, @Nullable Long toSeq) {
    long upper = toSeq == null ? Long.MAX_VALUE : toSeq;
    List<Checkpoint> signed = checkpoints.between(fromSeq, upper);
    BrokenLink forged = firstForged(signed);
    if (forged != null) {
      return VerificationReport.broken(0, 0, fromSeq, toSeq, forged);
    }
    Iterator<Checkpoint> pending = signed.iterator();
    @Nullable Checkpoint nextCheckpoint = pending.hasNext() ? pending.next() : null;
    @Nullable Link previous = null;
    long checked = 0;
    long checkpointsChecked = 0;
    try (Stream<Link> links = entries.streamSeqs(fromSeq, upper).map(Link::of)) {
      Iterator<Link> it = links.iterator();
      while (it.hasNext()) {
        Link link = it.next();
        BrokenLink broken = check(previous, link);
        if (broken != null) {
          return VerificationReport.broken(checked, checkpointsChecked, fromSeq, toSeq, broken);
        }
        // Checkpoints before the first entry of the range were signed for entries retention
        // removed.
        while (nextCheckpoint != null && nextCheckpoint.seq() < link.seq()) {
          nextCheckpoint = pending.hasNext() ? pending.next() : null;
        }
        if (nextCheckpoint != null && nextCheckpoint.seq() == link.seq()) {
          if (!nextCheckpoint.hash().equals(link.recomputedHash())) {
            return VerificationReport.broken(
                checked,
                checkpointsChecked,
                fromSeq,
                toSeq,
                new BrokenLink(
                    BrokenLink.CHECKPOINT_MISMATCH,
                    link.seq(),
                    link.eventId(),
                    "the chain differs from the signed checkpoint",
                    nextCheckpoint.hash(),
                    link.recomputedHash()));
          }
          checkpointsChecked++;
          nextCheckpoint = pending.hasNext() ? pending.next() : null;
        }
        previous = link;
        checked++;
      }
    }
    if (nextCheckpoint != null) {
      return VerificationReport.broken(
          checked,
          checkpointsChecked,
          fromSeq,
          toSeq,
          new BrokenLink(
              BrokenLink.CHECKPOINT_MISMATCH,
              nextCheckpoint.seq(),
              null,
              "the chain ends before a signed checkpoint",
              nextCheckpoint.hash(),
              previous == null ? null : previous.hash()));
    }
    if (previous == null) {
      return VerificationReport.intact(0, 0, fromSeq, toSeq);
    }
    Head head =
        jdbc.sql("SELECT seq, hash FROM audit_chain_head")
            .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
            .single();
    if (upper >= head.seq()
        && (previous.seq() != head.seq() || !previous.hash().equals(head.hash()))) {
      return VerificationReport.broken(
          checked,
          checkpointsChecked,
          fromSeq,
          toSeq,
          new BrokenLink(
              BrokenLink.BROKEN_LINK,
              head.seq(),
              null,
              "entries are missing at the end of the chain",
              head.hash(),
              previous.hash()));
    }
    return VerificationReport.intact(checked, checkpointsChecked, fromSeq, previous.seq());
  }

  /**
   * The first checkpoint whose signature does not hold (a row forged or changed in the database).
   */
  private @Nullable BrokenLink firstForged(List<Checkpoint> signed) {
    if (signed.isEmpty()) {
      return null;
    }
    CheckpointSignatures signatures = signing.signatures();
    for (Checkpoint c : signed) {
      if (!signatures.verifies(c)) {
        return new BrokenLink(
            BrokenLink.CHECKPOINT_SIGNATURE,
            c.seq(),
            null,
            "the checkpoint's signature does not verify",
            null,
            c.hash());
      }
    }
    return null;
  }

  private @Nullable BrokenLink check(@Nullable Link previous, Link link) {
    String expectedPrev =
        previous != null && previous.seq() == link.seq() - 1
            ? previous.hash()
            : previous != null ? null : predecessorHash(link.seq()).orElse(null);
    if (expectedPrev == null) {
      return new BrokenLink(
          BrokenLink.BROKEN_LINK,
          link.seq(),
          link.eventId(),
          "the preceding entry is missing",
          null,
          link.prevHash());
    }
    if (!expectedPrev.equals(link.prevHash())) {
      return new BrokenLink(
          BrokenLink.BROKEN_LINK,
          link.seq(),
          link.eventId(),
          "prev_hash does not match the preceding entry's hash",
          expectedPrev,
          link.prevHash());
    }
    String recomputed = link.recomputedHash();
    if (!recomputed.equals(link.hash())) {
      return new BrokenLink(
          BrokenLink.BROKEN_LINK,
          link.seq(),
          link.eventId(),
          "the entry's content does not match its hash",
          recomputed,
          link.hash());
    }
    return null;
  }

  /**
   * The hash the entry before {@code seq} ended with: stored, anchored by retention, or genesis.
   */
  private Optional<String> predecessorHash(long seq) {
    if (seq == 1) {
      return Optional.of(GENESIS);
    }
    return jdbc.sql("SELECT hash FROM audit_entry WHERE seq = :seq")
        .param("seq", seq - 1)
        .query(String.class)
        .optional()
        .or(
            () ->
                jdbc.sql(
                        """
                SELECT last_removed_hash FROM audit_retention_anchor WHERE removed_through_seq = :seq""")
                    .param("seq", seq - 1)
                    .query(String.class)
                    .optional());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * An entry's link fields and the hash recomputed from its canonical form (in Java, not by SQL).
   */
  private record Link(long seq, UUID eventId, String prevHash, String hash, String recomputedHash) {

    static Link of(AuditEntry e) {
      return new Link(e.seq(), e.eventId(), e.prevHash(), e.hash(), CanonicalForm.hash(e));
    }
  }

  private record Head(long seq, String hash) {}
}
