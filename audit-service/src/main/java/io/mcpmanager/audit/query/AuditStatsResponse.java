package io.mcpmanager.audit.query;

import io.mcpmanager.audit.trail.AuditEntries.DailyCount;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Event counts per UTC day and type over a time range, for dashboards. */
public record AuditStatsResponse(Instant from, Instant to, long total, List<Bucket> counts) {

  public record Bucket(LocalDate day, String type, long count) {}

  static AuditStatsResponse of(Instant from, Instant to, List<DailyCount> counts) {
    return new AuditStatsResponse(
        from,
        to,
        counts.stream().mapToLong(DailyCount::count).sum(),
        counts.stream().map(c -> new Bucket(c.day(), c.type(), c.count())).toList());
  }
}
