package io.mcpmanager.mcp.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A registered MCP server as the API shows it. Holds no secret (certificates and public keys are
 * public).
 */
public record McpServerResponse(
    UUID id,
    String ownerId,
    String name,
    String url,
    String status,
    @Nullable String errorType,
    @Nullable String errorMessage,
    Map<String, Object> config,
    @Nullable String tlsCertificate,
    @Nullable Instant tlsCertificateExpiresAt,
    @Nullable String serverPublicKey,
    @Nullable String serverPublicKeyAlgorithm,
    @Nullable ServerInfo serverInfo,
    @Nullable Long lastLatencyMs,
    @Nullable Instant lastCheckedAt,
    @Nullable Instant lastSeenAt,
    boolean hasSession,
    int keyVersion,
    Instant keyCreatedAt,
    Instant createdAt,
    Instant updatedAt) {

  /** What the server said about itself in its last successful handshake. */
  public record ServerInfo(
      @Nullable String name,
      @Nullable String version,
      @Nullable String protocolVersion,
      @Nullable Map<String, Object> capabilities,
      List<String> tools) {}

  public static McpServerResponse from(McpServer s) {
    ServerInfo info =
        s.serverName() == null && s.protocolVersion() == null
            ? null
            : new ServerInfo(
                s.serverName(),
                s.serverVersion(),
                s.protocolVersion(),
                s.capabilities(),
                s.toolNames());
    return new McpServerResponse(
        s.id(),
        s.ownerId(),
        s.name(),
        s.url(),
        s.status().value(),
        s.errorType(),
        s.errorMessage(),
        s.config(),
        s.tlsCertificate(),
        s.tlsCertificateExpiresAt(),
        s.serverPublicKey(),
        s.serverPublicKeyAlgorithm(),
        info,
        s.lastLatencyMs(),
        s.lastCheckedAt(),
        s.lastSeenAt(),
        s.hasSession(),
        s.keyVersion(),
        s.keyCreatedAt(),
        s.createdAt(),
        s.updatedAt());
  }
}
