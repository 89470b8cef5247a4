package io.mcpmanager.auth.pat;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.AuthServerTest;
import io.mcpmanager.auth.testdata.Api;
import io.mcpmanager.auth.testdata.OAuthFlows;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.auth.user.ApiScopes;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.auth.user.UserResponse;
import io.mcpmanager.events.EventTypes;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * /api/account/tokens for the owner, /internal/pats/** for the gateway: the secret shown once,
 * scopes never beyond the owner's, foreign tokens 404, revoked and mistyped tokens refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalAccessTokenApiTests extends AuthServerTest {

  private static final String TOKENS = "/api/account/tokens";

  @Autowired UserAdminService users;
  @Autowired JdbcClient jdbc;
  @Autowired JwtEncoder encoder;

  private final Api api = new Api(ISSUER);
  private final OAuthFlows flows = new OAuthFlows(ISSUER);
  private UserResponse alice;
  private String aliceToken;
  private String bobToken;
  private String gatewayToken;

  @BeforeAll
  void signIn() {
    alice = UserMother.user(users, "alice");
    UserResponse bob = UserMother.user(users, "bob");
    aliceToken = flows.accessToken(alice.username(), UserMother.PASSWORD);
    bobToken = flows.accessToken(bob.username(), UserMother.PASSWORD);
    gatewayToken = serviceToken("gateway", "pats.resolve");
  }

  @Nested
  class Create {

    @Test
    void shouldShowTheTokenOnceAndNeverInTheListOrTheEvent() {
      HttpResponse<String> created =
          api.post(
              TOKENS,
              aliceToken,
              """
              {"name": "ci", "scopes": ["git:read", "integrations:read"], "allowed_cidrs": ["10.0.0.0/8"]}""");

      assertThat(created.statusCode()).isEqualTo(201);
      Map<String, Object> body = Api.object(created.body());
      String secret = (String) body.get("token");
      assertThat(secret).startsWith("mcpm_pat_").hasSize(PatSecret.LENGTH);
      assertThat(PatSecret.isWellFormed(secret)).isTrue();
      assertThat(body)
          .containsEntry("name", "ci")
          .containsEntry("scopes", List.of("git:read", "integrations:read"))
          .containsEntry("allowed_cidrs", List.of("10.0.0.0/8"))
          .containsEntry("token_hint", "…" + secret.substring(secret.length() - 4))
          .containsEntry("unused", false);
      Instant expires = Instant.parse((String) body.get("expires_at"));
      assertThat(expires)
          .isBetween(
              Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
              Instant.now().plus(Duration.ofDays(30)).plusSeconds(60));

      HttpResponse<String> list = api.get(TOKENS, aliceToken);
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.body()).contains((String) body.get("id")).doesNotContain(secret);
      assertThat(Api.array(list.body()))
          .filteredOn(t -> t.get("id").equals(body.get("id")))
          .singleElement()
          .satisfies(t -> assertThat(t).doesNotContainKey("token"));
      List<Map<String, Object>> events =
          Api.events(jdbc, EventTypes.PAT_CREATED, (String) body.get("id"));
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().toString())
          .doesNotContain(secret)
          .contains("git:read", "ci", alice.id().toString());
    }

    @Test
    void shouldRefuseAnExpiryBeyond366Days() {
      HttpResponse<String> response =
          api.post(
              TOKENS,
              aliceToken,
              """
              {"name": "long", "scopes": ["git:read"], "expires_in_days": 367}""");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(response.body()).contains("expires_in_days");
    }

    @Test
    void shouldRefuseAnUnknownScope() {
      HttpResponse<String> response =
          api.post(TOKENS, aliceToken, "{\"name\": \"x\", \"scopes\": [\"admin:write\"]}");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("unknown-scope", "admin:write");
    }

    @Test
    void shouldRefuseScopesTheCallingTokenDoesNotHold() {
      String narrow = userToken(alice, List.of("integrations:read"));

      HttpResponse<String> response =
          api.post(
              TOKENS,
              narrow,
              "{\"name\": \"x\", \"scopes\": [\"integrations:read\", \"git:write\"]}");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("scope-not-held", "git:write");
      assertThat(response.body()).doesNotContain("integrations:read,");
    }

    @Test
    void shouldRefuseANetworkThatIsNoCidr() {
      HttpResponse<String> response =
          api.post(
              TOKENS,
              aliceToken,
              """
              {"name": "x", "scopes": ["git:read"], "allowed_cidrs": ["example.com/24"]}""");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("invalid-cidr");
    }
  }

  @Nested
  class Ownership {

    @Test
    void shouldAnswer404ToAnotherUserForEveryOperation() {
      String id = (String) create(aliceToken, "git:read").get("id");

      assertThat(api.get(TOKENS, bobToken).body()).doesNotContain(id);
      assertThat(api.delete(TOKENS + "/" + id, bobToken).statusCode()).isEqualTo(404);
      assertThat(api.post(TOKENS + "/" + id + "/regenerate", bobToken, null).statusCode())
          .isEqualTo(404);
      assertThat(api.get(TOKENS, aliceToken).body()).contains(id);
    }

    @Test
    void shouldRefuseAPersonalAccessTokenOnTheAccountAndAdminApis() {
      String secret = (String) create(aliceToken, "git:read", "git:write").get("token");
      String exchanged = (String) resolve(secret).get("access_token");

      assertThat(api.get(TOKENS, exchanged).statusCode()).isEqualTo(403);
      assertThat(api.get("/api/admin/users", exchanged).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseServiceAndUserTokensOnTheResolveEndpoint() {
      String secret = (String) create(aliceToken, "git:read").get("token");
      String body = "{\"token\": \"" + secret + "\"}";

      assertThat(api.post("/internal/pats/resolve", aliceToken, body).statusCode()).isEqualTo(403);
      // Another service's token names its own callee, never auth-server: refused as a token.
      assertThat(
              api.post(
                      "/internal/pats/resolve",
                      serviceToken(
                          "mcp-server-service", "git.broker", "http://git-connection-service"),
                      body)
                  .statusCode())
          .isEqualTo(401);
    }
  }

  @Nested
  class Resolve {

    @Test
    void shouldExchangeATokenForAShortJwtWithOnlyItsScopes() {
      Map<String, Object> created = create(aliceToken, "mcp:read");

      Map<String, Object> resolved = resolve((String) created.get("token"));

      assertThat(resolved)
          .containsEntry("pat_id", created.get("id"))
          .containsEntry("owner_id", alice.id().toString())
          .containsEntry("scopes", List.of("mcp:read"));
      Jwt jwt = flows.validate((String) resolved.get("access_token"));
      assertThat(jwt.getSubject()).isEqualTo(alice.id().toString());
      assertThat(jwt.getClaimAsStringList("scope")).containsExactly("mcp:read");
      assertThat(jwt.getClaimAsString("pat_id")).isEqualTo(created.get("id"));
      assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
      // A person's audiences (the gateway's and every service's) and the mark of a PAT.
      assertThat(jwt.getAudience())
          .containsExactly(
              "mcpm-api",
              "auth-server",
              "integration-service",
              "git-connection-service",
              "mcp-server-service",
              "audit-service",
              "mcpm-pat");
      assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt()))
          .isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldRefuseATokenWithABadChecksum() {
      String secret = (String) create(aliceToken, "git:read").get("token");
      char last = secret.charAt(secret.length() - 1);
      String typo = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');

      assertThat(resolveResponse(typo).statusCode()).isEqualTo(200);
      assertThat(Api.object(resolveResponse(typo).body())).isEqualTo(Map.of("active", false));
      assertThat(PatSecret.isWellFormed(typo)).isFalse();
    }

    @Test
    void shouldRefuseARevokedToken() {
      Map<String, Object> created = create(aliceToken, "git:read");
      String id = (String) created.get("id");

      assertThat(api.delete(TOKENS + "/" + id, aliceToken).statusCode()).isEqualTo(204);

      assertInactive((String) created.get("token"));
      assertThat(api.get(TOKENS, aliceToken).body()).doesNotContain(id);
      assertThat(Api.events(jdbc, EventTypes.PAT_REVOKED, id)).hasSize(1);
    }

    @Test
    void shouldRefuseTheOldSecretAfterARegeneration() {
      Map<String, Object> created = create(aliceToken, "git:read");
      String id = (String) created.get("id");

      HttpResponse<String> regenerated =
          api.post(TOKENS + "/" + id + "/regenerate", aliceToken, null);

      assertThat(regenerated.statusCode()).isEqualTo(200);
      String fresh = (String) Api.object(regenerated.body()).get("token");
      assertThat(fresh).isNotEqualTo(created.get("token"));
      assertInactive((String) created.get("token"));
      assertThat(resolve(fresh)).containsEntry("pat_id", id);
      assertThat(Api.events(jdbc, EventTypes.PAT_REGENERATED, id))
          .singleElement()
          .satisfies(e -> assertThat(e.toString()).doesNotContain(fresh));
    }

    @Test
    void shouldRefuseAnExpiredToken() {
      Map<String, Object> created = create(aliceToken, "git:read");
      jdbc.sql(
              "UPDATE personal_access_token SET expires_at = now() - interval '1 second' WHERE id = :id")
          .param("id", UUID.fromString((String) created.get("id")))
          .update();

      assertInactive((String) created.get("token"));
    }
  }

  @Nested
  class Usage {

    @Test
    void shouldAddUpTheGatewaysReportsPerDayAndKeepTheLatestUse() {
      String id = (String) create(aliceToken, "git:read").get("id");
      Instant now = Instant.now();
      report(id, 3, now.minusSeconds(10), "10.1.1.1", "curl/8");
      report(id, 2, now, "10.2.2.2", "python-httpx/1");

      Map<String, Object> listed = listed(id);

      assertThat(listed)
          .containsEntry("last_used_ip", "10.2.2.2")
          .containsEntry("last_used_user_agent", "python-httpx/1")
          .containsEntry("unused", false);
      assertThat((List<?>) listed.get("uses_by_day"))
          .singleElement()
          .satisfies(day -> assertThat(day.toString()).contains("uses=5"));
    }

    @Test
    void shouldFlagATokenUnusedFor30Days() {
      String used = (String) create(aliceToken, "git:read").get("id");
      String idle = (String) create(aliceToken, "git:read").get("id");
      jdbc.sql(
              "UPDATE personal_access_token SET created_at = now() - interval '31 days' WHERE id IN"
                  + " (:ids)")
          .param("ids", List.of(UUID.fromString(used), UUID.fromString(idle)))
          .update();
      report(used, 1, Instant.now(), "10.1.1.1", "curl/8");

      assertThat(listed(idle)).containsEntry("unused", true);
      assertThat(listed(used)).containsEntry("unused", false);
    }
  }

  @Test
  void signInTokensCarryEveryApiScopeOfTheUser() {
    Jwt jwt = flows.validate(aliceToken);

    assertThat(jwt.getClaimAsStringList("scope")).containsAll(ApiScopes.ALL);
  }

  private Map<String, Object> create(String token, String... scopes) {
    HttpResponse<String> response =
        api.post(
            TOKENS,
            token,
            "{\"name\": \"t\", \"scopes\": [\"" + String.join("\", \"", scopes) + "\"]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Api.object(response.body());
  }

  private HttpResponse<String> resolveResponse(String secret) {
    return api.post("/internal/pats/resolve", gatewayToken, "{\"token\": \"" + secret + "\"}");
  }

  private Map<String, Object> resolve(String secret) {
    HttpResponse<String> response = resolveResponse(secret);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, Object> body = Api.object(response.body());
    assertThat(body).containsEntry("active", true);
    return body;
  }

  private void assertInactive(String secret) {
    HttpResponse<String> response = resolveResponse(secret);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Api.object(response.body())).isEqualTo(Map.of("active", false));
  }

  private void report(String id, long count, Instant at, String ip, String agent) {
    String body =
        """
        {"uses": [{"pat_id": "%s", "count": %d, "last_used_at": "%s", "last_used_ip": "%s",
                   "last_used_user_agent": "%s"}]}"""
            .formatted(id, count, at, ip, agent);
    assertThat(api.post("/internal/pats/usage", gatewayToken, body).statusCode()).isEqualTo(204);
  }

  private Map<String, Object> listed(String id) {
    return Api.array(api.get(TOKENS, aliceToken).body()).stream()
        .filter(t -> t.get("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  private String serviceToken(String client, String scope) {
    return (String)
        OAuthFlows.json(flows.clientCredentials(client, SERVICE_SECRET, scope).body())
            .get("access_token");
  }

  private String serviceToken(String client, String scope, String resource) {
    return (String)
        OAuthFlows.json(flows.clientCredentials(client, SERVICE_SECRET, scope, resource).body())
            .get("access_token");
  }

  /** A token of the user signed by this server but with only some scopes (e.g. a narrowed one). */
  private String userToken(UserResponse user, List<String> scopes) {
    Instant now = Instant.now();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(user.id().toString())
            .audience(List.of("mcpm-api", "auth-server"))
            .issuedAt(now)
            .expiresAt(now.plusSeconds(300))
            .claim("roles", List.of("USER"))
            .claim("scope", scopes)
            .build();
    return encoder
        .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
        .getTokenValue();
  }
}
