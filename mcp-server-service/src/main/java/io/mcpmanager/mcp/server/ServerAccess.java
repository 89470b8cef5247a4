package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.security.CurrentUser;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Loads a server for a caller: the owner or an admin; anyone else gets the same 404 as for no
 * server.
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

  McpServer require(UUID id) {
    return servers.findById(id).orElseThrow(() -> McpServerNotFoundException.forId(id));
  }
}
