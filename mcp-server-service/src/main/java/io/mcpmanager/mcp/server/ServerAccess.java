package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.security.CurrentUser;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Loads a server for a caller. {@link #require(CurrentUser, UUID)} is for reading, disabling and
 * deleting: the owner or an admin. {@link #requireOwned} is for every other write (re-key,
 * re-point, rename, re-enable, link, rotate): the owner only, since those decide where the owner's
 * credentials go. Anyone else, an admin included, gets the same 404 as for no server.
 */
@Component
class ServerAccess {

  private final McpServerRepository servers;

  ServerAccess(McpServerRepository servers) {
    this.servers = servers;
  }

  McpServer require(CurrentUser user, UUID id) {
    return servers
        .findById(id)
        .filter(server -> user.mayAccess(server.ownerId()))
        .orElseThrow(() -> McpServerNotFoundException.forId(id));
  }

  McpServer requireOwned(CurrentUser user, UUID id) {
    return servers
        .findById(id)
        .filter(server -> user.id().equals(server.ownerId()))
        .orElseThrow(() -> McpServerNotFoundException.forId(id));
  }

  McpServer require(UUID id) {
    return servers.findById(id).orElseThrow(() -> McpServerNotFoundException.forId(id));
  }
}
