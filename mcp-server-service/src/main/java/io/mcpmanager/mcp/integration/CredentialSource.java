package io.mcpmanager.mcp.integration;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where brokered credentials come from: integration-service (API-token integrations) and
 * git-connection-service (OAuth connections), reached through their internal APIs. Every call names
 * the MCP server it is made for: the owning service accepts it only with this service's signed
 * proof of owner, server and link (a caller assertion).
 */
public interface CredentialSource {

  /**
   * @throws CredentialNotFoundException when the owner has no such integration
   */
  BrokeredCredential integrationCredential(UUID serverId, String ownerId, String integrationType);

  /**
   * @throws CredentialNotFoundException when the owner has no such connection
   */
  BrokeredCredential gitCredential(UUID serverId, String ownerId, String connectionId);

  CredentialStatus integrationStatus(UUID serverId, String ownerId, String integrationType);

  CredentialStatus gitStatus(UUID serverId, String ownerId, String connectionId);

  /** A credential on its way to an MCP server. Its toString never shows the secret. */
  // integration-service and git-connection-service name the secret access_token and send more
  // fields
  // than this client needs: a reader of another service's answer ignores what it does not use.
  @JsonIgnoreProperties(ignoreUnknown = true)
  record BrokeredCredential(
      @JsonAlias("access_token") @Nullable String credential,
      @Nullable String type,
      @Nullable Instant expiresAt) {
    @Override
    public String toString() {
      return "BrokeredCredential[type=" + type + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** Whether the credential behind an integration exists and is usable. */
  record CredentialStatus(boolean exists, boolean valid, @Nullable String status) {
    static CredentialStatus missing() {
      return new CredentialStatus(false, false, "not_found");
    }
  }
}
