package io.mcpmanager.mcp.health;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Connects to an MCP server with the official MCP Java SDK over Streamable HTTP, runs {@code
 * initialize} and {@code tools/list} with the manager's JWT as bearer, and reports what it found.
 */
public class McpProbe {

  private static final String SESSION_HEADER = "mcp-session-id";

  private final Duration timeout;
  private final McpJsonMapper json = McpJsonDefaults.getMapper();

  public McpProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * @param trust pinned trust anchors, or {@code null} for the JVM's default trust store
   */
  public ProbeResult probe(URI url, String bearerToken, @Nullable SSLContext trust) {
    AtomicReference<String> sessionId = new AtomicReference<>();
    String base = url.getScheme() + "://" + url.getRawAuthority();
    String endpoint =
        (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(base)
            .endpoint(endpoint)
            .connectTimeout(timeout)
            .openConnectionOnStartup(false)
            .customizeClient(
                client -> {
                  if (trust != null) {
                    client.sslContext(trust);
                  }
                })
            .httpRequestCustomizer(
                (request, method, uri, body, context) -> {
                  request.header("Authorization", "Bearer " + bearerToken);
                  request
                      .copy()
                      .build()
                      .headers()
                      .firstValue(SESSION_HEADER)
                      .ifPresent(sessionId::set);
                })
            .build();
    long started = System.nanoTime();
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
          sessionId.get());
    } catch (RuntimeException e) {
      return classify(e, elapsedMillis(started));
    }
  }

  /** Types a failure by the most telling cause anywhere in its chain. */
  static ProbeResult classify(Throwable failure, long latencyMs) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    for (Throwable t : chain) {
      if (t instanceof McpHttpClientTransportAuthorizationException auth) {
        int status = auth.getResponseInfo() == null ? 401 : auth.getResponseInfo().statusCode();
        return ProbeResult.failed(
            ProbeResult.UNAUTHORIZED,
            "The server refused the manager's token (HTTP " + status + ")",
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
                t instanceof HttpTimeoutException
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
                    || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException)) {
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

  private static long elapsedMillis(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }
}
