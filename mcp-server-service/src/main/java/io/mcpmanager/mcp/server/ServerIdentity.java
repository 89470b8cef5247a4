package io.mcpmanager.mcp.server;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the broker checks of a server that signed a request: its own public key, owner and status.
 */
public record ServerIdentity(
    UUID id, String ownerId, ServerStatus status, @Nullable String serverPublicKey) {

  static ServerIdentity of(McpServer server) {
    return new ServerIdentity(
        server.id(), server.ownerId(), server.status(), server.serverPublicKey());
  }

  public boolean isActive() {
    return status == ServerStatus.ACTIVE;
  }
}
