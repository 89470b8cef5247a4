package io.mcpmanager.audit.query;

import io.mcpmanager.audit.trail.AuditEntries;
import io.mcpmanager.audit.trail.AuditEntry;
import io.mcpmanager.audit.trail.EntryFilter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Streams the matching entries in chain order as JSON Lines or CSV, row by row. */
@Service
public class AuditExporter {

  private static final List<String> CSV_COLUMNS =
      List.of(
          "seq",
          "event_id",
          "type",
          "source",
          "occurred_at",
          "received_at",
          "actor_kind",
          "actor_id",
          "actor_ip",
          "actor_user_agent",
          "owner_id",
          "entity_type",
          "entity_id",
          "action",
          "outcome",
          "changes",
          "trace_id",
          "prev_hash",
          "hash");

  private final AuditEntries entries;
  private final JsonMapper json;

  AuditExporter(AuditEntries entries, JsonMapper json) {
    this.entries = entries;
    this.json = json;
  }

  /** Export formats, chosen with {@code format=}. */
  public enum Format {
    JSONL(MediaType.parseMediaType("application/jsonl"), "jsonl"),
    CSV(MediaType.parseMediaType("text/csv;charset=UTF-8"), "csv");

    final MediaType mediaType;
    final String extension;

    Format(MediaType mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    static Format named(String name) {
      return Stream.of(values())
          .filter(f -> f.extension.equals(name.toLowerCase(Locale.ROOT)))
          .findFirst()
          .orElseThrow(
              () -> InvalidAuditQueryException.forParameter("format", "must be jsonl or csv"));
    }
  }

  @Transactional(readOnly = true)
  public void export(EntryFilter filter, Format format, OutputStream out) {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    try {
      if (format == Format.CSV) {
        writer.write(String.join(",", CSV_COLUMNS) + "\r\n");
      }
      entries.forEach(filter, entry -> write(writer, format, entry));
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(Writer writer, Format format, AuditEntry entry) {
    try {
      writer.write(
          format == Format.CSV
              ? csvLine(entry)
              : json.writeValueAsString(AuditEventResponse.from(entry)) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String csvLine(AuditEntry e) {
    return Stream.of(
            e.seq(),
            e.eventId(),
            e.type(),
            e.source(),
            e.occurredAt(),
            e.receivedAt(),
            e.actorKind(),
            e.actorId(),
            e.actorIp(),
            e.actorUserAgent(),
            e.ownerId(),
            e.entityType(),
            e.entityId(),
            e.action(),
            e.outcome(),
            e.changesJson(),
            e.traceId(),
            e.prevHash(),
            e.hash())
        .map(value -> csvField(value == null ? null : Objects.toString(value)))
        .collect(Collectors.joining(",", "", "\r\n"));
  }

  /**
   * RFC 4180 quoting; a text starting with = + - @ is prefixed with ' so a spreadsheet does not run
   * it as a formula (values come from request headers such as the user agent).
   */
  static String csvField(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote = safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }
}
