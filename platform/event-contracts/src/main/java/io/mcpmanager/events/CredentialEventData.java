package io.mcpmanager.events;

import java.util.Map;

/**
 * The data of every credential event. It never carries a secret: {@code changes} holds only
 * non-secret before/after values (a masked hint, a status, a version number).
 *
 * @param ownerId the user who owns the entity; differs from the actor when an admin or a service acts
 * @param outcome {@link Outcome#SUCCESS}, {@link Outcome#FAILURE} or {@link Outcome#DENIED}
 */
public record CredentialEventData(
    Actor actor,
    String ownerId,
    String entityType,
    String entityId,
    String action,
    String outcome,
    Map<String, Change> changes,
    String traceId) {

  public CredentialEventData {
    changes = changes == null ? Map.of() : Map.copyOf(changes);
  }

  /** A before/after pair of non-secret values. */
  public record Change(Object before, Object after) {}

  /** Outcome values. */
  public static final class Outcome {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String DENIED = "denied";

    private Outcome() {}
  }
}
