package io.mcpmanager.audit.checkpoint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code audit_checkpoint} table (append-only, like the trail). */
@Component
public class Checkpoints {

  private static final String COLUMNS = "seq, hash, signed_at, key_name, key_version, signature";

  private final JdbcClient jdbc;

  Checkpoints(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void store(Checkpoint c) {
    jdbc.sql(
            "INSERT INTO audit_checkpoint ("
                + COLUMNS
                + ") VALUES (:seq, :hash, :at, :key, :version, :sig)")
        .param("seq", c.seq())
        .param("hash", c.hash())
        .param("at", OffsetDateTime.ofInstant(c.signedAt(), ZoneOffset.UTC))
        .param("key", c.keyName())
        .param("version", c.keyVersion())
        .param("sig", Base64.getEncoder().encodeToString(c.signature()))
        .update();
  }

  Optional<Checkpoint> latest() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY seq DESC LIMIT 1")
        .query(Checkpoints::map)
        .optional();
  }

  /**
   * Up to {@code limit} checkpoints with seq below {@code beforeSeq} (null: from the newest),
   * newest first.
   */
  List<Checkpoint> page(@Nullable Long beforeSeq, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM audit_checkpoint WHERE seq < :before ORDER BY seq DESC LIMIT :limit")
        .param("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
        .param("limit", limit)
        .query(Checkpoints::map)
        .list();
  }

  /** The checkpoints with seq in [fromSeq, toSeq], oldest first. */
  public List<Checkpoint> between(long fromSeq, long toSeq) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM audit_checkpoint WHERE seq BETWEEN :from AND :to ORDER BY seq")
        .param("from", fromSeq)
        .param("to", toSeq)
        .query(Checkpoints::map)
        .list();
  }

  private static Checkpoint map(ResultSet rs, int row) throws SQLException {
    return new Checkpoint(
        rs.getLong("seq"),
        rs.getString("hash"),
        rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
        rs.getString("key_name"),
        rs.getInt("key_version"),
        Base64.getDecoder().decode(rs.getString("signature")));
  }
}
