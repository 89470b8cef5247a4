package io.mcpmanager.systemtests;

import static io.mcpmanager.systemtests.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, item 1, end to end through the gateway and the real auth-server: a personal access
 * token is shown once, does what its scopes allow and nothing else, never manages the account, is
 * bound to its networks, is alice's alone, and stops working within 5 s of its deletion.
 */
@Order(2)
@ExtendWith(StackExtension.class)
class PersonalAccessTokenJourneyTest {

  private static final String TOKENS = "/api/account/tokens";

  @Test
  void aTokenDoesWhatItsScopesAllowUntilItIsDeleted() {
    Api.Response created =
        Api.post("alice", TOKENS, map("name", "ci", "scopes", List.of("integrations:read")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String pat = created.json().path("token").asString();
    String id = created.json().path("id").asString();
    assertThat(pat).startsWith("mcpm_pat_");
    assertThat(Api.get("alice", TOKENS).body()).contains(id).doesNotContain(pat);

    assertThat(Api.send(null, "GET", "/api/integrations", null, pat).status()).isEqualTo(200);
    Api.Response write = Api.send(null, "POST", "/api/integrations", map(), pat);
    assertThat(write.status()).as(write.toString()).isEqualTo(403);
    assertThat(write.isProblem()).isTrue();
    assertThat(Api.send(null, "GET", "/api/git/connections", null, pat).status()).isEqualTo(403);
    assertThat(Api.send(null, "GET", TOKENS, null, pat).status()).isEqualTo(403);

    // The gateway reports the use in batches; auth-server adds it up per day.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(listed(id).path("last_used_at").isNull())
                    .as(listed(id).toString())
                    .isFalse());
    assertThat(listed(id).path("last_used_ip").asString()).isEqualTo("127.0.0.1");

    assertThat(Api.delete("alice", TOKENS + "/" + id).status()).isEqualTo(204);
    long deletedAt = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(6))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Api.send(null, "GET", "/api/integrations", null, pat).status() == 401);
    assertThat(Duration.ofNanos(System.nanoTime() - deletedAt)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void aMistypedTokenIsRefusedAndBobCannotTouchAlicesToken() {
    Api.Response created =
        Api.post("alice", TOKENS, map("name", "mine", "scopes", List.of("mcp:read")));
    String pat = created.json().path("token").asString();
    String id = created.json().path("id").asString();
    char last = pat.charAt(pat.length() - 1);
    String typo = pat.substring(0, pat.length() - 1) + (last == 'a' ? 'b' : 'a');

    Api.Response refused = Api.send(null, "GET", "/api/mcp/servers", null, typo);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.isProblem()).isTrue();
    assertThat(Api.get("bob", TOKENS).body()).doesNotContain(id);
    assertThat(Api.delete("bob", TOKENS + "/" + id).status()).isEqualTo(404);
    assertThat(Api.post("bob", TOKENS + "/" + id + "/regenerate", null).status()).isEqualTo(404);
    assertThat(Api.send(null, "GET", "/api/mcp/servers", null, pat).status()).isEqualTo(200);
  }

  @Test
  void aTokenBoundToANetworkIsRefusedFromElsewhere() {
    Api.Response created =
        Api.post(
            "alice",
            TOKENS,
            map(
                "name", "office",
                "scopes", List.of("integrations:read"),
                "allowed_cidrs", List.of("10.20.0.0/16")));
    String pat = created.json().path("token").asString();

    assertThat(Api.send(null, "GET", "/api/integrations", null, pat).status()).isEqualTo(403);
  }

  @Test
  void expiryAndScopesAreChecked() {
    Api.Response tooLong =
        Api.post(
            "alice",
            TOKENS,
            map("name", "x", "scopes", List.of("git:read"), "expires_in_days", 367));
    Api.Response unknown =
        Api.post("alice", TOKENS, map("name", "x", "scopes", List.of("admin:write")));

    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.isProblem()).isTrue();
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown-scope");
  }

  private static JsonNode listed(String id) {
    for (JsonNode token : Api.get("alice", TOKENS).json()) {
      if (id.equals(token.path("id").asString())) {
        return token;
      }
    }
    throw new AssertionError("token " + id + " is not listed");
  }
}
