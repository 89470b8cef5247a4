package io.mcpmanager.mcp.integration;

import io.mcpmanager.kit.error.NotFoundException;
import java.util.UUID;

public class McpIntegrationNotFoundException extends NotFoundException {

  private McpIntegrationNotFoundException(UUID id) {
    super("MCP integration", id);
  }

  public static McpIntegrationNotFoundException forId(UUID id) {
    return new McpIntegrationNotFoundException(id);
  }
}
