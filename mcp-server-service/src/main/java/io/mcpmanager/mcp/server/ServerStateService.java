package io.mcpmanager.mcp.server;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The state changes other features bring about on a server, by id: the outcome of a live check, a
 * key rotation, the retirement of replaced key versions. Each is written with its event in one
 * transaction.
 */
@Service
public class ServerStateService {

  private final McpServerRepository servers;
  private final ServerAccess access;
  private final CredentialEvents events;
  private final Clock clock;

  ServerStateService(
      McpServerRepository servers, ServerAccess access, CredentialEvents events, Clock clock) {
    this.servers = servers;
    this.access = access;
    this.events = events;
    this.clock = clock;
  }

  /**
   * A successful MCP handshake; {@code sessionCiphertext} is the MCP session id as Transit
   * ciphertext.
   */
  @Transactional
  public McpServerResponse recordReachable(
      UUID id,
      @Nullable String serverName,
      @Nullable String serverVersion,
      @Nullable String protocolVersion,
      Map<String, Object> capabilities,
      List<String> toolNames,
      long latencyMs,
      @Nullable String sessionCiphertext,
      Actor actor) {
    McpServer server = access.require(id);
    String before = server.status().value();
    server.markReachable(
        serverName,
        serverVersion,
        protocolVersion,
        capabilities,
        toolNames,
        latencyMs,
        sessionCiphertext,
        clock.instant());
    return checked(server, before, latencyMs, "tools", toolNames.size(), Outcome.SUCCESS, actor);
  }

  @Transactional
  public McpServerResponse recordFailed(
      UUID id, String errorType, @Nullable String errorMessage, long latencyMs, Actor actor) {
    McpServer server = access.require(id);
    String before = server.status().value();
    server.markFailed(errorType, errorMessage, latencyMs, clock.instant());
    return checked(server, before, latencyMs, "error_type", errorType, Outcome.FAILURE, actor);
  }

  /**
   * Vault now signs with {@code newVersion}; the replaced versions stay valid for {@code
   * gracePeriod}.
   */
  @Transactional
  public ManagerKey keyRotated(
      UUID id, int newVersion, Duration gracePeriod, Actor actor, String action) {
    McpServer server = access.require(id);
    int before = server.keyVersion();
    Instant now = clock.instant();
    Instant retireAt = now.plus(gracePeriod);
    server.keyRotated(newVersion, retireAt, now);
    servers.flush();
    events.record(
        EventTypes.MCP_KEY_ROTATED,
        actor,
        ServerSubject.of(server),
        action,
        Outcome.SUCCESS,
        Map.of(
            "key_version",
            new Change(before, newVersion),
            "previous_versions_retire_after",
            new Change(null, retireAt.toString())));
    return ManagerKey.of(server);
  }

  /** Vault no longer holds the versions below {@code minVersion}. */
  @Transactional
  public void oldKeysRetired(UUID id, int minVersion, Actor actor) {
    McpServer server = access.require(id);
    server.oldKeysRetired(clock.instant());
    servers.flush();
    events.record(
        EventTypes.MCP_KEY_RETIRED,
        actor,
        ServerSubject.of(server),
        "retire-keys",
        Outcome.SUCCESS,
        Map.of("min_key_version", new Change(null, minVersion)));
  }

  private McpServerResponse checked(
      McpServer server,
      String statusBefore,
      long latencyMs,
      String detail,
      Object value,
      String outcome,
      Actor actor) {
    servers.flush();
    Map<String, Change> changes = new LinkedHashMap<>();
    changes.put("status", new Change(statusBefore, server.status().value()));
    changes.put("latency_ms", new Change(null, latencyMs));
    changes.put(detail, new Change(null, value));
    events.record(
        EventTypes.MCP_SERVER_CHECKED, actor, ServerSubject.of(server), "check", outcome, changes);
    return McpServerResponse.from(server);
  }
}
