package io.mcpmanager.mcp.integration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public record McpIntegrationResponse(UUID id, UUID mcpServerId, String integration, String gitConnectionId,
    boolean enabled, String status, Map<String, Object> config, Boolean credentialsValid, Instant lastSyncAt,
    String errorMessage, Instant createdAt, Instant updatedAt) {

  static McpIntegrationResponse from(McpIntegration i) {
    return new McpIntegrationResponse(i.id(), i.serverId(), i.integrationType(), i.gitConnectionId(), i.enabled(),
        i.status().value(), i.config(), i.credentialsValid(), i.lastSyncAt(), i.errorMessage(), i.createdAt(),
        i.updatedAt());
  }
}
