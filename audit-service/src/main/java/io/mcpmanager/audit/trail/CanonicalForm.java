package io.mcpmanager.audit.trail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The canonical form of an entry (version 1), computed here rather than by the database, so that
 * verification does not depend on SQL a database owner could rewrite. Byte for byte what the append
 * trigger's {@code audit_canonical(e)} produces: the jsonb text of {@code [1, seq, event_id, ...,
 * changes, trace_id, prev_hash]} (see README "Hash chain").
 */
public final class CanonicalForm {

  private static final DateTimeFormatter MICROS_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private CanonicalForm() {}

  public static String text(AuditEntry e) {
    StringBuilder out = new StringBuilder(512).append("[1, ").append(e.seq());
    string(out, e.eventId().toString());
    string(out, e.type());
    string(out, e.source());
    string(out, MICROS_UTC.format(e.occurredAt()));
    string(out, MICROS_UTC.format(e.receivedAt()));
    string(out, e.actorKind());
    string(out, e.actorId());
    string(out, e.actorIp());
    string(out, e.actorUserAgent());
    string(out, e.ownerId());
    string(out, e.entityType());
    string(out, e.entityId());
    string(out, e.action());
    string(out, e.outcome());
    out.append(", ").append(JsonbText.of(e.changesJson()));
    string(out, e.traceId());
    string(out, e.prevHash());
    return out.append(']').toString();
  }

  /** Lower-case hex SHA-256 of the canonical text's UTF-8 bytes: what the entry's hash must be. */
  public static String hash(AuditEntry e) {
    return sha256(text(e));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void string(StringBuilder out, @Nullable String value) {
    out.append(", ");
    if (value == null) {
      out.append("null");
    } else {
      JsonbText.appendString(out, value);
    }
  }
}
