package io.mcpmanager.mcp.integration;

/** A server's link to a credential, as the broker sees it: whether the owner has it switched on. */
public record IntegrationLink(boolean enabled) {

  static IntegrationLink of(McpIntegration integration) {
    return new IntegrationLink(integration.enabled());
  }
}
