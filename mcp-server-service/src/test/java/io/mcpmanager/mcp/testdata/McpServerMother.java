package io.mcpmanager.mcp.testdata;

import io.mcpmanager.mcp.server.McpServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** MCP servers in each state of their lifecycle, registered at {@link #REGISTERED_AT}. */
public final class McpServerMother {

  public static final Instant REGISTERED_AT = Instant.parse("2026-01-01T10:00:00Z");
  public static final String OWNER = "user-mother";

  private McpServerMother() {}

  /** Just registered, waiting for its first check. */
  public static McpServer connecting() {
    return McpServer.register(
        UUID.randomUUID(),
        OWNER,
        "notes",
        "https://mcp.example.com/mcp",
        Map.of("region", "eu"),
        REGISTERED_AT);
  }

  /** Passed a check one minute after registration, with an MCP session. */
  public static McpServer active() {
    McpServer server = connecting();
    reachable(server, REGISTERED_AT.plusSeconds(60));
    return server;
  }

  /** Failed its first check one minute after registration. */
  public static McpServer failing() {
    McpServer server = connecting();
    server.markFailed(
        "connection_refused", "Connection refused", 12, REGISTERED_AT.plusSeconds(60));
    return server;
  }

  /** Was active, then switched off by its owner two minutes after registration. */
  public static McpServer inactive() {
    McpServer server = active();
    server.deactivate(REGISTERED_AT.plusSeconds(120));
    return server;
  }

  /** A successful handshake of the notes server at {@code now}. */
  public static void reachable(McpServer server, Instant now) {
    server.markReachable(
        "notes-server",
        "1.2.0",
        "2025-06-18",
        Map.of("tools", Map.of()),
        List.of("search", "create"),
        42,
        "vault:v1:session",
        now);
  }
}
