package io.mcpmanager.auth.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.AuthServerTest;
import io.mcpmanager.auth.testdata.Api;
import io.mcpmanager.auth.testdata.Browser;
import io.mcpmanager.auth.testdata.OAuthFlows;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.auth.token.Audiences;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.auth.user.UserResponse;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.security.RecentSecondFactor;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
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
 * Delegated tokens by RFC 8693 token exchange at /oauth2/token and for the console at
 * /api/account/delegations: the asked scopes, audience and lifetime exactly, {@code act} naming the
 * client, nothing beyond the subject token, and no use where a delegated token has no business.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DelegationTests extends AuthServerTest {

  private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
  private static final String DELEGATIONS = "/api/account/delegations";

  @Autowired UserAdminService users;
  @Autowired JdbcClient jdbc;
  @Autowired JwtEncoder encoder;
  @Autowired RecentSecondFactor stepUp;

  private final Api api = new Api(ISSUER);
  private final OAuthFlows flows = new OAuthFlows(ISSUER);
  private UserResponse alice;
  private String aliceToken;

  @BeforeAll
  void signIn() {
    alice = UserMother.user(users, "alice");
    aliceToken = flows.accessToken(alice.username(), UserMother.PASSWORD);
  }

  private HttpResponse<String> exchange(String clientId, String subject, String... extra) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", TOKEN_EXCHANGE);
    form.put("client_id", clientId);
    form.put("subject_token", subject);
    form.put("subject_token_type", ACCESS_TOKEN);
    form.put("requested_token_type", ACCESS_TOKEN);
    for (int i = 0; i < extra.length; i += 2) {
      form.put(extra[i], extra[i + 1]);
    }
    return new Browser(ISSUER).postForm("/oauth2/token", form);
  }

  private String delegated(String... extra) {
    HttpResponse<String> issued = exchange("web-frontend", aliceToken, extra);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    return (String) OAuthFlows.json(issued.body()).get("access_token");
  }

  @Nested
  class TokenEndpoint {

    @Test
    void shouldIssueTheAskedScopesAudienceAndLifetimeWithTheClientAsActor() {
      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      HttpResponse<String> issued =
          exchange(
              "web-frontend",
              aliceToken,
              "scope",
              "integrations:read git:read",
              "audience",
              "mcpm-api",
              "expires_in",
              "600");
      Instant after = Instant.now();

      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
      Map<String, Object> body = OAuthFlows.json(issued.body());
      assertThat(body)
          .containsEntry("token_type", "Bearer")
          .containsEntry("issued_token_type", ACCESS_TOKEN)
          .doesNotContainKey("refresh_token");
      assertThat(((Number) body.get("expires_in")).longValue()).isBetween(599L, 600L);
      Jwt token = flows.validate((String) body.get("access_token"));
      assertThat(token.getSubject()).isEqualTo(alice.id().toString());
      assertThat(token.getClaimAsStringList("scope"))
          .containsExactly("git:read", "integrations:read");
      // The API audience names the services behind the gateway too: each accepts only its own name.
      assertThat(token.getAudience())
          .containsExactly(
              "mcpm-api",
              "auth-server",
              "integration-service",
              "git-connection-service",
              "mcp-server-service",
              "audit-service");
      assertThat(token.getClaimAsMap("act")).isEqualTo(Map.of("sub", "web-frontend"));
      assertThat(token.getIssuedAt()).isBetween(before, after);
      assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt()))
          .isEqualTo(Duration.ofMinutes(10));
      assertThat(token.getClaims()).doesNotContainKeys("amr", "acr", "auth_time");

      List<Map<String, Object>> events =
          Api.events(jdbc, EventTypes.DELEGATION_CREATED, token.getId());
      assertThat(events).hasSize(1);
      @SuppressWarnings("unchecked")
      Map<String, Object> data = (Map<String, Object>) events.getFirst().get("data");
      assertThat(data).containsEntry("owner_id", alice.id().toString());
      assertThat(events.getFirst().toString()).doesNotContain(token.getTokenValue());
    }

    @Test
    void shouldBindAnMcpEndpointNamedAsResourceAndNameTheCli() {
      HttpResponse<String> issued =
          exchange(
              "mcpm-cli",
              aliceToken,
              "scope",
              "mcp:read",
              "resource",
              "http://127.0.0.1:8080/mcp/github");

      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
      Jwt token = flows.validate((String) OAuthFlows.json(issued.body()).get("access_token"));
      assertThat(token.getAudience()).containsExactly("http://127.0.0.1:8080/mcp/github");
      assertThat(token.getClaimAsMap("act")).isEqualTo(Map.of("sub", "mcpm-cli"));
      // No lifetime asked: the default, 15 minutes.
      assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt()))
          .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldRefuseALifetimeBeyondSixtyMinutes() {
      HttpResponse<String> refused =
          exchange(
              "web-frontend",
              aliceToken,
              "scope",
              "git:read",
              "audience",
              "mcpm-api",
              "expires_in",
              "3601");

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(OAuthFlows.json(refused.body())).containsEntry("error", "invalid_request");
    }

    @Test
    void shouldRefuseAScopeTheSubjectTokenDoesNotCarry() {
      String narrow = signedUserToken(List.of("git:read"));

      HttpResponse<String> refused =
          exchange(
              "web-frontend",
              narrow,
              "scope",
              "git:read integrations:write",
              "audience",
              "mcpm-api");
      HttpResponse<String> notAnApiScope =
          exchange("web-frontend", aliceToken, "scope", "openid", "audience", "mcpm-api");

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(OAuthFlows.json(refused.body()))
          .containsEntry("error", "invalid_scope")
          .extractingByKey("error_description")
          .asString()
          .endsWith("not held: integrations:write");
      assertThat(notAnApiScope.statusCode()).isEqualTo(400);
      assertThat(OAuthFlows.json(notAnApiScope.body())).containsEntry("error", "invalid_scope");
    }

    @Test
    void shouldRefuseASignedTokenItNeverIssued() {
      // Signed by this server and within scope, but not an issued token: the library's lookup.
      HttpResponse<String> refused =
          exchange(
              "web-frontend",
              signedUserToken(List.of("git:read")),
              "scope",
              "git:read",
              "audience",
              "mcpm-api");

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(OAuthFlows.json(refused.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void shouldRefuseAnAudienceNotConfigured() {
      HttpResponse<String> refused =
          exchange(
              "web-frontend",
              aliceToken,
              "scope",
              "git:read",
              "audience",
              "https://elsewhere.example/api");

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(OAuthFlows.json(refused.body())).containsEntry("error", "invalid_target");
    }

    @Test
    void shouldNotDelegateADelegatedTokenAgain() {
      String once = delegated("scope", "git:read git:write", "audience", "mcpm-api");

      HttpResponse<String> again =
          exchange("web-frontend", once, "scope", "git:read", "audience", "mcpm-api");

      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(OAuthFlows.json(again.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void shouldRefuseAClientNotAllowedToExchange() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", TOKEN_EXCHANGE);
      form.put("subject_token", aliceToken);
      form.put("subject_token_type", ACCESS_TOKEN);
      form.put("scope", "git:read");
      form.put("audience", "mcpm-api");
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      ("mcp-server-service:" + SERVICE_SECRET).getBytes(StandardCharsets.UTF_8));

      HttpResponse<String> refused = new Browser(ISSUER).postForm("/oauth2/token", form, basic);

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(OAuthFlows.json(refused.body())).containsEntry("error", "unauthorized_client");
    }
  }

  @Nested
  class WhereADelegatedTokenIsRefused {

    @Test
    void shouldBeRefusedOnTheAccountApi() {
      String token = delegated("scope", "integrations:read", "audience", "mcpm-api");

      assertThat(api.get("/api/account/tokens", token).statusCode()).isEqualTo(403);
      assertThat(
              api.post(
                      DELEGATIONS,
                      token,
                      """
                      {"scopes": ["integrations:read"], "audience": "mcpm-api", "expires_in_minutes": 5}""")
                  .statusCode())
          .isEqualTo(403);
    }

    @Test
    void shouldBeRefusedOnTheAdminApiAndByTheStepUpRule() {
      UserResponse admin = UserMother.admin(users, "admin");
      String adminToken = flows.accessToken(admin.username(), UserMother.PASSWORD);
      HttpResponse<String> issued =
          exchange("web-frontend", adminToken, "scope", "audit:read", "audience", "mcpm-api");
      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
      String token = (String) OAuthFlows.json(issued.body()).get("access_token");

      assertThat(api.get("/api/admin/users", adminToken).statusCode()).isEqualTo(200);
      assertThat(api.get("/api/admin/users", token).statusCode()).isEqualTo(403);
      assertThat(stepUp.refusal(flows.validate(token)))
          .hasValueSatisfying(reason -> assertThat(reason).contains("delegated token"));
    }
  }

  @Nested
  class ConsoleRoute {

    @Test
    void shouldIssueTheSameTokenForTheCaller() {
      HttpResponse<String> created =
          api.post(
              DELEGATIONS,
              aliceToken,
              """
              {"scopes": ["mcp:read", "mcp:write"], "audience": "mcpm-api", "expires_in_minutes": 5}""");

      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      Map<String, Object> body = Api.object(created.body());
      assertThat(body)
          .containsEntry("token_type", "Bearer")
          .containsEntry("issued_token_type", ACCESS_TOKEN)
          .containsEntry("scopes", List.of("mcp:read", "mcp:write"))
          .containsEntry("audience", Audiences.ofPersonalTokens());
      assertThat(((Number) body.get("expires_in")).longValue()).isEqualTo(300L);
      Jwt token = flows.validate((String) body.get("access_token"));
      assertThat(token.getIssuer()).hasToString(ISSUER);
      assertThat(token.getId()).isEqualTo(body.get("delegation_id"));
      assertThat(token.getClaimAsMap("act")).isEqualTo(Map.of("sub", "web-frontend"));
      assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt()))
          .isEqualTo(Duration.ofMinutes(5));
      assertThat(Api.events(jdbc, EventTypes.DELEGATION_CREATED, token.getId())).hasSize(1);
    }

    @Test
    void shouldRefuseMoreThanSixtyMinutes() {
      HttpResponse<String> refused =
          api.post(
              DELEGATIONS,
              aliceToken,
              """
              {"scopes": ["mcp:read"], "audience": "mcpm-api", "expires_in_minutes": 61}""");

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("expires_in_minutes");
    }

    @Test
    void shouldRefuseAScopeNotHeldAsAProblem() {
      HttpResponse<String> refused =
          api.post(
              DELEGATIONS,
              aliceToken,
              """
              {"scopes": ["pats.resolve"], "audience": "mcpm-api", "expires_in_minutes": 5}""");

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      assertThat(Api.object(refused.body()))
          .containsEntry("type", "https://mcp-manager.io/problems/invalid-scope")
          .extractingByKey("detail")
          .asString()
          .contains("pats.resolve");
    }
  }

  /** A token signed by this server for alice with only these scopes, which it never issued. */
  private String signedUserToken(List<String> scopes) {
    Instant now = Instant.now();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(alice.id().toString())
            .audience(Audiences.ofPersonalTokens())
            .id(UUID.randomUUID().toString())
            .issuedAt(now)
            .expiresAt(now.plusSeconds(300))
            .claim("preferred_username", alice.username())
            .claim("roles", List.of("USER"))
            .claim("scope", scopes)
            .build();
    return encoder
        .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
        .getTokenValue();
  }
}
