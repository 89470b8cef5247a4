package io.mcpmanager.audit.trail;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

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
    String actorKind,
    String actorId,
    String actorIp,
    String actorUserAgent,
    String ownerId,
    String entityType,
    String entityId,
    String action,
    String outcome,
    String changesJson,
    String traceId) {

  public NewEntry {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(occurredAt, "occurredAt");
    changesJson = changesJson == null ? "{}" : changesJson;
  }
}
