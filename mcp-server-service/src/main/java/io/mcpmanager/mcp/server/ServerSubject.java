package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.events.CredentialEvents;
import java.util.UUID;

/** An MCP server as the subject of a credential event, on its owner's trail. */
public final class ServerSubject {

  public static final String ENTITY = "mcp-server";

  private ServerSubject() {}

  public static CredentialEvents.Subject of(UUID serverId, String ownerId) {
    return new CredentialEvents.Subject(ownerId, ENTITY, serverId.toString());
  }

  static CredentialEvents.Subject of(McpServer server) {
    return of(server.id(), server.ownerId());
  }
}
