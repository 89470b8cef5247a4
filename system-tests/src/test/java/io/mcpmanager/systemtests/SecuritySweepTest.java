package io.mcpmanager.systemtests;

import static io.mcpmanager.systemtests.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9, item 2: authentication, ownership and admin checks on every route, secret leaks,
 * malformed input.
 */
@Order(2)
@ExtendWith(StackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuritySweepTest {

  static final List<String> PREFIXES =
      List.of(
          "/api/integrations",
          "/api/git/connections",
          "/api/mcp/servers",
          "/api/audit/events",
          "/api/account/tokens",
          "/api/account/sessions");

  /** Error bodies seen by the sweep: checked for secrets at the end. */
  static final List<String> ERROR_BODIES = new ArrayList<>();

  @Test
  @Order(1)
  void everyRoutePrefixWantsAToken() {
    for (String prefix : PREFIXES) {
      for (String method : List.of("GET", "POST")) {
        Api.Response r = Api.send(null, method, prefix, method.equals("POST") ? map() : null, null);
        assertThat(r.status()).as(method + " " + prefix + " " + r).isEqualTo(401);
        assertThat(r.isProblem()).as(method + " " + prefix).isTrue();
        ERROR_BODIES.add(r.body());
      }
      Api.Response forged =
          Api.send(null, "GET", prefix, null, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
      assertThat(forged.status()).as("forged token on " + prefix).isEqualTo(401);
    }
  }

  @Test
  @Order(2)
  void anotherUsersObjectsAreNotFound() {
    String a = CredentialJourneyTest.brokeredNotionId;
    String g = CredentialJourneyTest.gitConnectionId;
    String m = CredentialJourneyTest.mcpServerId;
    assertThat(List.of(a, g, m)).doesNotContainNull();
    List<String[]> calls =
        List.of(
            new String[] {"GET", "/api/integrations/" + a},
            new String[] {"PUT", "/api/integrations/" + a},
            new String[] {"DELETE", "/api/integrations/" + a},
            new String[] {"POST", "/api/integrations/" + a + "/validate"},
            new String[] {"POST", "/api/integrations/" + a + "/rollback"},
            new String[] {"GET", "/api/git/github/connections/" + g},
            new String[] {"POST", "/api/git/github/connections/" + g + "/refresh"},
            new String[] {"GET", "/api/git/github/repos/sync/" + CredentialJourneyTest.syncId},
            new String[] {"GET", "/api/mcp/servers/" + m},
            new String[] {"PUT", "/api/mcp/servers/" + m},
            new String[] {"POST", "/api/mcp/servers/" + m + "/check"},
            new String[] {"POST", "/api/mcp/servers/" + m + "/keys/rotate"},
            new String[] {"GET", "/api/mcp/servers/" + m + "/integrations"},
            new String[] {"DELETE", "/api/mcp/servers/" + m});
    for (String[] call : calls) {
      Object body =
          !call[0].equals("PUT")
              ? null
              : call[1].startsWith("/api/mcp") ? map("enabled", false) : map("status", "inactive");
      Api.Response r = Api.send("bob", call[0], call[1], body, null);
      assertThat(r.status()).as("bob: " + call[0] + " " + call[1] + " " + r).isEqualTo(404);
      assertThat(r.isProblem()).isTrue();
      ERROR_BODIES.add(r.body());
    }
    String aliceEvent = CredentialJourneyTest.aliceEvents().getLast().path("event_id").asString();
    assertThat(Api.get("bob", "/api/audit/events/" + aliceEvent).status()).isEqualTo(404);
    assertThat(Api.get("bob", "/api/audit/events?limit=100").body()).doesNotContain(a, g, m);
    assertThat(Api.get("bob", "/api/git/connections").json().size()).isZero();
    // alice's objects are untouched
    assertThat(Api.get("alice", "/api/integrations/" + a).json().path("status").asString())
        .isEqualTo("active");
    assertThat(Api.get("alice", "/api/mcp/servers/" + m).status()).isEqualTo(200);
  }

  /** Issue 15, item 3: bob can neither see nor sign out alice's session. */
  @Test
  @Order(2)
  void anotherUsersSessionsAreNotFound() {
    String aliceSession = sessionOf(Api.token("alice"));
    Api.Response revoke = Api.delete("bob", "/api/account/sessions/" + aliceSession);
    assertThat(revoke.status()).as("bob revoking alice's session: " + revoke).isEqualTo(404);
    assertThat(revoke.isProblem()).isTrue();
    ERROR_BODIES.add(revoke.body());
    assertThat(Api.get("bob", "/api/account/sessions").body()).doesNotContain(aliceSession);
    assertThat(Api.get("alice", "/api/account/sessions").json().valueStream())
        .anySatisfy(
            session -> {
              assertThat(session.path("id").asString()).isEqualTo(aliceSession);
              assertThat(session.path("current").asBoolean()).isTrue();
            });
  }

  /** The {@code sid} claim of an access token (the payload read, not verified: our own token). */
  private static String sessionOf(String accessToken) {
    String payload = accessToken.split("\\.")[1];
    return Api.JSON
        .readTree(java.util.Base64.getUrlDecoder().decode(payload))
        .path("sid")
        .asString();
  }

  @Test
  @Order(3)
  void usersCannotUseAdminRoutes() {
    for (String path : List.of("/api/audit/export", "/api/audit/verify")) {
      Api.Response r = Api.get("alice", path);
      assertThat(r.status()).as(path + " " + r).isEqualTo(403);
      assertThat(r.isProblem()).isTrue();
      assertThat(Api.get("admin", path).status()).as("admin " + path).isEqualTo(200);
    }
  }

  /** Issue 14, item 7: the registry refuses anonymous registrations and look-ups. */
  @Test
  @Order(3)
  void discoveryRefusesAnAnonymousRegistration() throws Exception {
    String eureka = LocalStack.PORTS.url("discovery") + "/eureka/apps/";
    String instance =
        "{\"instance\": {\"instanceId\": \"127.0.0.1:intruder:1\", \"hostName\": \"127.0.0.1\","
            + " \"app\": \"INTRUDER\", \"ipAddr\": \"127.0.0.1\", \"status\": \"UP\","
            + " \"port\": {\"$\": 1, \"@enabled\": \"true\"}, \"dataCenterInfo\": {\"@class\":"
            + " \"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\", \"name\": \"MyOwn\"}}}";
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> registration =
          http.send(
              HttpRequest.newBuilder(URI.create(eureka + "INTRUDER"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(instance))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(registration.statusCode()).as("anonymous registration").isEqualTo(401);
      HttpResponse<String> lookUp =
          http.send(
              HttpRequest.newBuilder(URI.create(eureka))
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(lookUp.statusCode()).as("anonymous look-up").isEqualTo(401);
      assertThat(lookUp.body()).doesNotContain("GATEWAY", "INTRUDER");
    }
  }

  /**
   * Issue 14, item 2: an admin may read a user's MCP server but not re-key it; the admin's key is
   * then useless at the broker and the server keeps its status.
   */
  @Test
  @Order(3)
  void anAdminCannotReKeyAnotherUsersServer() {
    String m = CredentialJourneyTest.mcpServerId;
    assertThat(m).isNotNull();
    Api.Response before = Api.get("admin", "/api/mcp/servers/" + m);
    assertThat(before.status()).as(before.toString()).isEqualTo(200);
    io.mcpmanager.mcp.testdata.ServerSigningKey adminsKey =
        io.mcpmanager.mcp.testdata.ServerSigningKey.generate();

    Api.Response rekey =
        Api.put(
            "admin", "/api/mcp/servers/" + m, map("server_public_key", adminsKey.publicKeyPem()));
    assertThat(rekey.status()).as(rekey.toString()).isEqualTo(404);
    assertThat(rekey.isProblem()).isTrue();
    ERROR_BODIES.add(rekey.body());

    Api.Response brokered =
        Api.send(
            null,
            "POST",
            "/api/mcp/broker/credentials",
            map("integration", "notion"),
            adminsKey.brokerToken(java.util.UUID.fromString(m)));
    assertThat(brokered.status()).as(brokered.toString()).isEqualTo(401);
    assertThat(brokered.body()).doesNotContain(CredentialJourneyTest.brokeredNotionToken);
    Api.Response after = Api.get("alice", "/api/mcp/servers/" + m);
    assertThat(after.json().path("status").asString())
        .isEqualTo(before.json().path("status").asString());
  }

  /**
   * Issue 14, item 1: a connect link alice started, finished in a browser that did not start it (a
   * victim she sent it to), links nothing.
   */
  @Test
  @Order(3)
  void anOAuthConnectFinishedInAnotherBrowserLinksNothing() {
    int before = Api.get("alice", "/api/git/github/connections").json().size();
    Api.Response started = Api.post("alice", "/api/git/github/oauth/start", map());
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    java.util.regex.Matcher state =
        java.util.regex.Pattern.compile("[?&]state=([^&]+)")
            .matcher(started.json().path("authorization_url").asString());
    assertThat(state.find()).isTrue();

    Api.Response callback =
        Api.browserGet(
            "/api/git/github/oauth/callback?code="
                + LocalStack.random(10)
                + "&state="
                + state.group(1),
            null);

    assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
    assertThat(callback.header("Location")).contains("error=browser_mismatch");
    assertThat(Api.get("alice", "/api/git/github/connections").json().size()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void malformedInputIsA4xxProblemAndNeverA5xx() {
    String id = CredentialJourneyTest.brokeredNotionId;
    String canary = LocalStack.get().newSecret("ntn_");
    byte[] huge =
        ("{\"type\":\"notion\",\"access_token\":\"" + "x".repeat(1_100_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] badUtf8 = {
      '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'
    };
    record Row(String method, String path, Object body, int expected) {}
    List<Row> rows =
        List.of(
            new Row(
                "POST",
                "/api/integrations",
                "{\"type\":\"notion\",\"access_token\":42,\"meta\":\"x\"}",
                400),
            new Row(
                "POST",
                "/api/integrations",
                "{\"type\":\"notion\",\"access_token\":\"" + canary + "\",\"unknown\":1}",
                400),
            new Row(
                "POST",
                "/api/integrations",
                "{\"type\":\"notion\",\"access_token\":\"" + canary,
                400),
            new Row("POST", "/api/integrations", huge, 413),
            new Row("POST", "/api/integrations", badUtf8, 400),
            new Row(
                "POST",
                "/api/integrations",
                map("type", "notion' OR '1'='1", "access_token", canary),
                0),
            new Row(
                "POST",
                "/api/integrations",
                map("type", "carrier-pigeon", "access_token", canary),
                0),
            new Row("PUT", "/api/integrations/" + id, map("status", "deleted"), 400),
            new Row("GET", "/api/integrations/1'%20OR%20'1'='1", null, 400),
            new Row("GET", "/api/integrations?page=-1", null, 400),
            new Row("GET", "/api/integrations?size=100000", null, 400),
            new Row("GET", "/api/git/github/repos?page=-1", null, 400),
            new Row("GET", "/api/git/github/repos?visibility=secret", null, 400),
            new Row("GET", "/api/git/carrier-pigeon/connections", null, 0),
            new Row(
                "POST",
                "/api/git/github/oauth/start",
                map("scopes", List.of("repo; DROP TABLE users")),
                400),
            new Row("GET", "/api/mcp/servers?page=-1", null, 400),
            new Row("POST", "/api/mcp/servers", map("name", "x", "url", "file:///etc/passwd"), 0),
            new Row(
                "POST",
                "/api/mcp/servers",
                map("name", "x\u0000y", "url", "http://127.0.0.1:1/mcp"),
                400),
            new Row(
                "POST",
                "/api/mcp/servers",
                map("name", "x", "url", "http://127.0.0.1:1/mcp", "server_public_key", "not a key"),
                0),
            new Row("GET", "/api/audit/events?limit=-1", null, 400),
            new Row("GET", "/api/audit/events?outcome=maybe", null, 400),
            new Row("GET", "/api/audit/events?from=yesterday", null, 400),
            new Row("GET", "/api/audit/events?cursor=%27%3B--", null, 400));
    List<String> failures = new ArrayList<>();
    for (Row row : rows) {
      Api.Response r = Api.send("alice", row.method(), row.path(), row.body(), null);
      ERROR_BODIES.add(r.body());
      boolean ok =
          (row.expected() == 0
                  ? r.status() >= 400 && r.status() < 500
                  : r.status() == row.expected())
              && r.isProblem();
      if (!ok) {
        failures.add(
            row.method()
                + " "
                + row.path().substring(0, Math.min(80, row.path().length()))
                + " -> "
                + r.status()
                + " "
                + r.header("Content-Type")
                + " "
                + r.body().substring(0, Math.min(300, r.body().length())));
      }
    }
    assertThat(failures).as("rows that did not answer 4xx problem+json").isEmpty();
  }

  /** Issue 14, item 3: an MCP server URL on the cloud metadata address is never called. */
  @Test
  @Order(5)
  void anMcpServerOnTheMetadataAddressIsRefused() {
    Api.Response r =
        Api.post(
            "alice",
            "/api/mcp/servers",
            map("name", "metadata", "url", "http://169.254.169.254/latest/meta-data/"));
    ERROR_BODIES.add(r.body());
    assertThat(r.status()).as(r.toString()).isBetween(400, 422);
    assertThat(r.isProblem()).as(r.toString()).isTrue();
    assertThat(r.json().path("detail").asString()).contains("metadata address");
  }

  @Test
  @Order(6)
  void noSecretLeaksAnywhere() throws Exception {
    LocalStack stack = LocalStack.get();
    Set<String> secrets = Set.copyOf(stack.secrets);
    assertThat(secrets).hasSizeGreaterThan(5);
    Map<String, List<String>> leaks = new HashMap<>();

    for (String body : ERROR_BODIES) {
      find(leaks, "error bodies", body, secrets);
    }
    for (Path log : stack.logFiles()) {
      find(
          leaks,
          "log " + log.getFileName(),
          Files.readString(log, StandardCharsets.ISO_8859_1),
          secrets);
    }
    for (JsonLike e : audit()) {
      find(leaks, "audit", e.text(), secrets);
    }
    for (String app :
        List.of(
            "gateway",
            "integration-service",
            "git-connection-service",
            "mcp-server-service",
            "audit-service",
            "auth-server")) {
      int port = LocalStack.PORTS.managementPort(app);
      Api.Response metrics =
          Api.send(null, "GET", "http://127.0.0.1:" + port + "/actuator/prometheus", null, null);
      assertThat(metrics.status()).as("prometheus on " + port).isEqualTo(200);
      find(leaks, "metrics " + port, metrics.body(), secrets);
    }
    int records = 0;
    for (String value : kafkaRecords()) {
      records++;
      find(leaks, "kafka", value, secrets);
    }
    assertThat(records).as("credential events on Kafka").isGreaterThan(10);
    int rows = 0;
    for (String db : List.of("auth", "integration", "git_connection", "mcp_server", "audit")) {
      rows += scanDatabase(db, secrets, leaks);
    }
    assertThat(rows).as("rows scanned").isGreaterThan(10);
    assertThat(leaks).as("secrets found (prefix of each shown)").isEmpty();
  }

  /**
   * Issue 14, item 5: an admin disables a user through the gateway; within seconds the user's still
   * unexpired access token is refused there (the gateway follows user.disabled on Kafka).
   */
  @Test
  @Order(6)
  void aDisabledUsersTokenIsRefusedWithinSeconds() {
    String username = "leaver" + LocalStack.random(4).toLowerCase(java.util.Locale.ROOT);
    Api.Response created =
        Api.post(
            "admin",
            "/api/admin/users",
            map(
                "username",
                username,
                "password",
                LocalStack.get().password,
                "roles",
                List.of("USER")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String token = Api.token(username);
    assertThat(Api.send(null, "GET", "/api/integrations", null, token).status()).isEqualTo(200);

    Api.Response disabled =
        Api.post(
            "admin", "/api/admin/users/" + created.json().path("id").asString() + "/disable", null);
    assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Api.send(null, "GET", "/api/integrations", null, token).status() == 401);
    Api.Response refused = Api.send(null, "GET", "/api/integrations", null, token);
    assertThat(refused.isProblem()).isTrue();
    assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
  }

  record JsonLike(String text) {}

  private static List<JsonLike> audit() {
    List<JsonLike> out = new ArrayList<>();
    Api.Response export = Api.get("admin", "/api/audit/export");
    assertThat(export.status()).isEqualTo(200);
    out.add(new JsonLike(export.body()));
    CredentialJourneyTest.aliceEvents().forEach(e -> out.add(new JsonLike(e.toString())));
    return out;
  }

  private static void find(
      Map<String, List<String>> leaks, String where, String text, Set<String> secrets) {
    for (String secret : secrets) {
      if (text.contains(secret)) {
        leaks.computeIfAbsent(where, k -> new ArrayList<>()).add(secret.substring(0, 6) + "…");
      }
    }
  }

  /** Every event on every producer's topic, read as audit-service (the one reader of them all). */
  private static List<String> kafkaRecords() throws IOException {
    Properties p = new Properties();
    p.putAll(LocalStack.get().kafkaClient("audit-service"));
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          Topics.EVENT_TOPICS.stream()
              .flatMap(topic -> consumer.partitionsFor(topic).stream())
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }

  private static int scanDatabase(String db, Set<String> secrets, Map<String, List<String>> leaks)
      throws Exception {
    int rows = 0;
    try (Connection c = DriverManager.getConnection(LocalStack.PORTS.jdbcUrl(db), "postgres", "")) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  """
          select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')""")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs =
            c.createStatement().executeQuery("select t::text from " + table + " t")) {
          while (rs.next()) {
            rows++;
            find(leaks, db + "." + table, rs.getString(1), secrets);
          }
        }
      }
    }
    return rows;
  }
}
