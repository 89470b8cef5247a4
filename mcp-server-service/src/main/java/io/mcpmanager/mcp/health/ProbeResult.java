package io.mcpmanager.mcp.health;

import java.util.List;
import java.util.Map;

/**
 * What one MCP handshake found: either the server's self-description and tools, or a typed error
 * ({@code unreachable}, {@code tls_error}, {@code unauthorized}, {@code protocol_error}, {@code timeout}).
 * {@code sessionId} is secret-ish and is only ever stored as Transit ciphertext.
 */
public record ProbeResult(
    boolean ok,
    String errorType,
    String errorMessage,
    long latencyMs,
    String serverName,
    String serverVersion,
    String protocolVersion,
    Map<String, Object> capabilities,
    List<String> tools,
    String sessionId) {

  public static final String UNREACHABLE = "unreachable";
  public static final String TLS_ERROR = "tls_error";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String PROTOCOL_ERROR = "protocol_error";
  public static final String TIMEOUT = "timeout";

  static ProbeResult failed(String errorType, String message, long latencyMs) {
    return new ProbeResult(false, errorType, message, latencyMs, null, null, null, null, List.of(), null);
  }
}
