package io.mcpmanager.audit.trail;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored entry of the trail, as read back. {@code changesJson} is the jsonb text. */
public record AuditEntry(
    long seq,
    UUID eventId,
    String type,
    String source,
    Instant occurredAt,
    Instant receivedAt,
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
    @Nullable String traceId,
    String prevHash,
    String hash) {}
