package io.mcpmanager.audit.trail;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends events to the hash chain. The database does the chaining (trigger {@code
 * audit_entry_append}): it locks the chain head, skips an event id it already holds, and sets seq,
 * received time, previous hash and hash. Entries are inserted one statement each, in the given
 * order, so the chain order is the order of the list.
 */
@Component
public class AuditTrail {

  private static final String INSERT =
      """
      INSERT INTO audit_entry (event_id, event_type, source, occurred_at, actor_kind, actor_id,
          actor_ip, actor_user_agent, owner_id, entity_type, entity_id, action, outcome, changes,
          trace_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""";

  private final JdbcTemplate jdbc;

  AuditTrail(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the entries in one transaction; an event id already in the trail is skipped. */
  @Transactional
  public AppendResult append(List<NewEntry> entries) {
    if (entries.isEmpty()) {
      return new AppendResult(List.of(), 0);
    }
    int[][] counts = jdbc.batchUpdate(INSERT, entries, entries.size(), AuditTrail::bind);
    List<NewEntry> stored = new ArrayList<>(entries.size());
    int i = 0;
    for (int[] chunk : counts) {
      for (int count : chunk) {
        if (count == 1) {
          stored.add(entries.get(i));
        }
        i++;
      }
    }
    return new AppendResult(List.copyOf(stored), entries.size() - stored.size());
  }

  private static void bind(PreparedStatement ps, NewEntry e) throws SQLException {
    ps.setObject(1, e.eventId());
    ps.setString(2, e.type());
    ps.setString(3, e.source());
    ps.setObject(
        4, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    ps.setString(5, e.actorKind());
    ps.setString(6, e.actorId());
    ps.setString(7, e.actorIp());
    ps.setString(8, e.actorUserAgent());
    ps.setString(9, e.ownerId());
    ps.setString(10, e.entityType());
    ps.setString(11, e.entityId());
    ps.setString(12, e.action());
    ps.setString(13, e.outcome());
    ps.setString(14, e.changesJson());
    ps.setString(15, e.traceId());
  }
}
