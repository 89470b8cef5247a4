package io.mcpmanager.events;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The data of every credential event. It never carries a secret: {@code changes} holds only
 * non-secret before/after values (a masked hint, a status, a version number).
 *
 * @param ownerId the user who owns the entity; differs from the actor when an admin or a service
 *     acts
 * @param outcome {@link Outcome#SUCCESS}, {@link Outcome#FAILURE} or {@link Outcome#DENIED}
 * @param entityId null only where the actor is unknown too (a login attempt on an unknown username)
 * @param changes empty when nothing non-secret changed (null is read as empty)
 * @param traceId absent when the change happened outside a traced request
 */
public record CredentialEventData(
    Actor actor,
    @Nullable String ownerId,
    String entityType,
    @Nullable String entityId,
    String action,
    String outcome,
    Map<String, Change> changes,
    @Nullable String traceId) {

  public CredentialEventData {
    changes = changes == null ? Map.of() : Map.copyOf(changes);
  }

  /**
   * A before/after pair of non-secret values; a side is null when it has no value (before a
   * creation).
   */
  public record Change(@Nullable Object before, @Nullable Object after) {}

  /** Outcome values. */
  public static final class Outcome {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String DENIED = "denied";

    private Outcome() {}
  }
}
