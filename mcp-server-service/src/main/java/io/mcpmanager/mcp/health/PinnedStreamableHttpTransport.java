package io.mcpmanager.mcp.health;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The client side of MCP's Streamable HTTP transport on the platform's pinned outbound client: each
 * POST goes to the address the outbound guard checked, no redirect is followed and every response
 * body is capped. The SDK's own HTTP transport runs on the JDK client, which resolves the host
 * again (a DNS-rebinding window) and cannot be pinned; the protocol itself (initialize, version
 * negotiation, requests) stays the SDK's client. Requests and their responses only: no standalone
 * GET stream, since a probe waits for no server-initiated message.
 */
final class PinnedStreamableHttpTransport implements McpClientTransport {

  static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final String PROTOCOL_HEADER = "MCP-Protocol-Version";
  private static final MediaType EVENT_STREAM = MediaType.TEXT_EVENT_STREAM;
  private static final List<String> PROTOCOL_VERSIONS =
      List.of(
          ProtocolVersions.MCP_2025_03_26,
          ProtocolVersions.MCP_2025_06_18,
          ProtocolVersions.MCP_2025_11_25);

  private final ClientHttpRequestFactory http;
  private final URI endpoint;
  private final String bearerToken;
  private final McpJsonMapper json;
  private final AtomicReference<@Nullable String> sessionId = new AtomicReference<>();
  private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>>
      handler = message -> Mono.empty();

  PinnedStreamableHttpTransport(
      ClientHttpRequestFactory http, URI endpoint, String bearerToken, McpJsonMapper json) {
    this.http = http;
    this.endpoint = endpoint;
    this.bearerToken = bearerToken;
    this.json = json;
  }

  /** The session the server assigned on {@code initialize}, if any. */
  Optional<String> sessionId() {
    return Optional.ofNullable(sessionId.get());
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    this.handler = handler;
    return Mono.empty();
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.deferContextual(
            context -> {
              String negotiated =
                  context.getOrDefault(McpAsyncClient.NEGOTIATED_PROTOCOL_VERSION, null);
              String version = negotiated == null ? PROTOCOL_VERSIONS.getLast() : negotiated;
              return Mono.fromCallable(() -> post(message, version))
                  // The pinned client blocks; the SDK's reactive session must not.
                  .subscribeOn(Schedulers.boundedElastic());
            })
        .flatMapMany(Flux::fromIterable)
        .concatMap(received -> handler.apply(Mono.just(received)))
        .then();
  }

  private List<McpSchema.JSONRPCMessage> post(McpSchema.JSONRPCMessage message, String version)
      throws IOException {
    ClientHttpRequest request = http.createRequest(endpoint, HttpMethod.POST);
    HttpHeaders headers = request.getHeaders();
    headers.set(HttpHeaders.ACCEPT, "application/json, text/event-stream");
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBearerAuth(bearerToken);
    headers.set(PROTOCOL_HEADER, version);
    String session = sessionId.get();
    if (session != null) {
      headers.set(SESSION_HEADER, session);
    }
    try (OutputStream body = request.getBody()) {
      body.write(json.writeValueAsBytes(message));
    }
    try (ClientHttpResponse response = request.execute()) {
      int status = response.getStatusCode().value();
      // Read to the end (within the cap), so the pinned connection serves the next request.
      byte[] body = response.getBody().readAllBytes();
      if (status < 200 || status > 299) {
        throw new McpHttpStatusException(status);
      }
      String assigned = response.getHeaders().getFirst(SESSION_HEADER);
      if (assigned != null && !assigned.isBlank()) {
        sessionId.compareAndSet(null, assigned);
      }
      if (status == 202 || body.length == 0) {
        return List.of();
      }
      MediaType type = response.getHeaders().getContentType();
      String text = new String(body, StandardCharsets.UTF_8);
      if (type != null && EVENT_STREAM.isCompatibleWith(type)) {
        return eventStream(text);
      }
      if (type != null && MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
        return message instanceof McpSchema.JSONRPCNotification
            ? List.of()
            : List.of(McpSchema.deserializeJsonRpcMessage(json, text));
      }
      throw new McpTransportException("unexpected content type " + type);
    }
  }

  /** The JSON-RPC messages of an SSE body: {@code message} events, data lines joined. */
  private List<McpSchema.JSONRPCMessage> eventStream(String text) throws IOException {
    List<McpSchema.JSONRPCMessage> messages = new ArrayList<>();
    StringBuilder data = new StringBuilder();
    String event = "message";
    for (String line : (text + "\n\n").split("\r\n|\r|\n", -1)) {
      if (line.isEmpty()) {
        // Events without data prime a reconnection (2025-11-25); they carry no message.
        if (event.equals("message") && !data.toString().isBlank()) {
          messages.add(McpSchema.deserializeJsonRpcMessage(json, data.toString()));
        }
        data.setLength(0);
        event = "message";
      } else if (line.startsWith("data:")) {
        if (!data.isEmpty()) {
          data.append('\n');
        }
        data.append(field(line, "data:"));
      } else if (line.startsWith("event:")) {
        event = field(line, "event:");
      }
    }
    return messages;
  }

  private static String field(String line, String name) {
    String value = line.substring(name.length());
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  @Override
  public Mono<Void> closeGracefully() {
    // The connections belong to the caller's pinned client, which closes them.
    return Mono.empty();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return json.convertValue(data, typeRef);
  }

  @Override
  public List<String> protocolVersions() {
    return PROTOCOL_VERSIONS;
  }

  /** A response outside 2xx: 401/403 refuse the token, 3xx is a redirect that is not followed. */
  static final class McpHttpStatusException extends McpTransportException {

    private final int status;

    McpHttpStatusException(int status) {
      super("the MCP server answered HTTP " + status);
      this.status = status;
    }

    int status() {
      return status;
    }
  }
}
