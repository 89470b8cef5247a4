package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.security.CurrentUser;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Loads a server for a caller: the owner or an admin; anyone else gets the same 404 as for no server. */
@Component
public class ServerAccess {

  public static final String ENTITY = "mcp-server";

  private final McpServerRepository servers;

  ServerAccess(McpServerRepository servers) {
    this.servers = servers;
  }

  public McpServer require(CurrentUser user, UUID id) {
    return servers.findById(id).filter(server -> user.mayAccess(server.ownerId()))
        .orElseThrow(() -> McpServerNotFoundException.forId(id));
  }

  public McpServer require(UUID id) {
    return servers.findById(id).orElseThrow(() -> McpServerNotFoundException.forId(id));
  }

  public static CredentialEvents.Subject subject(McpServer server) {
    return new CredentialEvents.Subject(server.ownerId(), ENTITY, server.id().toString());
  }
}
