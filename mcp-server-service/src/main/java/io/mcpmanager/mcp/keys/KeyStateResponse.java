package io.mcpmanager.mcp.keys;

import io.mcpmanager.mcp.server.McpServer;
import java.time.Instant;
import java.util.UUID;

/** Where a server's manager key stands after a rotation. */
public record KeyStateResponse(UUID serverId, String kid, int keyVersion, Instant keyCreatedAt,
    Integer retireBelowVersion, Instant retireAfter) {

  static KeyStateResponse from(McpServer server) {
    return new KeyStateResponse(server.id(), ManagerKeys.kid(server.id(), server.keyVersion()), server.keyVersion(),
        server.keyCreatedAt(), server.retireBelowVersion(), server.retireAfter());
  }
}
