package io.mcpmanager.audit.query;

import io.mcpmanager.audit.trail.AuditEntries;
import io.mcpmanager.audit.trail.AuditEntry;
import io.mcpmanager.audit.trail.EntryFilter;
import io.mcpmanager.kit.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queries of the trail with the caller's visibility: a user sees the events about their own objects
 * (owner = caller), an admin sees all.
 */
@Service
public class AuditQueryService {

  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 500;
  static final Duration DEFAULT_STATS_RANGE = Duration.ofDays(30);

  private final AuditEntries entries;
  private final Clock clock;

  AuditQueryService(AuditEntries entries, Clock clock) {
    this.entries = entries;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public AuditPageResponse page(
      CurrentUser caller, AuditEventQuery query, int limit, @Nullable String cursor) {
    EntryFilter filter = visibleTo(caller, query.toFilter());
    List<AuditEntry> rows = entries.page(filter, Cursor.seqOf(cursor), limit + 1);
    boolean more = rows.size() > limit;
    List<AuditEntry> page = more ? rows.subList(0, limit) : rows;
    String next = more ? Cursor.after(page.getLast().seq()) : null;
    return new AuditPageResponse(page.stream().map(AuditEventResponse::from).toList(), next);
  }

  @Transactional(readOnly = true)
  public AuditEventResponse event(CurrentUser caller, UUID eventId) {
    return entries
        .find(eventId)
        .filter(entry -> caller.isAdmin() || caller.id().equals(entry.ownerId()))
        .map(AuditEventResponse::from)
        .orElseThrow(() -> AuditEventNotFoundException.forId(eventId));
  }

  @Transactional(readOnly = true)
  public AuditStatsResponse stats(CurrentUser caller, AuditEventQuery query) {
    Instant to = query.to() != null ? query.to() : clock.instant();
    Instant from = query.from() != null ? query.from() : to.minus(DEFAULT_STATS_RANGE);
    AuditEventQuery ranged =
        new AuditEventQuery(
            query.owner(),
            query.actor(),
            query.entityType(),
            query.entityId(),
            query.type(),
            query.outcome(),
            from,
            to);
    return AuditStatsResponse.of(
        from, to, entries.countByDayAndType(visibleTo(caller, ranged.toFilter())));
  }

  private static EntryFilter visibleTo(CurrentUser caller, EntryFilter filter) {
    return caller.isAdmin() ? filter : filter.restrictedTo(caller.id());
  }
}
