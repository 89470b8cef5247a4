package io.mcpmanager.mcp.integration;

import java.util.UUID;

/**
 * Stands in while this service has no client of its own ({@code MCPM_CLIENT_ID} unset): every call
 * is unavailable.
 */
class NoServiceClientCredentialSource implements CredentialSource {

  private static CredentialSourceUnavailableException noClient() {
    return CredentialSourceUnavailableException.of(
        "auth-server (no service client: set MCPM_CLIENT_ID)", null);
  }

  @Override
  public BrokeredCredential integrationCredential(
      UUID serverId, String ownerId, String integrationType) {
    throw noClient();
  }

  @Override
  public BrokeredCredential gitCredential(UUID serverId, String ownerId, String connectionId) {
    throw noClient();
  }

  @Override
  public CredentialStatus integrationStatus(UUID serverId, String ownerId, String integrationType) {
    throw noClient();
  }

  @Override
  public CredentialStatus gitStatus(UUID serverId, String ownerId, String connectionId) {
    throw noClient();
  }
}
