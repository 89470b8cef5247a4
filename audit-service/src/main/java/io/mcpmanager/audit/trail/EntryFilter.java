package io.mcpmanager.audit.trail;

import java.time.Instant;

/**
 * Conditions on the trail; null means "any". {@code visibleTo} restricts the rows to one owner's
 * (the caller's, for a non-admin) on top of the {@code ownerId} filter.
 *
 * @param from inclusive, on occurred_at
 * @param to exclusive, on occurred_at
 */
public record EntryFilter(
    String visibleTo,
    String ownerId,
    String actorId,
    String entityType,
    String entityId,
    String type,
    String outcome,
    Instant from,
    Instant to) {

  public EntryFilter restrictedTo(String owner) {
    return new EntryFilter(owner, ownerId, actorId, entityType, entityId, type, outcome, from, to);
  }
}
