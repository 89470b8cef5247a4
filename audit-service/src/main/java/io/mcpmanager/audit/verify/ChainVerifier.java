package io.mcpmanager.audit.verify;

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
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the hash chain: for each entry SHA-256 over its canonical form ({@link CanonicalForm},
 * computed here from the stored columns, never by the database's {@code audit_canonical}; it ends with
 * the previous hash) must equal the stored hash, and its
 * previous hash must equal the preceding entry's hash (or, after retention, the anchor's last removed
 * hash; for seq 1 the genesis hash). Reports the first link that does not hold.
 */
@Service
public class ChainVerifier {

  static final String GENESIS = "0".repeat(64);

  private final JdbcClient jdbc;
  private final AuditEntries entries;
  private final Counter verifications;
  private final Counter failures;

  ChainVerifier(JdbcClient jdbc, AuditEntries entries, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.entries = entries;
    this.verifications = Counter.builder("mcpm.audit.chain.verifications")
        .description("hash chain verifications run").register(registry);
    this.failures = Counter.builder("mcpm.audit.chain.failures")
        .description("hash chain verifications that found a broken link").register(registry);
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
    Long fromSeq = jdbc.sql("SELECT min(seq) FROM audit_entry WHERE received_at >= :from")
        .param("from", utc(from == null ? Instant.EPOCH : from)).query(Long.class).optional().orElse(null);
    Long toSeq = to == null ? null
        : jdbc.sql("SELECT max(seq) FROM audit_entry WHERE received_at < :to")
            .param("to", utc(to)).query(Long.class).optional().orElse(null);
    if (fromSeq == null || (to != null && (toSeq == null || toSeq < fromSeq))) {
      verifications.increment();
      return VerificationReport.intact(0, null, null);
    }
    return verifySeqs(fromSeq, toSeq);
  }

  private VerificationReport walk(long fromSeq, @Nullable Long toSeq) {
    long upper = toSeq == null ? Long.MAX_VALUE : toSeq;
    @Nullable Link previous = null;
    long checked = 0;
    try (Stream<Link> links = entries.streamSeqs(fromSeq, upper).map(Link::of)) {
      Iterator<Link> it = links.iterator();
      while (it.hasNext()) {
        Link link = it.next();
        BrokenLink broken = check(previous, link);
        if (broken != null) {
          return VerificationReport.broken(checked, fromSeq, toSeq, broken);
        }
        previous = link;
        checked++;
      }
    }
    if (previous == null) {
      return VerificationReport.intact(0, fromSeq, toSeq);
    }
    Head head = jdbc.sql("SELECT seq, hash FROM audit_chain_head")
        .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash"))).single();
    if (upper >= head.seq() && (previous.seq() != head.seq() || !previous.hash().equals(head.hash()))) {
      return VerificationReport.broken(checked, fromSeq, toSeq, new BrokenLink(head.seq(), null,
          "entries are missing at the end of the chain", head.hash(), previous.hash()));
    }
    return VerificationReport.intact(checked, fromSeq, previous.seq());
  }

  private @Nullable BrokenLink check(@Nullable Link previous, Link link) {
    String expectedPrev = previous != null && previous.seq() == link.seq() - 1 ? previous.hash()
        : previous != null ? null : predecessorHash(link.seq()).orElse(null);
    if (expectedPrev == null) {
      return new BrokenLink(link.seq(), link.eventId(), "the preceding entry is missing", null,
          link.prevHash());
    }
    if (!expectedPrev.equals(link.prevHash())) {
      return new BrokenLink(link.seq(), link.eventId(),
          "prev_hash does not match the preceding entry's hash", expectedPrev, link.prevHash());
    }
    String recomputed = link.recomputedHash();
    if (!recomputed.equals(link.hash())) {
      return new BrokenLink(link.seq(), link.eventId(), "the entry's content does not match its hash",
          recomputed, link.hash());
    }
    return null;
  }

  /** The hash the entry before {@code seq} ended with: stored, anchored by retention, or genesis. */
  private Optional<String> predecessorHash(long seq) {
    if (seq == 1) {
      return Optional.of(GENESIS);
    }
    return jdbc.sql("SELECT hash FROM audit_entry WHERE seq = :seq").param("seq", seq - 1)
        .query(String.class).optional()
        .or(() -> jdbc.sql("""
                SELECT last_removed_hash FROM audit_retention_anchor WHERE removed_through_seq = :seq""")
            .param("seq", seq - 1).query(String.class).optional());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** An entry's link fields and the hash recomputed from its canonical form (in Java, not by SQL). */
  private record Link(long seq, UUID eventId, String prevHash, String hash, String recomputedHash) {

    static Link of(AuditEntry e) {
      return new Link(e.seq(), e.eventId(), e.prevHash(), e.hash(), CanonicalForm.hash(e));
    }
  }

  private record Head(long seq, String hash) {}
}
