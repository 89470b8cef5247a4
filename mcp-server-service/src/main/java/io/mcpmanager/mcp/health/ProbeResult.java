package io.mcpmanager.mcp.health;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one MCP handshake found: either the server's self-description and tools, or a typed error
 * ({@code unreachable}, {@code tls_error}, {@code unauthorized}, {@code protocol_error}, {@code
 * timeout}). {@code sessionId} is secret-ish and is only ever stored as Transit ciphertext.
 */
public record ProbeResult(
    boolean ok,
    @Nullable String errorType,
    @Nullable String errorMessage,
    long latencyMs,
    @Nullable String serverName,
    @Nullable String serverVersion,
    @Nullable String protocolVersion,
    Map<String, Object> capabilities,
    List<String> tools,
    @Nullable String sessionId) {

  public static final String UNREACHABLE = "unreachable";
  public static final String TLS_ERROR = "tls_error";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String PROTOCOL_ERROR = "protocol_error";
  public static final String TIMEOUT = "timeout";

  static ProbeResult failed(String errorType, @Nullable String message, long latencyMs) {
    return new ProbeResult(
        false, errorType, message, latencyMs, null, null, null, Map.of(), List.of(), null);
  }

  /** The type of a failed check, which every failure names. */
  String failureType() {
    return Objects.requireNonNull(errorType, "a failed check names its error type");
  }

  /** The metric's outcome tag: {@code ok} or the error type. */
  String outcome() {
    return ok ? "ok" : failureType();
  }
}
