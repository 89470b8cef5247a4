package io.mcpmanager.audit.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.mcpmanager.audit.trail.AuditEntry;
import java.time.Instant;
import java.util.UUID;

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
    String ownerId,
    String entityType,
    String entityId,
    String action,
    String outcome,
    @JsonRawValue String changes,
    String traceId,
    String prevHash,
    String hash) {

  /** Who acted: kind USER, SERVICE or SYSTEM, with the request's address and user agent. */
  public record ActorView(String kind, String id, String ip, String userAgent) {}

  static AuditEventResponse from(AuditEntry e) {
    return new AuditEventResponse(e.seq(), e.eventId(), e.type(), e.source(), e.occurredAt(),
        e.receivedAt(), new ActorView(e.actorKind(), e.actorId(), e.actorIp(), e.actorUserAgent()),
        e.ownerId(), e.entityType(), e.entityId(), e.action(), e.outcome(), e.changesJson(),
        e.traceId(), e.prevHash(), e.hash());
  }
}
