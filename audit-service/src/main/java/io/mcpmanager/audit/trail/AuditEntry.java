package io.mcpmanager.audit.trail;

import java.time.Instant;
import java.util.UUID;

/** A stored entry of the trail, as read back. {@code changesJson} is the jsonb text. */
public record AuditEntry(
    long seq,
    UUID eventId,
    String type,
    String source,
    Instant occurredAt,
    Instant receivedAt,
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
    String traceId,
    String prevHash,
    String hash) {}
