package io.mcpmanager.git.connection;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import io.mcpmanager.kit.metrics.CredentialMetrics.Outcome;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every connection lifecycle step as a credential event (outbox, caller's transaction); the steps
 * that are credential operations also count in {@code mcpm.credential.operations} (every event type
 * is counted by the audit trail). Nothing secret goes into either.
 */
@Component
public class GitEvents {

  public static final String CONNECTION = "git_connection";
  public static final String SYNC = "git_repository_sync";

  /** Actions that are credential operations; refreshes are timed by {@code mcpm.oauth.refresh}. */
  private static final Map<String, Operation> OPERATIONS =
      Map.of(
          "connect",
          Operation.CREATE,
          "reconnect",
          Operation.ROTATE,
          "disconnect",
          Operation.REVOKE,
          "read-token",
          Operation.BROKER);

  private final CredentialEvents events;
  private final GitMetrics metrics;

  public GitEvents(CredentialEvents events, GitMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  void connection(
      String type,
      GitConnection c,
      String action,
      String outcome,
      Map<String, CredentialEventData.Change> changes) {
    record(
        type, c.ownerId(), CONNECTION, c.id().toString(), c.provider(), action, outcome, changes);
  }

  /** For steps without a bearer token (the OAuth callback), where the state names the user. */
  void connectionBy(
      Actor actor,
      String type,
      GitConnection c,
      String action,
      String outcome,
      Map<String, CredentialEventData.Change> changes) {
    events.record(
        type,
        actor,
        new CredentialEvents.Subject(c.ownerId(), CONNECTION, c.id().toString()),
        action,
        outcome,
        changes);
    count(action, outcome);
  }

  /**
   * No connection exists yet, so the subject is the owner's connections; the caller's transaction.
   */
  void recordFailedConnect(Actor actor, String ownerId, String provider, String error) {
    events.record(
        EventTypes.GIT_CONNECT_FAILED,
        actor,
        new CredentialEvents.Subject(ownerId, CONNECTION, null),
        "connect",
        CredentialEventData.Outcome.FAILURE,
        Map.of(
            "provider",
            new CredentialEventData.Change(null, provider),
            "error",
            new CredentialEventData.Change(null, error)));
    count("connect", CredentialEventData.Outcome.FAILURE);
  }

  public void record(
      String type,
      String ownerId,
      String entityType,
      String entityId,
      String provider,
      String action,
      String outcome,
      Map<String, CredentialEventData.Change> changes) {
    events.record(
        type,
        new CredentialEvents.Subject(ownerId, entityType, entityId),
        action,
        outcome,
        changes);
    count(action, outcome);
  }

  private void count(String action, String outcome) {
    Operation operation = OPERATIONS.get(action);
    if (operation != null) {
      metrics.operation(operation, Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)));
    }
  }

  public static Map<String, CredentialEventData.Change> change(
      String field, @Nullable Object before, @Nullable Object after) {
    return Map.of(field, new CredentialEventData.Change(before, after));
  }
}
