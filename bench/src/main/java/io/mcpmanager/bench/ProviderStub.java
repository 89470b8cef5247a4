package io.mcpmanager.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A trivial local stand-in for the providers' "who am I" endpoints, answering at once with bodies
 * shaped like theirs, so the credential benchmarks measure our stack and not Notion's or OpenAI's
 * latency.
 */
final class ProviderStub implements AutoCloseable {

  private final HttpServer server;

  ProviderStub(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body;
          if (path.startsWith("/v1/users/me")) {
            body =
                "{\"object\":\"user\",\"id\":\"b0b0b0b0-0000-4000-8000-000000000001\",\"type\":\"bot\",\"name\":\"bench\","
                    + "\"bot\":{\"owner\":{\"type\":\"workspace\",\"workspace\":true},\"workspace_name\":\"Bench\"}}";
          } else if (path.startsWith("/v1/models")) {
            body =
                "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"owned_by\":\"openai\"}]}";
          } else if (path.startsWith("/rest/v2/projects")) {
            body = "[{\"id\":\"2203306141\",\"name\":\"Inbox\",\"is_inbox_project\":true}]";
          } else if (path.startsWith("/api/0/organizations/")) {
            body = "{\"id\":\"1\",\"slug\":\"bench\",\"name\":\"Bench\"}";
          } else {
            body = "{}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          try (var out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
