package io.mcpmanager.git.connection;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.kit.events.CredentialEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Every connection lifecycle step as a credential event (outbox, caller's transaction) and a metric
 * {@code mcpm.git.events{type,provider,outcome}}. Nothing secret goes into either.
 */
@Component
public class GitEvents {

  public static final String CONNECTION = "git_connection";
  public static final String SYNC = "git_repository_sync";

  private final CredentialEvents events;
  private final MeterRegistry registry;

  public GitEvents(CredentialEvents events, MeterRegistry registry) {
    this.events = events;
    this.registry = registry;
  }

  public void connection(String type, GitConnection c, String action, String outcome,
      Map<String, CredentialEventData.Change> changes) {
    record(type, c.ownerId(), CONNECTION, c.id().toString(), c.provider(), action, outcome, changes);
  }

  /** For steps without a bearer token (the OAuth callback), where the state names the user. */
  public void connectionBy(Actor actor, String type, GitConnection c, String action, String outcome,
      Map<String, CredentialEventData.Change> changes) {
    events.record(type, actor, new CredentialEvents.Subject(c.ownerId(), CONNECTION, c.id().toString()), action,
        outcome, changes);
    count(type, c.provider(), outcome);
  }

  public void record(String type, String ownerId, String entityType, String entityId, String provider, String action,
      String outcome, Map<String, CredentialEventData.Change> changes) {
    events.record(type, new CredentialEvents.Subject(ownerId, entityType, entityId), action, outcome, changes);
    count(type, provider, outcome);
  }

  private void count(String type, String provider, String outcome) {
    Counter.builder("mcpm.git.events").description("Git connection lifecycle events")
        .tag("type", type.substring(type.lastIndexOf('.') + 1)).tag("provider", provider).tag("outcome", outcome)
        .register(registry).increment();
  }

  public static Map<String, CredentialEventData.Change> change(String field, Object before, Object after) {
    return Map.of(field, new CredentialEventData.Change(before, after));
  }
}
