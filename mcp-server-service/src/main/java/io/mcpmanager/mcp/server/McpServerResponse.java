package io.mcpmanager.mcp.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A registered MCP server as the API shows it. Holds no secret (certificates and public keys are public). */
public record McpServerResponse(
    UUID id,
    String ownerId,
    String name,
    String url,
    String status,
    String errorType,
    String errorMessage,
    Map<String, Object> config,
    String tlsCertificate,
    Instant tlsCertificateExpiresAt,
    String serverPublicKey,
    String serverPublicKeyAlgorithm,
    ServerInfo serverInfo,
    Long lastLatencyMs,
    Instant lastCheckedAt,
    Instant lastSeenAt,
    boolean hasSession,
    int keyVersion,
    Instant keyCreatedAt,
    Instant createdAt,
    Instant updatedAt) {

  /** What the server said about itself in its last successful handshake. */
  public record ServerInfo(String name, String version, String protocolVersion,
      Map<String, Object> capabilities, List<String> tools) {}

  public static McpServerResponse from(McpServer s) {
    ServerInfo info = s.serverName() == null && s.protocolVersion() == null ? null
        : new ServerInfo(s.serverName(), s.serverVersion(), s.protocolVersion(), s.capabilities(), s.toolNames());
    return new McpServerResponse(s.id(), s.ownerId(), s.name(), s.url(), s.status().value(), s.errorType(),
        s.errorMessage(), s.config(), s.tlsCertificate(), s.tlsCertificateExpiresAt(), s.serverPublicKey(),
        s.serverPublicKeyAlgorithm(), info, s.lastLatencyMs(), s.lastCheckedAt(), s.lastSeenAt(),
        s.hasSession(), s.keyVersion(), s.keyCreatedAt(), s.createdAt(), s.updatedAt());
  }
}
