package io.mcpmanager.mcp.keys;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequestActor;
import io.mcpmanager.mcp.config.McpMetrics;
import io.mcpmanager.mcp.config.McpProperties;
import io.mcpmanager.mcp.server.McpServer;
import io.mcpmanager.mcp.server.McpServerRepository;
import io.mcpmanager.mcp.server.ServerAccess;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rotation and retirement of manager keys. After a rotation the replaced versions stay published
 * (and valid in Vault) for the grace period, then Vault retires and trims them.
 */
@Service
public class KeyService {

  static final String JOB = "mcp-key-policy";

  private final McpServerRepository servers;
  private final JdbcClient jdbc;
  private final ServerAccess access;
  private final ManagerKeys keys;
  private final CredentialEvents events;
  private final McpMetrics metrics;
  private final McpProperties properties;
  private final Clock clock;

  KeyService(McpServerRepository servers, JdbcClient jdbc, ServerAccess access, ManagerKeys keys, CredentialEvents events,
      McpMetrics metrics, McpProperties properties, Clock clock) {
    this.servers = servers;
    this.jdbc = jdbc;
    this.access = access;
    this.keys = keys;
    this.events = events;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Map<String, Object> jwks(CurrentUser user, UUID id) {
    return keys.jwks(access.require(user, id));
  }

  /** The public JWKS: anyone may read public keys of an existing server. */
  @Transactional(readOnly = true)
  public Map<String, Object> publicJwks(UUID id) {
    return keys.jwks(access.require(id));
  }

  @Transactional
  public KeyStateResponse rotate(CurrentUser user, UUID id) {
    McpServer server = access.require(user, id);
    rotate(server, RequestActor.current(JOB), "rotate");
    return KeyStateResponse.from(server);
  }

  /** The scheduled policy: rotates keys older than the maximum age. Returns how many were rotated. */
  @Transactional
  public int rotateKeysOlderThanMaxAge(Instant now) {
    if (!policyLock()) {
      return 0;
    }
    List<UUID> due = servers.findIdsWithKeysOlderThan(now.minus(properties.keys().maxAge()));
    due.forEach(id -> servers.findById(id).ifPresent(server -> rotate(server, Actor.system(JOB), "rotate-scheduled")));
    return due.size();
  }

  /** Retires the versions whose grace period ended by {@code now}. Returns how many servers were swept. */
  @Transactional
  public int retireExpiredVersions(Instant now) {
    if (!policyLock()) {
      return 0;
    }
    List<UUID> due = servers.findIdsWithKeysToRetire(now);
    for (UUID id : due) {
      servers.findById(id).ifPresent(server -> {
        int below = server.retireBelowVersion();
        keys.retireBelow(server, below);
        server.oldKeysRetired(clock.instant());
        events.record(EventTypes.MCP_KEY_RETIRED, Actor.system(JOB), ServerAccess.subject(server), "retire-keys",
            Outcome.SUCCESS, Map.of("min_key_version", new Change(null, below)));
      });
    }
    servers.flush();
    return due.size();
  }

  /** One replica at a time applies the policy: the lock is held until the transaction ends. */
  private boolean policyLock() {
    return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('mcp-key-policy'))")
        .query(Boolean.class).single());
  }

  private void rotate(McpServer server, Actor actor, String action) {
    int before = server.keyVersion();
    int after = keys.rotate(server);
    Instant now = clock.instant();
    server.keyRotated(after, now.plus(properties.keys().gracePeriod()), now);
    servers.flush();
    events.record(EventTypes.MCP_KEY_ROTATED, actor, ServerAccess.subject(server), action, Outcome.SUCCESS,
        Map.of("key_version", new Change(before, after),
            "previous_versions_retire_after", new Change(null, server.retireAfter().toString())));
    metrics.succeeded(Operation.ROTATE);
  }
}
