package io.mcpmanager.systemtests;

import static io.mcpmanager.systemtests.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpmanager.mcp.testdata.ServerSigningKey;
import io.mcpmanager.mcp.testdata.TestMcpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Issue 9, item 1: a user's whole credential journey through the gateway, then its audit trail. */
@Order(1)
@ExtendWith(StackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialJourneyTest {

  static final String ALICE = "alice";

  /** Ids of alice's objects, used by the later steps and by the security sweep. */
  static String notionId;

  static String brokeredNotionId;
  static String gitConnectionId;
  static String syncId;
  static String mcpServerId;
  static String mcpIntegrationId;
  static String brokeredNotionToken;
  static ServerSigningKey serverKey;

  @Test
  @Order(1)
  void notionTokenIsAddedValidatedRotatedRolledBackAndDeleted() {
    LocalStack stack = LocalStack.get();
    String first = stack.newSecret("ntn_");
    Api.Response created =
        Api.post(ALICE, "/api/integrations", map("type", "notion", "access_token", first));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode account = created.json();
    notionId = account.path("id").asString();
    assertThat(account.path("status").asString()).isEqualTo("active");
    assertThat(account.path("credential_hint").asString())
        .endsWith(first.substring(first.length() - 4))
        .doesNotContain(first);
    assertThat(created.body()).doesNotContain(first);

    Api.Response validated = Api.post(ALICE, "/api/integrations/" + notionId + "/validate", null);
    assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
    assertThat(Api.get(ALICE, "/api/integrations/" + notionId).json().path("status").asString())
        .isEqualTo("active");

    String second = stack.newSecret("ntn_");
    Api.Response rotated =
        Api.put(ALICE, "/api/integrations/" + notionId, map("access_token", second));
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    assertThat(rotated.json().path("credential_version").asInt()).isEqualTo(2);
    assertThat(rotated.json().path("credential_hint").asString())
        .endsWith(second.substring(second.length() - 4));

    Api.Response rolledBack = Api.post(ALICE, "/api/integrations/" + notionId + "/rollback", null);
    assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(200);
    assertThat(rolledBack.json().path("credential_hint").asString())
        .endsWith(first.substring(first.length() - 4));

    Api.Response deleted = Api.delete(ALICE, "/api/integrations/" + notionId);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(Api.get(ALICE, "/api/integrations/" + notionId).status()).isEqualTo(404);
    stack.providers.notion.verify(
        com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(2),
        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/users/me")));
  }

  @Test
  @Order(2)
  void gitHubAccountIsConnectedRefreshedAndSynced() {
    LocalStack stack = LocalStack.get();
    String access = stack.newSecret("ghu_");
    String refresh = stack.newSecret("ghr_");
    stack.providers.githubIssues("grant_type=authorization_code", access, refresh, 60);

    Api.Response started = Api.post(ALICE, "/api/git/github/oauth/start", map());
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    String authorizationUrl = started.json().path("authorization_url").asString();
    assertThat(authorizationUrl)
        .startsWith("http://127.0.0.1:" + stack.providers.github.port() + "/login/oauth/authorize");
    Matcher state = Pattern.compile("[?&]state=([^&]+)").matcher(authorizationUrl);
    assertThat(state.find()).isTrue();

    // The start response binds the connect to this browser with a __Host- cookie (#14 item 1).
    String setCookie = started.header("Set-Cookie");
    assertThat(setCookie)
        .startsWith("__Host-mcpm-oauth-github=")
        .contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/");
    String binding = setCookie.substring(0, setCookie.indexOf(';'));

    // The same browser comes back from GitHub with a code and its cookie, without a token: the
    // callback is a public path of the gateway (the signed state names the user).
    Api.Response callback =
        Api.browserGet(
            "/api/git/github/oauth/callback?code="
                + LocalStack.random(10)
                + "&state="
                + state.group(1),
            binding);
    assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
    assertThat(callback.header("Location")).doesNotContain("error").contains("account=octocat");

    JsonNode connections = Api.get(ALICE, "/api/git/github/connections").json();
    assertThat(connections.size()).isEqualTo(1);
    JsonNode connection = connections.get(0);
    gitConnectionId = connection.path("id").asString();
    assertThat(connection.path("username").asString()).isEqualTo("octocat");
    assertThat(connection.path("email").asString()).isEqualTo("octocat@github.com");
    assertThat(connection.path("refreshable").asBoolean()).isTrue();
    assertThat(connection.toString()).doesNotContain(access).doesNotContain(refresh);

    String newAccess = stack.newSecret("ghu_");
    String newRefresh = stack.newSecret("ghr_");
    stack.providers.githubIssues("refresh_token=" + refresh, newAccess, newRefresh, 28800);
    Api.Response refreshed =
        Api.post(ALICE, "/api/git/github/connections/" + gitConnectionId + "/refresh", null);
    assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
    assertThat(refreshed.json().path("token_hint").asString())
        .endsWith(newAccess.substring(newAccess.length() - 4));
    assertThat(refreshed.json().path("last_refreshed_at").isNull()).isFalse();

    Api.Response sync =
        Api.post(ALICE, "/api/git/github/repos/sync?connection_id=" + gitConnectionId, null);
    assertThat(sync.status()).as(sync.toString()).isEqualTo(202);
    syncId = sync.json().get(0).path("id").asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode status = Api.get(ALICE, "/api/git/github/repos/sync/" + syncId).json();
              assertThat(status.path("status").asString())
                  .as(status.toString())
                  .isIn("succeeded", "completed", "finished", "done");
            });
    JsonNode status = Api.get(ALICE, "/api/git/github/repos/sync/" + syncId).json();
    assertThat(status.path("pages").asInt()).isEqualTo(2);
    assertThat(status.path("repositories").asInt()).isEqualTo(3);
    JsonNode repos =
        Api.get(ALICE, "/api/git/github/repos?connection_id=" + gitConnectionId).json();
    assertThat(repos.toString()).contains("octocat/alpha", "octocat/beta", "octocat/gamma");
  }

  @Test
  @Order(3)
  void mcpServerIsRegisteredCheckedRotatedAndLinkedToNotion() {
    LocalStack stack = LocalStack.get();
    // MCP servers verify the manager's JWTs with its public JWKS, a public path of the gateway.
    TestMcpServer mcp = TestMcpServer.shared().trustManagerAt(LocalStack.GATEWAY);
    serverKey = ServerSigningKey.generate();
    String notionToken = stack.newSecret("ntn_");
    brokeredNotionToken = notionToken;
    Api.Response notion =
        Api.post(ALICE, "/api/integrations", map("type", "notion", "access_token", notionToken));
    assertThat(notion.status()).as(notion.toString()).isEqualTo(201);
    brokeredNotionId = notion.json().path("id").asString();

    Api.Response registered =
        Api.post(
            ALICE,
            "/api/mcp/servers",
            map("name", "notes", "url", mcp.url(), "server_public_key", serverKey.publicKeyPem()));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    mcpServerId = registered.json().path("id").asString();
    int keyVersion = registered.json().path("key_version").asInt();

    Api.Response checked = Api.post(ALICE, "/api/mcp/servers/" + mcpServerId + "/check", null);
    assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
    JsonNode server = Api.get(ALICE, "/api/mcp/servers/" + mcpServerId).json();
    assertThat(server.path("status").asString()).as(server.toString()).isEqualTo("active");
    assertThat(server.path("server_info").path("tools").toString())
        .contains("search_notes", "create_page");

    Api.Response rotated =
        Api.post(ALICE, "/api/mcp/servers/" + mcpServerId + "/keys/rotate", null);
    assertThat(rotated.status()).as(rotated.toString()).isBetween(200, 204);
    assertThat(Api.get(ALICE, "/api/mcp/servers/" + mcpServerId).json().path("key_version").asInt())
        .isEqualTo(keyVersion + 1);
    Api.Response checkedAgain = Api.post(ALICE, "/api/mcp/servers/" + mcpServerId + "/check", null);
    assertThat(checkedAgain.status()).as(checkedAgain.toString()).isEqualTo(200);
    assertThat(Api.get(ALICE, "/api/mcp/servers/" + mcpServerId).json().path("status").asString())
        .isEqualTo("active");

    Api.Response linked =
        Api.post(
            ALICE,
            "/api/mcp/servers/" + mcpServerId + "/integrations",
            map("integration", "notion", "enabled", true));
    assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
    mcpIntegrationId = linked.json().path("id").asString();
  }

  @Test
  @Order(4)
  void theMcpServerBrokersTheNotionCredentialWithItsOwnKey() {
    assertThat(mcpIntegrationId).as("the MCP server step ran").isNotNull();
    // The broker endpoint takes the MCP server's own JWT: a public path of the gateway, which
    // relays the
    // token unchecked to mcp-server-service (it verifies it with the server's registered key).
    String brokerUrl = "/api/mcp/broker/credentials";
    Api.Response forged =
        Api.send(
            null,
            "POST",
            brokerUrl,
            map("integration", "notion"),
            ServerSigningKey.generate().brokerToken(UUID.fromString(mcpServerId)));
    assertThat(forged.status()).as(forged.toString()).isEqualTo(401);
    assertThat(forged.json().path("reason").asString()).isEqualTo("invalid_signature");

    Api.Response brokered =
        Api.send(
            null,
            "POST",
            brokerUrl,
            map("integration", "notion"),
            serverKey.brokerToken(UUID.fromString(mcpServerId)));
    assertThat(brokered.status()).as(brokered.toString()).isEqualTo(200);
    assertThat(brokered.json().path("credential").asString()).isEqualTo(brokeredNotionToken);
    assertThat(brokered.header("Cache-Control")).contains("no-store");
  }

  @Test
  @Order(5)
  void theAuditTrailHasEveryStepInOrderAndTheChainVerifies() {
    List<String> expected =
        List.of(
            "io.mcpmanager.integration.created",
            "io.mcpmanager.integration.validated",
            "io.mcpmanager.integration.token-rotated",
            "io.mcpmanager.integration.rolled-back",
            "io.mcpmanager.integration.revoked",
            "io.mcpmanager.git-connection.connected",
            "io.mcpmanager.git-connection.refreshed",
            "io.mcpmanager.git-connection.sync-started",
            "io.mcpmanager.git-connection.sync-finished",
            "io.mcpmanager.integration.created",
            "io.mcpmanager.mcp-server.registered",
            "io.mcpmanager.mcp-server.checked",
            "io.mcpmanager.mcp-server.key-rotated",
            "io.mcpmanager.mcp-integration.enabled",
            "io.mcpmanager.mcp-server.broker-denied",
            "io.mcpmanager.mcp-server.credential-brokered");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              List<String> types =
                  aliceEvents().stream().map(e -> e.path("type").asString()).toList();
              assertThat(isSubsequence(expected, types))
                  .as("expected in order %s%nbut the trail is %s", expected, types)
                  .isTrue();
            });
    List<JsonNode> events = aliceEvents();
    assertThat(events)
        .allSatisfy(
            e ->
                assertThat(e.path("owner_id").asString())
                    .isEqualTo(events.getFirst().path("owner_id").asString()));
    Api.Response verify = Api.get("admin", "/api/audit/verify");
    assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
    assertThat(verify.json().path("intact").asBoolean()).as(verify.toString()).isTrue();
    assertThat(verify.json().path("checked").asLong()).isGreaterThanOrEqualTo(events.size());
  }

  /** All of alice's events, oldest first (the API pages newest first). */
  static List<JsonNode> aliceEvents() {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      Api.Response page =
          Api.get(
              ALICE, "/api/audit/events?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      page.json().path("items").forEach(all::add);
      JsonNode next = page.json().path("next_cursor");
      cursor =
          next.isNull() || next.isMissingNode()
              ? null
              : java.net.URLEncoder.encode(
                  next.asString(), java.nio.charset.StandardCharsets.UTF_8);
    } while (cursor != null);
    all.sort(java.util.Comparator.comparingLong(e -> e.path("seq").asLong()));
    return all;
  }

  static boolean isSubsequence(List<String> expected, List<String> actual) {
    int i = 0;
    for (String type : actual) {
      if (i < expected.size() && expected.get(i).equals(type)) {
        i++;
      }
    }
    return i == expected.size();
  }

  static URI gateway(String path) {
    return URI.create(LocalStack.GATEWAY + path);
  }
}
