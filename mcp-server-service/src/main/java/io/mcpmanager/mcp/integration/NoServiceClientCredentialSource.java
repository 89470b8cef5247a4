package io.mcpmanager.mcp.integration;

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
  public BrokeredCredential integrationCredential(String ownerId, String integrationType) {
    throw noClient();
  }

  @Override
  public BrokeredCredential gitCredential(String ownerId, String connectionId) {
    throw noClient();
  }

  @Override
  public CredentialStatus integrationStatus(String ownerId, String integrationType) {
    throw noClient();
  }

  @Override
  public CredentialStatus gitStatus(String ownerId, String connectionId) {
    throw noClient();
  }
}
