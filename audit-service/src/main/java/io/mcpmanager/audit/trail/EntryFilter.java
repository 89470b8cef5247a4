package io.mcpmanager.audit.trail;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Conditions on the trail; null means "any". {@code visibleTo} restricts the rows to one owner's
 * (the caller's, for a non-admin) on top of the {@code ownerId} filter.
 *
 * @param from inclusive, on occurred_at
 * @param to exclusive, on occurred_at
 */
public record EntryFilter(
    @Nullable String visibleTo,
    @Nullable String ownerId,
    @Nullable String actorId,
    @Nullable String entityType,
    @Nullable String entityId,
    @Nullable String type,
    @Nullable String outcome,
    @Nullable Instant from,
    @Nullable Instant to) {

  public EntryFilter restrictedTo(String owner) {
    return new EntryFilter(owner, ownerId, actorId, entityType, entityId, type, outcome, from, to);
  }
}
