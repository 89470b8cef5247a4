package io.mcpmanager.mcp.integration;

/** Whether a server may use a credential it is linked to, for the broker. */
public record IntegrationLink(String target, boolean enabled) {

  static IntegrationLink of(McpIntegration integration) {
    return new IntegrationLink(integration.target(), integration.enabled());
  }
}
