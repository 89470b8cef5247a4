package io.mcpmanager.mcp.server;

import java.util.UUID;

/**
 * A server a caller may act on, as far as a feature built on the registry needs it: who owns it.
 */
public record ServerRef(UUID id, String ownerId) {

  static ServerRef of(McpServer server) {
    return new ServerRef(server.id(), server.ownerId());
  }
}
