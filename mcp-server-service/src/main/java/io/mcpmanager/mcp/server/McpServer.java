package io.mcpmanager.mcp.server;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * An MCP server a user registered. The manager's private signing key is not here and never was: it
 * lives in Vault Transit under {@link #signingKeyName()}; this row only tracks its versions.
 */
@Entity
@Table(name = "mcp_server")
public class McpServer {

  @Id private UUID id;
  private String ownerId;
  private String name;
  private String url;
  private @Nullable String tlsCertificate;
  private @Nullable Instant tlsCertificateExpiresAt;
  private @Nullable String serverPublicKey;
  private @Nullable String serverPublicKeyAlgorithm;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> config;

  private ServerStatus status;
  private @Nullable String errorType;
  private @Nullable String errorMessage;
  private @Nullable String serverName;
  private @Nullable String serverVersion;
  private @Nullable String protocolVersion;

  @JdbcTypeCode(SqlTypes.JSON)
  private @Nullable Map<String, Object> capabilities;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "tool_names")
  private @Nullable List<String> toolNames;

  private @Nullable Long lastLatencyMs;
  private @Nullable Instant lastCheckedAt;
  private @Nullable Instant lastSeenAt;
  private @Nullable String sessionCiphertext;
  private String signingKeyName;
  private int keyVersion;
  private Instant keyCreatedAt;
  private @Nullable Integer retireBelowVersion;
  private @Nullable Instant retireAfter;
  private Instant createdAt;
  private Instant updatedAt;

  @Version private long version;

  protected McpServer() {}

  /** A new server waiting for its first check; its manager key is created by the caller. */
  public static McpServer register(
      UUID id, String ownerId, String name, String url, Map<String, Object> config, Instant now) {
    McpServer server = new McpServer();
    server.id = id;
    server.ownerId = ownerId;
    server.name = name;
    server.url = url;
    server.config = Map.copyOf(config);
    server.status = ServerStatus.CONNECTING;
    server.signingKeyName = "mcp-server-" + id;
    server.keyVersion = 1;
    server.keyCreatedAt = now;
    server.createdAt = now;
    server.updatedAt = now;
    return server;
  }

  public void rename(String newName, Instant now) {
    this.name = newName;
    this.updatedAt = now;
  }

  /** A new endpoint must prove itself again. */
  public void moveTo(String newUrl, Instant now) {
    this.url = newUrl;
    this.sessionCiphertext = null;
    if (status != ServerStatus.INACTIVE) {
      this.status = ServerStatus.CONNECTING;
    }
    this.updatedAt = now;
  }

  /** A new key: no credential until a check has verified the server again. */
  public void requireVerification(Instant now) {
    this.sessionCiphertext = null;
    if (status != ServerStatus.INACTIVE) {
      this.status = ServerStatus.CONNECTING;
    }
    this.updatedAt = now;
  }

  public void pinTls(@Nullable TlsMaterial material, Instant now) {
    this.tlsCertificate = material == null ? null : material.pem();
    this.tlsCertificateExpiresAt = material == null ? null : material.expiresAt();
    this.updatedAt = now;
  }

  public void trustServerKey(@Nullable ServerPublicKey key, Instant now) {
    this.serverPublicKey = key == null ? null : key.pem();
    this.serverPublicKeyAlgorithm = key == null ? null : key.algorithm().name();
    this.updatedAt = now;
  }

  public void reconfigure(Map<String, Object> newConfig, Instant now) {
    this.config = Map.copyOf(newConfig);
    this.updatedAt = now;
  }

  public void deactivate(Instant now) {
    this.status = ServerStatus.INACTIVE;
    this.sessionCiphertext = null;
    this.updatedAt = now;
  }

  public void reactivate(Instant now) {
    if (status == ServerStatus.INACTIVE) {
      this.status = ServerStatus.CONNECTING;
      this.updatedAt = now;
    }
  }

  /** A successful MCP handshake. An inactive server keeps its status but records what it saw. */
  public void markReachable(
      @Nullable String serverName,
      @Nullable String serverVersion,
      @Nullable String protocolVersion,
      Map<String, Object> capabilities,
      List<String> toolNames,
      long latencyMs,
      @Nullable String sessionCiphertext,
      Instant now) {
    if (status != ServerStatus.INACTIVE) {
      this.status = ServerStatus.ACTIVE;
    }
    this.errorType = null;
    this.errorMessage = null;
    this.serverName = serverName;
    this.serverVersion = serverVersion;
    this.protocolVersion = protocolVersion;
    this.capabilities = capabilities;
    this.toolNames = List.copyOf(toolNames);
    this.lastLatencyMs = latencyMs;
    this.sessionCiphertext = sessionCiphertext;
    this.lastCheckedAt = now;
    this.lastSeenAt = now;
    this.updatedAt = now;
  }

  public void markFailed(
      String errorType, @Nullable String errorMessage, long latencyMs, Instant now) {
    if (status != ServerStatus.INACTIVE) {
      this.status = ServerStatus.ERROR;
    }
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.lastLatencyMs = latencyMs;
    this.sessionCiphertext = null;
    this.lastCheckedAt = now;
    this.updatedAt = now;
  }

  /**
   * Vault now signs with {@code newVersion}; older versions are retired after {@code retireAfter}.
   */
  public void keyRotated(int newVersion, Instant retireAt, Instant now) {
    this.keyVersion = newVersion;
    this.keyCreatedAt = now;
    this.retireBelowVersion = newVersion;
    this.retireAfter = retireAt;
    this.updatedAt = now;
  }

  public void oldKeysRetired(Instant now) {
    this.retireBelowVersion = null;
    this.retireAfter = null;
    this.updatedAt = now;
  }

  public boolean isActive() {
    return status == ServerStatus.ACTIVE;
  }

  public UUID id() {
    return id;
  }

  public String ownerId() {
    return ownerId;
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  public @Nullable String tlsCertificate() {
    return tlsCertificate;
  }

  public @Nullable Instant tlsCertificateExpiresAt() {
    return tlsCertificateExpiresAt;
  }

  public @Nullable String serverPublicKey() {
    return serverPublicKey;
  }

  public @Nullable String serverPublicKeyAlgorithm() {
    return serverPublicKeyAlgorithm;
  }

  public Map<String, Object> config() {
    return config;
  }

  public ServerStatus status() {
    return status;
  }

  public @Nullable String errorType() {
    return errorType;
  }

  public @Nullable String errorMessage() {
    return errorMessage;
  }

  public @Nullable String serverName() {
    return serverName;
  }

  public @Nullable String serverVersion() {
    return serverVersion;
  }

  public @Nullable String protocolVersion() {
    return protocolVersion;
  }

  public @Nullable Map<String, Object> capabilities() {
    return capabilities;
  }

  public List<String> toolNames() {
    return toolNames == null ? List.of() : toolNames;
  }

  public @Nullable Long lastLatencyMs() {
    return lastLatencyMs;
  }

  public @Nullable Instant lastCheckedAt() {
    return lastCheckedAt;
  }

  public @Nullable Instant lastSeenAt() {
    return lastSeenAt;
  }

  public boolean hasSession() {
    return sessionCiphertext != null;
  }

  public String signingKeyName() {
    return signingKeyName;
  }

  public int keyVersion() {
    return keyVersion;
  }

  public Instant keyCreatedAt() {
    return keyCreatedAt;
  }

  public @Nullable Integer retireBelowVersion() {
    return retireBelowVersion;
  }

  public @Nullable Instant retireAfter() {
    return retireAfter;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
