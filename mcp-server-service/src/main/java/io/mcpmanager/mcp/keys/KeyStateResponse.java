package io.mcpmanager.mcp.keys;

import io.mcpmanager.mcp.server.ManagerKey;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Where a server's manager key stands after a rotation. */
public record KeyStateResponse(
    UUID serverId,
    String kid,
    int keyVersion,
    Instant keyCreatedAt,
    @Nullable Integer retireBelowVersion,
    @Nullable Instant retireAfter) {

  static KeyStateResponse from(ManagerKey key) {
    return new KeyStateResponse(
        key.serverId(),
        ManagerKeys.kid(key.serverId(), key.keyVersion()),
        key.keyVersion(),
        key.keyCreatedAt(),
        key.retireBelowVersion(),
        key.retireAfter());
  }
}
