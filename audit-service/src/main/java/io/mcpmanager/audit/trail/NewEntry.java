package io.mcpmanager.audit.trail;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event as it is handed to the trail. The database assigns seq, received time and hashes.
 *
 * @param changesJson the non-secret before/after changes as a JSON object
 */
public record NewEntry(
    UUID eventId,
    String type,
    String source,
    Instant occurredAt,
    @Nullable String actorKind,
    @Nullable String actorId,
    @Nullable String actorIp,
    @Nullable String actorUserAgent,
    @Nullable String ownerId,
    @Nullable String entityType,
    @Nullable String entityId,
    @Nullable String action,
    @Nullable String outcome,
    String changesJson,
    @Nullable String traceId) {

  public NewEntry {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(occurredAt, "occurredAt");
    changesJson = changesJson == null ? "{}" : changesJson;
  }
}
