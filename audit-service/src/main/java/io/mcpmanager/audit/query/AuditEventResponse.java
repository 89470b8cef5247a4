package io.mcpmanager.audit.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.mcpmanager.audit.trail.AuditEntry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One audit event with its place in the hash chain. Both the actor and the owning user are shown.
 *
 * @param changes the non-secret before/after values, as stored (a JSON object)
 */
public record AuditEventResponse(
    long seq,
    UUID eventId,
    String type,
    String source,
    Instant occurredAt,
    Instant receivedAt,
    ActorView actor,
    @Nullable String ownerId,
    @Nullable String entityType,
    @Nullable String entityId,
    @Nullable String action,
    @Nullable String outcome,
    @JsonRawValue
        @Schema(
            type = "object",
            types = {"object", "null"},
            implementation = Object.class)
        String changes,
    @Nullable String traceId,
    String prevHash,
    String hash) {

  /** Who acted: kind USER, SERVICE or SYSTEM, with the request's address and user agent. */
  public record ActorView(
      @Nullable String kind,
      @Nullable String id,
      @Nullable String ip,
      @Nullable String userAgent) {}

  static AuditEventResponse from(AuditEntry e) {
    return new AuditEventResponse(
        e.seq(),
        e.eventId(),
        e.type(),
        e.source(),
        e.occurredAt(),
        e.receivedAt(),
        new ActorView(e.actorKind(), e.actorId(), e.actorIp(), e.actorUserAgent()),
        e.ownerId(),
        e.entityType(),
        e.entityId(),
        e.action(),
        e.outcome(),
        e.changesJson(),
        e.traceId(),
        e.prevHash(),
        e.hash());
  }
}
