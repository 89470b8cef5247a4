package io.mcpmanager.mcp.integration;

import io.mcpmanager.mcp.server.ServerStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * Permission for an MCP server to use one of its owner's credentials: an integration type
 * (integration-service) or a git connection (git-connection-service). Holds no credential.
 */
@Entity
@Table(name = "mcp_integration")
class McpIntegration {

  @Id private UUID id;
  private UUID serverId;
  private String ownerId;
  private @Nullable String integrationType;
  private @Nullable String gitConnectionId;
  private boolean enabled;
  private ServerStatus status;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> config;

  private @Nullable Boolean credentialsValid;
  private @Nullable Instant lastSyncAt;
  private @Nullable String errorMessage;
  private Instant createdAt;
  private Instant updatedAt;

  @Version private long version;

  protected McpIntegration() {}

  public static McpIntegration link(
      UUID serverId,
      String ownerId,
      @Nullable String integrationType,
      @Nullable String gitConnectionId,
      boolean enabled,
      Map<String, Object> config,
      Instant now) {
    McpIntegration integration = new McpIntegration();
    integration.id = UUID.randomUUID();
    integration.serverId = serverId;
    integration.ownerId = ownerId;
    integration.integrationType = integrationType;
    integration.gitConnectionId = gitConnectionId;
    integration.enabled = enabled;
    integration.config = Map.copyOf(config);
    integration.status = enabled ? ServerStatus.CONNECTING : ServerStatus.INACTIVE;
    integration.createdAt = now;
    integration.updatedAt = now;
    return integration;
  }

  public void enable(Instant now) {
    this.enabled = true;
    this.status =
        credentialsValid == null
            ? ServerStatus.CONNECTING
            : credentialsValid ? ServerStatus.ACTIVE : ServerStatus.ERROR;
    this.updatedAt = now;
  }

  public void disable(Instant now) {
    this.enabled = false;
    this.status = ServerStatus.INACTIVE;
    this.updatedAt = now;
  }

  public void reconfigure(Map<String, Object> newConfig, Instant now) {
    this.config = Map.copyOf(newConfig);
    this.updatedAt = now;
  }

  /** The owning service answered: the credential is usable or not. */
  public void synced(boolean valid, String problem, Instant now) {
    this.credentialsValid = valid;
    this.errorMessage = valid ? null : problem;
    this.lastSyncAt = now;
    if (enabled) {
      this.status = valid ? ServerStatus.ACTIVE : ServerStatus.ERROR;
    }
    this.updatedAt = now;
  }

  /** The owning service could not be asked; validity stays unknown. */
  public void syncFailed(String problem, Instant now) {
    this.errorMessage = problem;
    this.updatedAt = now;
  }

  /** What the integration points at, for events and logs: {@code notion} or {@code git:<id>}. */
  public String target() {
    return gitConnectionId != null
        ? "git:" + gitConnectionId
        : Objects.requireNonNull(
            integrationType, "a link names an integration type or a git connection");
  }

  public UUID id() {
    return id;
  }

  public UUID serverId() {
    return serverId;
  }

  public String ownerId() {
    return ownerId;
  }

  public @Nullable String integrationType() {
    return integrationType;
  }

  public @Nullable String gitConnectionId() {
    return gitConnectionId;
  }

  public boolean enabled() {
    return enabled;
  }

  public ServerStatus status() {
    return status;
  }

  public Map<String, Object> config() {
    return config;
  }

  public @Nullable Boolean credentialsValid() {
    return credentialsValid;
  }

  public @Nullable Instant lastSyncAt() {
    return lastSyncAt;
  }

  public @Nullable String errorMessage() {
    return errorMessage;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
