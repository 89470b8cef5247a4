package io.mcpmanager.mcp.server;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle of an MCP server (and of an MCP integration) as the seed's frontend shows it. */
public enum ServerStatus {
  ACTIVE,
  INACTIVE,
  ERROR,
  CONNECTING;

  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
