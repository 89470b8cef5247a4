package io.mcpmanager.audit.testdata;

import io.mcpmanager.audit.trail.NewEntry;
import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CloudEvent;
import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.EventTypes;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Credential events and trail entries as producers write them. */
public final class AuditEventMother {

  private AuditEventMother() {}

  /** A unique user id, so tests sharing one database never see each other's rows. */
  public static String newUser(String name) {
    return name + "-" + UUID.randomUUID();
  }

  /** The owner rotated the token of one of their integrations. */
  public static CloudEvent tokenRotated(String owner) {
    return event(
        EventTypes.INTEGRATION_TOKEN_ROTATED,
        Actor.user(owner, "203.0.113.7", "curl/8.5"),
        owner,
        "integration-" + UUID.randomUUID());
  }

  public static CloudEvent event(String type, Actor actor, String owner, String entityId) {
    CredentialEventData data =
        new CredentialEventData(
            actor,
            owner,
            "integration",
            entityId,
            "rotate-token",
            CredentialEventData.Outcome.SUCCESS,
            Map.of("token_hint", new Change("…a1b2", "…c3d4"), "version", new Change(1, 2)),
            "4bf92f3577b34da6a3ce929d0e0e4736");
    return CloudEvent.of("integration-service", type, Instant.now(), data);
  }

  /** A trail entry about the owner's integration, done by {@code actor}. */
  public static NewEntry entry(String owner, String actor, String type, String outcome) {
    return new NewEntry(
        UUID.randomUUID(),
        type,
        "integration-service",
        Instant.now(),
        "USER",
        actor,
        "198.51.100.4",
        "Mozilla/5.0",
        owner,
        "integration",
        "integration-" + UUID.randomUUID(),
        "update",
        outcome,
        "{\"status\": {\"before\": \"active\", \"after\": \"revoked\"}}",
        null);
  }

  public static NewEntry entry(String owner) {
    return entry(owner, owner, EventTypes.INTEGRATION_UPDATED, CredentialEventData.Outcome.SUCCESS);
  }
}
