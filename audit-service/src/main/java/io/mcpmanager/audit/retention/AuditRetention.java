package io.mcpmanager.audit.retention;

import io.mcpmanager.audit.config.AuditProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes entries older than {@code mcpm.audit.retention.keep} (never younger than {@code
 * mcpm.audit.retention.minimum-age}: a younger cutoff is refused) through the database function
 * {@code audit_apply_retention} (the only way rows leave the trail): it deletes a prefix of the
 * chain, records an anchor with the last removed hash, and appends a {@code
 * io.mcpmanager.audit.retention-applied} entry, so the retention is itself audited and the
 * remaining chain still verifies. Safe to run on every replica: the second run finds nothing.
 */
@Service
public class AuditRetention {

  static final String ACTOR = "audit-retention";
  private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

  private final JdbcClient jdbc;
  private final AuditProperties properties;
  private final Clock clock;
  private final Counter removed;

  AuditRetention(JdbcClient jdbc, AuditProperties properties, Clock clock, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
    this.removed =
        Counter.builder("mcpm.audit.retention.removed")
            .description("entries removed by retention")
            .register(registry);
  }

  @Scheduled(cron = "${mcpm.audit.retention.cron}")
  public void applyConfiguredRetention() {
    if (!properties.retention().enabled()) {
      return;
    }
    try {
      removeReceivedBefore(clock.instant().minus(properties.retention().keep()));
    } catch (RetentionRefusedException e) {
      log.warn(
          "audit retention refused, nothing removed (mcpm.audit.retention.keep={} is shorter than"
              + " mcpm.audit.retention.minimum-age={}): {}",
          properties.retention().keep(),
          properties.retention().minimumAge(),
          e.getMessage());
    }
  }

  /**
   * Removes the entries received before the cutoff; returns how many.
   *
   * @throws RetentionRefusedException when the cutoff is younger than {@code minimum-age}
   */
  @Transactional
  public long removeReceivedBefore(Instant cutoff) {
    Duration minimumAge = properties.retention().minimumAge();
    Instant floor = clock.instant().minus(minimumAge);
    if (cutoff.isAfter(floor)) {
      throw new RetentionRefusedException(
          "cutoff "
              + cutoff
              + " is younger than the minimum age of "
              + minimumAge.toDays()
              + " days (latest allowed cutoff "
              + floor
              + ")");
    }
    long count =
        jdbc.sql("SELECT audit_apply_retention(:cutoff, :actor)")
            .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
            .param("actor", ACTOR)
            .query(Long.class)
            .single();
    if (count > 0) {
      removed.increment(count);
      log.info("audit retention removed {} entries received before {}", count, cutoff);
    }
    return count;
  }
}
