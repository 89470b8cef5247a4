package io.mcpmanager.mcp.broker;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import io.mcpmanager.mcp.config.McpMetrics;
import io.mcpmanager.mcp.server.ServerSubject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every brokering attempt becomes an event (in its own transaction, so a refusal is recorded
 * although the request fails) and a count in {@code mcpm.credential.operations{operation=broker}}
 * by outcome. Neither carries the credential.
 */
@Component
class BrokerAudit {

  /** Who asked and for what, as far as it is known. */
  record Attempt(Actor actor, @Nullable String serverId, @Nullable String ownerId, String target) {}

  private final CredentialEvents events;
  private final McpMetrics metrics;

  BrokerAudit(CredentialEvents events, McpMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void brokered(Attempt attempt, @Nullable String credentialType) {
    record(
        EventTypes.MCP_CREDENTIAL_BROKERED,
        attempt,
        Outcome.SUCCESS,
        "credential_type",
        credentialType,
        McpMetrics.Outcome.SUCCESS);
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void failed(Attempt attempt, String reason) {
    record(
        EventTypes.MCP_CREDENTIAL_BROKERED,
        attempt,
        Outcome.FAILURE,
        "reason",
        reason,
        McpMetrics.Outcome.FAILURE);
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void denied(Attempt attempt, String reason) {
    record(
        EventTypes.MCP_BROKER_DENIED,
        attempt,
        Outcome.DENIED,
        "reason",
        reason,
        McpMetrics.Outcome.DENIED);
  }

  private void record(
      String type,
      Attempt attempt,
      String outcome,
      String detail,
      @Nullable String value,
      McpMetrics.Outcome counted) {
    Map<String, Change> changes = changes(attempt);
    changes.put(detail, new Change(null, value));
    events.record(type, attempt.actor(), subject(attempt), "broker", outcome, changes);
    metrics.operation(Operation.BROKER, counted);
  }

  private static Map<String, Change> changes(Attempt attempt) {
    Map<String, Change> changes = new LinkedHashMap<>();
    changes.put("mcp_server_id", new Change(null, attempt.serverId()));
    changes.put("user_id", new Change(null, attempt.ownerId()));
    changes.put("integration", new Change(null, attempt.target()));
    return changes;
  }

  private static CredentialEvents.Subject subject(Attempt attempt) {
    return new CredentialEvents.Subject(
        attempt.ownerId(),
        ServerSubject.ENTITY,
        attempt.serverId() == null ? "unknown" : attempt.serverId());
  }
}
