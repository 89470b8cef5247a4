package io.mcpmanager.mcp.server;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a server's manager key stands: the Vault Transit key that signs for it, its current version
 * and the versions waiting to be retired, plus the audience and subject of the tokens it signs.
 */
public record ManagerKey(
    UUID serverId,
    String ownerId,
    String serverUrl,
    String signingKeyName,
    int keyVersion,
    Instant keyCreatedAt,
    @Nullable Integer retireBelowVersion,
    @Nullable Instant retireAfter) {

  static ManagerKey of(McpServer server) {
    return new ManagerKey(
        server.id(),
        server.ownerId(),
        server.url(),
        server.signingKeyName(),
        server.keyVersion(),
        server.keyCreatedAt(),
        server.retireBelowVersion(),
        server.retireAfter());
  }
}
