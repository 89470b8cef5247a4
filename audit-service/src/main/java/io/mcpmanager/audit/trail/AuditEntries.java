package io.mcpmanager.audit.trail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the trail. Pages are keyset pages on seq, newest first: rows appended while a client
 * pages have higher seqs and never shift the pages it has not read yet.
 */
@Component
public class AuditEntries {

  static final String COLUMNS =
      """
      seq, event_id, event_type, source, occurred_at, received_at, actor_kind, actor_id, actor_ip,
      actor_user_agent, owner_id, entity_type, entity_id, action, outcome, changes::text AS changes,
      trace_id, prev_hash, hash""";
  private static final int STREAM_FETCH_SIZE = 500;
  static final RowMapper<AuditEntry> ROWS = AuditEntries::map;

  private final JdbcClient jdbc;
  private final JdbcClient streaming;

  AuditEntries(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setFetchSize(STREAM_FETCH_SIZE);
    this.streaming = JdbcClient.create(template);
  }

  /** Up to {@code limit} entries with seq below {@code beforeSeq} (null: from the newest). */
  public List<AuditEntry> page(EntryFilter filter, @Nullable Long beforeSeq, int limit) {
    Where where = Where.of(filter);
    if (beforeSeq != null) {
      where.and("seq < :before", "before", beforeSeq);
    }
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM audit_entry "
                + where.sql()
                + " ORDER BY seq DESC LIMIT :limit")
        .params(where.params())
        .param("limit", limit)
        .query(ROWS)
        .list();
  }

  public Optional<AuditEntry> find(UUID eventId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE event_id = :id")
        .param("id", eventId)
        .query(ROWS)
        .optional();
  }

  /** Every matching entry in chain order, fetched in chunks; call inside a transaction. */
  public void forEach(EntryFilter filter, Consumer<AuditEntry> action) {
    Where where = Where.of(filter);
    try (Stream<AuditEntry> rows =
        streaming
            .sql("SELECT " + COLUMNS + " FROM audit_entry " + where.sql() + " ORDER BY seq")
            .params(where.params())
            .query(ROWS)
            .stream()) {
      rows.forEach(action);
    }
  }

  /** Entry counts per UTC day (of occurred_at) and event type. */
  /**
   * The entries with seq in [fromSeq, toSeq] in chain order, read in chunks; the caller closes the
   * stream (it holds a database cursor).
   */
  public Stream<AuditEntry> streamSeqs(long fromSeq, long toSeq) {
    return streaming
        .sql("SELECT " + COLUMNS + " FROM audit_entry WHERE seq BETWEEN :from AND :to ORDER BY seq")
        .param("from", fromSeq)
        .param("to", toSeq)
        .query(ROWS)
        .stream();
  }

  public List<DailyCount> countByDayAndType(EntryFilter filter) {
    Where where = Where.of(filter);
    return jdbc.sql(
            """
            SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, event_type, count(*) AS n
            FROM audit_entry\s"""
                + where.sql()
                + " GROUP BY 1, 2 ORDER BY 1, 2")
        .params(where.params())
        .query(
            (rs, n) ->
                new DailyCount(
                    rs.getObject("day", LocalDate.class),
                    rs.getString("event_type"),
                    rs.getLong("n")))
        .list();
  }

  /** Entries per day and type. */
  public record DailyCount(LocalDate day, String type, long count) {}

  private static AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        rs.getObject("event_id", UUID.class),
        rs.getString("event_type"),
        rs.getString("source"),
        instant(rs, "occurred_at"),
        instant(rs, "received_at"),
        rs.getString("actor_kind"),
        rs.getString("actor_id"),
        rs.getString("actor_ip"),
        rs.getString("actor_user_agent"),
        rs.getString("owner_id"),
        rs.getString("entity_type"),
        rs.getString("entity_id"),
        rs.getString("action"),
        rs.getString("outcome"),
        rs.getString("changes"),
        rs.getString("trace_id"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  /** A NOT NULL timestamptz column. */
  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** A WHERE clause with named parameters, built from the filter's non-null conditions. */
  private static final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    static Where of(EntryFilter f) {
      Where w = new Where();
      w.andIf(f.visibleTo(), "owner_id = :visible_to", "visible_to");
      w.andIf(f.ownerId(), "owner_id = :owner", "owner");
      w.andIf(f.actorId(), "actor_id = :actor", "actor");
      w.andIf(f.entityType(), "entity_type = :entity_type", "entity_type");
      w.andIf(f.entityId(), "entity_id = :entity_id", "entity_id");
      w.andIf(f.type(), "event_type = :type", "type");
      w.andIf(f.outcome(), "outcome = :outcome", "outcome");
      w.andIf(utc(f.from()), "occurred_at >= :from", "from");
      w.andIf(utc(f.to()), "occurred_at < :to", "to");
      return w;
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
      return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private void andIf(@Nullable Object value, String condition, String name) {
      if (value != null) {
        and(condition, name, value);
      }
    }

    void and(String condition, String name, Object value) {
      conditions.add(condition);
      params.put(name, value);
    }

    String sql() {
      return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    }

    Map<String, Object> params() {
      return params;
    }
  }
}
