package io.mcpmanager.mcp.health;

import io.mcpmanager.kit.outbound.BodyTooLargeException;
import io.mcpmanager.kit.outbound.CheckedTarget;
import io.mcpmanager.kit.outbound.OutboundHttp;
import io.mcpmanager.mcp.health.PinnedStreamableHttpTransport.McpHttpStatusException;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Connects to an MCP server with the official MCP Java SDK's client over Streamable HTTP, runs
 * {@code initialize} and {@code tools/list} with the manager's JWT as bearer, and reports what it
 * found. Every request of one check goes to the addresses the outbound guard checked for it ({@link
 * PinnedStreamableHttpTransport}), follows no redirect and reads at most {@code maxResponseSize} of
 * each response.
 */
public class McpProbe {

  private final OutboundHttp outbound;
  private final Duration timeout;
  private final DataSize maxResponseSize;
  private final McpJsonMapper json = McpJsonDefaults.getMapper();

  public McpProbe(OutboundHttp outbound, Duration timeout, DataSize maxResponseSize) {
    this.outbound = outbound;
    this.timeout = timeout;
    this.maxResponseSize = maxResponseSize;
  }

  /**
   * @param target the server's URL as the outbound guard checked it, with its addresses
   * @param trust pinned trust anchors, or {@code null} for the JVM's default trust store
   */
  public ProbeResult probe(CheckedTarget target, String bearerToken, @Nullable SSLContext trust) {
    long started = System.nanoTime();
    OutboundHttp.PinnedClient http = outbound.pinned(target, maxResponseSize, trust);
    PinnedStreamableHttpTransport transport =
        new PinnedStreamableHttpTransport(http, target.uri(), bearerToken, json);
    try (McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(timeout)
            .initializationTimeout(timeout)
            .clientInfo(new McpSchema.Implementation("mcp-manager", "1.0"))
            .build()) {
      McpSchema.InitializeResult init = client.initialize();
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      long latency = elapsedMillis(started);
      @SuppressWarnings("unchecked")
      Map<String, Object> capabilities =
          init.capabilities() == null
              ? Map.of()
              : json.convertValue(init.capabilities(), Map.class);
      McpSchema.Implementation info = init.serverInfo();
      return new ProbeResult(
          true,
          null,
          null,
          latency,
          info == null ? null : info.name(),
          info == null ? null : info.version(),
          init.protocolVersion(),
          capabilities,
          tools,
          transport.sessionId().orElse(null));
    } catch (RuntimeException e) {
      return classify(e, elapsedMillis(started));
    } finally {
      close(http);
    }
  }

  private static void close(OutboundHttp.PinnedClient http) {
    try {
      http.close();
    } catch (IOException ignored) {
      // the connections are gone either way
    }
  }

  /** Types a failure by the most telling cause anywhere in its chain. */
  static ProbeResult classify(Throwable failure, long latencyMs) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    for (Throwable t : chain) {
      if (t instanceof McpHttpStatusException http) {
        return statusFailure(http.status(), latencyMs);
      }
      if (t instanceof BodyTooLargeException tooLarge) {
        return ProbeResult.failed(
            ProbeResult.PROTOCOL_ERROR,
            "The server's response exceeds " + tooLarge.limit() + " bytes",
            latencyMs);
      }
    }
    if (chain.stream()
        .anyMatch(t -> t instanceof SSLException || t instanceof CertificateException)) {
      return ProbeResult.failed(
          ProbeResult.TLS_ERROR, "The TLS handshake with the server failed", latencyMs);
    }
    if (chain.stream()
        .anyMatch(
            t ->
                // Socket and connect timeouts of the pinned client are InterruptedIOExceptions.
                t instanceof InterruptedIOException
                    || t instanceof TimeoutException
                    || String.valueOf(t.getMessage())
                        .contains("Did not observe any item or terminal signal"))) {
      return ProbeResult.failed(
          ProbeResult.TIMEOUT, "The server did not answer in time", latencyMs);
    }
    if (chain.stream()
        .anyMatch(
            t ->
                t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException)) {
      return ProbeResult.failed(ProbeResult.UNREACHABLE, "The server cannot be reached", latencyMs);
    }
    boolean mcpError = chain.stream().anyMatch(t -> t instanceof McpError);
    return ProbeResult.failed(
        ProbeResult.PROTOCOL_ERROR,
        mcpError
            ? "The server answered with an MCP error"
            : "The server did not speak MCP over Streamable HTTP",
        latencyMs);
  }

  private static ProbeResult statusFailure(int status, long latencyMs) {
    if (status == 401 || status == 403) {
      return ProbeResult.failed(
          ProbeResult.UNAUTHORIZED,
          "The server refused the manager's token (HTTP " + status + ")",
          latencyMs);
    }
    if (status >= 300 && status < 400) {
      return ProbeResult.failed(
          ProbeResult.PROTOCOL_ERROR,
          "The server answered with a redirect (HTTP " + status + "), which is not followed",
          latencyMs);
    }
    return ProbeResult.failed(
        ProbeResult.PROTOCOL_ERROR, "The server answered HTTP " + status, latencyMs);
  }

  private static long elapsedMillis(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }
}
