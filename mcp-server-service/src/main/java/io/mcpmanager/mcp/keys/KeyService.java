package io.mcpmanager.mcp.keys;

import io.mcpmanager.events.Actor;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import io.mcpmanager.kit.secrets.SecretCipherException;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequestActor;
import io.mcpmanager.mcp.config.McpMetrics;
import io.mcpmanager.mcp.config.McpProperties;
import io.mcpmanager.mcp.server.ManagerKey;
import io.mcpmanager.mcp.server.ServerRegistry;
import io.mcpmanager.mcp.server.ServerStateService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rotation and retirement of manager keys. After a rotation the replaced versions stay published
 * (and valid in Vault) for the grace period, then Vault retires and trims them. An owner's calls
 * reach Vault outside any database transaction; the scheduled policy runs in one, which holds its
 * lock.
 */
@Service
public class KeyService {

  private static final Logger log = LoggerFactory.getLogger(KeyService.class);

  static final String JOB = "mcp-key-policy";

  private final ServerRegistry registry;
  private final ServerStateService state;
  private final ManagerKeys keys;
  private final McpMetrics metrics;
  private final McpProperties properties;

  KeyService(
      ServerRegistry registry,
      ServerStateService state,
      ManagerKeys keys,
      McpMetrics metrics,
      McpProperties properties) {
    this.registry = registry;
    this.state = state;
    this.keys = keys;
    this.metrics = metrics;
    this.properties = properties;
  }

  public Map<String, Object> jwks(CurrentUser user, UUID id) {
    return keys.jwks(registry.managerKey(user, id));
  }

  /** The public JWKS: anyone may read public keys of an existing server. */
  public Map<String, Object> publicJwks(UUID id) {
    return keys.jwks(registry.managerKey(id));
  }

  public KeyStateResponse rotate(CurrentUser user, UUID id) {
    return KeyStateResponse.from(
        rotate(registry.ownedManagerKey(user, id), RequestActor.current(JOB), "rotate"));
  }

  /**
   * The scheduled policy: rotates keys older than the maximum age. Returns how many were rotated.
   */
  @Transactional
  public int rotateKeysOlderThanMaxAge(Instant now) {
    List<UUID> due = registry.idsWithKeysOlderThan(now.minus(properties.keys().maxAge()));
    int rotated = 0;
    for (UUID id : due) {
      var key = registry.findManagerKey(id);
      if (key.isEmpty()) {
        continue;
      }
      // One server whose key Vault refuses (or no longer has) must not stop the others' rotation;
      // it stays due and is tried again at the next run.
      try {
        rotate(key.get(), Actor.system(JOB), "rotate-scheduled");
        rotated++;
      } catch (SecretCipherException e) {
        log.warn(
            "scheduled rotation of the manager key of server {} failed: {}", id, e.getMessage());
      }
    }
    return rotated;
  }

  /**
   * Retires the versions whose grace period ended by {@code now}. Returns how many servers were
   * swept.
   */
  @Transactional
  public int retireExpiredVersions(Instant now) {
    List<UUID> due = registry.idsWithKeysToRetire(now);
    for (UUID id : due) {
      registry
          .findManagerKey(id)
          .ifPresent(
              key -> {
                // the query selects servers with a retirement pending, and both columns are set
                // together
                int below =
                    Objects.requireNonNull(key.retireBelowVersion(), "retire_below_version");
                keys.retireBelow(key, below);
                state.oldKeysRetired(id, below, Actor.system(JOB));
              });
    }
    return due.size();
  }

  private ManagerKey rotate(ManagerKey key, Actor actor, String action) {
    int after = keys.rotate(key);
    ManagerKey rotated =
        state.keyRotated(key.serverId(), after, properties.keys().gracePeriod(), actor, action);
    metrics.succeeded(Operation.ROTATE);
    return rotated;
  }
}
