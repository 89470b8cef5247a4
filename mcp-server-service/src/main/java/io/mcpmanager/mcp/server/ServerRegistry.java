package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.security.CurrentUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the features built on the registry read of a server, each as a small view with what that
 * feature needs. A caller that is neither owner nor admin gets the same 404 as for no server.
 */
@Service
public class ServerRegistry {

  private final McpServerRepository servers;
  private final ServerAccess access;

  ServerRegistry(McpServerRepository servers, ServerAccess access) {
    this.servers = servers;
    this.access = access;
  }

  @Transactional(readOnly = true)
  public ServerRef reference(CurrentUser user, UUID id) {
    return ServerRef.of(access.require(user, id));
  }

  /**
   * For writes that decide where the owner's credentials go (linking, re-enabling a link, verifying
   * it): the owner only; an admin gets the same 404 as anyone else.
   */
  @Transactional(readOnly = true)
  public ServerRef ownedReference(CurrentUser user, UUID id) {
    return ServerRef.of(access.requireOwned(user, id));
  }

  /** The server a broker token claims to come from, if it is registered. */
  @Transactional(readOnly = true)
  public Optional<ServerIdentity> identity(UUID id) {
    return servers.findById(id).map(ServerIdentity::of);
  }

  @Transactional(readOnly = true)
  public ProbeTarget probeTarget(CurrentUser user, UUID id) {
    return ProbeTarget.of(access.require(user, id));
  }

  @Transactional(readOnly = true)
  public Optional<ProbeTarget> probeTarget(UUID id) {
    return servers.findById(id).map(ProbeTarget::of);
  }

  /** Every server that is not switched off. */
  @Transactional(readOnly = true)
  public List<UUID> idsToCheck() {
    return servers.findIdsToCheck();
  }

  @Transactional(readOnly = true)
  public ManagerKey managerKey(CurrentUser user, UUID id) {
    return ManagerKey.of(access.require(user, id));
  }

  /** For rotating the manager key: the owner only. */
  @Transactional(readOnly = true)
  public ManagerKey ownedManagerKey(CurrentUser user, UUID id) {
    return ManagerKey.of(access.requireOwned(user, id));
  }

  /** For anyone (public keys are public); 404 if there is no such server. */
  @Transactional(readOnly = true)
  public ManagerKey managerKey(UUID id) {
    return ManagerKey.of(access.require(id));
  }

  @Transactional(readOnly = true)
  public Optional<ManagerKey> findManagerKey(UUID id) {
    return servers.findById(id).map(ManagerKey::of);
  }

  @Transactional(readOnly = true)
  public List<UUID> idsWithKeysOlderThan(Instant cutoff) {
    return servers.findIdsWithKeysOlderThan(cutoff);
  }

  /** Servers whose replaced key versions reached the end of their grace period by {@code now}. */
  @Transactional(readOnly = true)
  public List<UUID> idsWithKeysToRetire(Instant now) {
    return servers.findIdsWithKeysToRetire(now);
  }
}
