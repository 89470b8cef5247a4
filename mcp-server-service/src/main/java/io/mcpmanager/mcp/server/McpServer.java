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

/**
 * An MCP server a user registered. The manager's private signing key is not here and never was:
 * it lives in Vault Transit under {@link #signingKeyName()}; this row only tracks its versions.
 */
@Entity
@Table(name = "mcp_server")
public class McpServer {

  @Id private UUID id;
  private String ownerId;
  private String name;
  private String url;
  private String tlsCertificate;
  private Instant tlsCertificateExpiresAt;
  private String serverPublicKey;
  private String serverPublicKeyAlgorithm;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> config;

  private ServerStatus status;
  private String errorType;
  private String errorMessage;
  private String serverName;
  private String serverVersion;
  private String protocolVersion;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> capabilities;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "tool_names")
  private List<String> toolNames;

  private Long lastLatencyMs;
  private Instant lastCheckedAt;
  private Instant lastSeenAt;
  private String sessionCiphertext;
  private String signingKeyName;
  private int keyVersion;
  private Instant keyCreatedAt;
  private Integer retireBelowVersion;
  private Instant retireAfter;
  private Instant createdAt;
  private Instant updatedAt;

  @Version private long version;

  protected McpServer() {}

  /** A new server waiting for its first check; its manager key is created by the caller. */
  public static McpServer register(UUID id, String ownerId, String name, String url, Map<String, Object> config,
      Instant now) {
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

  public void pinTls(TlsMaterial material, Instant now) {
    this.tlsCertificate = material == null ? null : material.pem();
    this.tlsCertificateExpiresAt = material == null ? null : material.expiresAt();
    this.updatedAt = now;
  }

  public void trustServerKey(ServerPublicKey key, Instant now) {
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
  public void markReachable(String serverName, String serverVersion, String protocolVersion,
      Map<String, Object> capabilities, List<String> toolNames, long latencyMs, String sessionCiphertext,
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

  public void markFailed(String errorType, String errorMessage, long latencyMs, Instant now) {
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

  /** Vault now signs with {@code newVersion}; older versions are retired after {@code retireAfter}. */
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

  public UUID id() { return id; }
  public String ownerId() { return ownerId; }
  public String name() { return name; }
  public String url() { return url; }
  public String tlsCertificate() { return tlsCertificate; }
  public Instant tlsCertificateExpiresAt() { return tlsCertificateExpiresAt; }
  public String serverPublicKey() { return serverPublicKey; }
  public String serverPublicKeyAlgorithm() { return serverPublicKeyAlgorithm; }
  public Map<String, Object> config() { return config; }
  public ServerStatus status() { return status; }
  public String errorType() { return errorType; }
  public String errorMessage() { return errorMessage; }
  public String serverName() { return serverName; }
  public String serverVersion() { return serverVersion; }
  public String protocolVersion() { return protocolVersion; }
  public Map<String, Object> capabilities() { return capabilities; }
  public List<String> toolNames() { return toolNames == null ? List.of() : toolNames; }
  public Long lastLatencyMs() { return lastLatencyMs; }
  public Instant lastCheckedAt() { return lastCheckedAt; }
  public Instant lastSeenAt() { return lastSeenAt; }
  public boolean hasSession() { return sessionCiphertext != null; }
  public String signingKeyName() { return signingKeyName; }
  public int keyVersion() { return keyVersion; }
  public Instant keyCreatedAt() { return keyCreatedAt; }
  public Integer retireBelowVersion() { return retireBelowVersion; }
  public Instant retireAfter() { return retireAfter; }
  public Instant createdAt() { return createdAt; }
  public Instant updatedAt() { return updatedAt; }
}
