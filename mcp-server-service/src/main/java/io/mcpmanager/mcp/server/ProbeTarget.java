package io.mcpmanager.mcp.server;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a live check needs of a server: where it is, which certificate is pinned, and the key to
 * sign with.
 */
public record ProbeTarget(
    UUID id, String ownerId, String url, @Nullable String tlsCertificate, ManagerKey managerKey) {

  static ProbeTarget of(McpServer server) {
    return new ProbeTarget(
        server.id(),
        server.ownerId(),
        server.url(),
        server.tlsCertificate(),
        ManagerKey.of(server));
  }
}
