package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.error.NotFoundException;
import java.util.UUID;

/** No such server, or one the caller may not see: both answer 404. */
public class McpServerNotFoundException extends NotFoundException {

  private McpServerNotFoundException(UUID id) {
    super("MCP server", id);
  }

  public static McpServerNotFoundException forId(UUID id) {
    return new McpServerNotFoundException(id);
  }
}
