package io.mcpmanager.mcp.integration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record McpIntegrationResponse(
    UUID id,
    UUID mcpServerId,
    @Nullable String integration,
    @Nullable String gitConnectionId,
    boolean enabled,
    String status,
    Map<String, Object> config,
    @Nullable Boolean credentialsValid,
    @Nullable Instant lastSyncAt,
    @Nullable String errorMessage,
    Instant createdAt,
    Instant updatedAt) {

  static McpIntegrationResponse from(McpIntegration i) {
    return new McpIntegrationResponse(
        i.id(),
        i.serverId(),
        i.integrationType(),
        i.gitConnectionId(),
        i.enabled(),
        i.status().value(),
        i.config(),
        i.credentialsValid(),
        i.lastSyncAt(),
        i.errorMessage(),
        i.createdAt(),
        i.updatedAt());
  }
}
