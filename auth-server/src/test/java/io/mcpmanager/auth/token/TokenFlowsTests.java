package io.mcpmanager.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.AuthServerTest;
import io.mcpmanager.auth.testdata.Browser;
import io.mcpmanager.auth.testdata.OAuthFlows;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.auth.user.UserResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;

/** The grants of the platform's clients, driven over HTTP like real clients drive them. */
class TokenFlowsTests extends AuthServerTest {

  private final OAuthFlows flows = new OAuthFlows(ISSUER);

  @Autowired UserAdminService users;
  @Autowired JdbcClient jdbc;

  private static final List<String> PERSONAL_AUDIENCES =
      List.of(
          "mcpm-api",
          "auth-server",
          "integration-service",
          "git-connection-service",
          "mcp-server-service",
          "audit-service");

  @Nested
  class AuthorizationCodeWithPkce {

    @Test
    void shouldIssueAShortLivedAccessTokenNamingTheUserById() {
      UserResponse alice = UserMother.user(users, "alice");

      Map<String, Object> tokens = flows.authorizationCode(alice.username(), UserMother.PASSWORD);

      Jwt access = flows.validate((String) tokens.get("access_token"));
      assertThat(access.getSubject()).isEqualTo(alice.id().toString());
      assertThat(access.getClaimAsString("preferred_username")).isEqualTo(alice.username());
      assertThat(access.getClaimAsStringList("roles")).containsExactly("USER");
      // The granted scopes and every API scope the user holds (services check them per route).
      assertThat(access.getClaimAsStringList("scope"))
          .containsExactlyInAnyOrder(
              "openid",
              "profile",
              "integrations:read",
              "integrations:write",
              "git:read",
              "git:write",
              "mcp:read",
              "mcp:write",
              "audit:read");
      assertThat(access.getIssuer().toString()).isEqualTo(ISSUER);
      // The gateway's audience and every service it relays the token to; the ID token stays the
      // client's, as OIDC requires.
      assertThat(access.getAudience()).containsExactlyElementsOf(PERSONAL_AUDIENCES);
      assertThat(Duration.between(access.getIssuedAt(), access.getExpiresAt()))
          .isLessThanOrEqualTo(Duration.ofMinutes(15))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(5));
      Jwt id = flows.validate((String) tokens.get("id_token"));
      assertThat(id.getSubject()).isEqualTo(alice.id().toString());
      assertThat(id.getClaimAsString("preferred_username")).isEqualTo(alice.username());
      assertThat(id.getAudience()).containsExactly("web-frontend");
    }

    @Test
    void shouldPutBothRolesIntoAnAdminsToken() {
      UserResponse admin = UserMother.admin(users, "root");

      Jwt access = flows.validate(flows.accessToken(admin.username(), UserMother.PASSWORD));

      assertThat(access.getClaimAsStringList("roles")).containsExactlyInAnyOrder("USER", "ADMIN");
    }

    @Test
    void shouldRotateRefreshTokensAndRefuseAUsedOne() {
      UserResponse bob = UserMother.user(users, "bob");
      Map<String, Object> first = flows.authorizationCode(bob.username(), UserMother.PASSWORD);
      String firstRefresh = (String) first.get("refresh_token");
      assertThat(firstRefresh).isNotBlank();

      HttpResponse<String> refreshed = flows.refresh("web-frontend", firstRefresh);
      assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
      Map<String, Object> second = OAuthFlows.json(refreshed.body());
      assertThat(second.get("refresh_token")).isNotNull().isNotEqualTo(firstRefresh);
      Jwt refreshedAccess = flows.validate((String) second.get("access_token"));
      assertThat(refreshedAccess.getSubject()).isEqualTo(bob.id().toString());
      assertThat(refreshedAccess.getAudience()).containsExactlyElementsOf(PERSONAL_AUDIENCES);

      HttpResponse<String> reused = flows.refresh("web-frontend", firstRefresh);
      assertThat(reused.statusCode()).isEqualTo(400);
      assertThat(reused.body()).contains("invalid_grant");
      assertThat(flows.refresh("web-frontend", (String) second.get("refresh_token")).statusCode())
          .isEqualTo(200);
    }

    @Test
    void shouldRefuseTheCodeWithoutTheRightVerifier() {
      UserResponse carol = UserMother.user(users, "carol");
      Browser browser = new Browser(ISSUER);
      String verifier = OAuthFlows.randomString();
      browser.get(flows.authorizeUrl(OAuthFlows.challenge(verifier), "s1"));
      String callback =
          Browser.location(browser.follow(browser.login(carol.username(), UserMother.PASSWORD)));
      String code = callback.substring(callback.indexOf("code=") + 5, callback.indexOf('&'));

      HttpResponse<String> wrong = flows.exchangeCode(code, OAuthFlows.randomString());

      assertThat(wrong.statusCode()).isEqualTo(400);
      assertThat(wrong.body()).contains("invalid_grant");
    }

    @Test
    void shouldStoreTokenValuesOnlyAsHashes() {
      UserResponse dave = UserMother.user(users, "dave");
      Map<String, Object> tokens = flows.authorizationCode(dave.username(), UserMother.PASSWORD);

      List<String> stored =
          jdbc.sql(
                  """
              SELECT refresh_token_value FROM oauth2_authorization WHERE principal_name = :name""")
              .param("name", dave.username())
              .query(String.class)
              .list();

      assertThat(stored).hasSize(1);
      assertThat(stored.getFirst()).startsWith("sha256:").isNotEqualTo(tokens.get("refresh_token"));
      assertThat(
              jdbc.sql("SELECT count(*) FROM oauth2_authorization WHERE access_token_value = :t")
                  .param("t", tokens.get("access_token"))
                  .query(Long.class)
                  .single())
          .isZero();
    }
  }

  @Nested
  class DeviceAuthorization {

    @Test
    void shouldIssueTokensToTheCliAfterTheUserApprovesTheCode() {
      UserResponse erin = UserMother.user(users, "erin");
      Browser cli = new Browser(ISSUER);
      HttpResponse<String> started =
          cli.postForm(
              "/oauth2/device_authorization", Map.of("client_id", "mcpm-cli", "scope", "profile"));
      assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
      Map<String, Object> device = OAuthFlows.json(started.body());
      assertThat(device.get("verification_uri")).isEqualTo(ISSUER + "/activate");
      Map<String, String> poll =
          Map.of(
              "grant_type",
              "urn:ietf:params:oauth:grant-type:device_code",
              "device_code",
              (String) device.get("device_code"),
              "client_id",
              "mcpm-cli");
      assertThat(cli.postForm("/oauth2/token", poll).body()).contains("authorization_pending");

      Browser browser = new Browser(ISSUER);
      HttpResponse<String> toLogin = browser.get((String) device.get("verification_uri_complete"));
      assertThat(Browser.location(toLogin)).isEqualTo(ISSUER + "/login");
      HttpResponse<String> consent =
          browser.follow(browser.login(erin.username(), UserMother.PASSWORD));
      assertThat(consent.body())
          .contains("Consent required")
          .contains((String) device.get("user_code"));
      HttpResponse<String> done =
          browser.follow(
              browser.postForm(
                  "/oauth2/device_verification",
                  Map.of(
                      "client_id",
                      "mcpm-cli",
                      "state",
                      hidden(consent.body(), "state"),
                      "user_code",
                      hidden(consent.body(), "user_code"),
                      "scope",
                      "profile")));
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(done.body()).contains("Device activated");

      HttpResponse<String> token = cli.postForm("/oauth2/token", poll);
      assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
      Map<String, Object> tokens = OAuthFlows.json(token.body());
      Jwt access = flows.validate((String) tokens.get("access_token"));
      assertThat(access.getSubject()).isEqualTo(erin.id().toString());
      assertThat(access.getClaimAsStringList("roles")).containsExactly("USER");
      assertThat(access.getAudience()).containsExactlyElementsOf(PERSONAL_AUDIENCES);
      assertThat(flows.refresh("mcpm-cli", (String) tokens.get("refresh_token")).statusCode())
          .isEqualTo(200);
      assertThat(cli.postForm("/oauth2/token", poll).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldShowAnEntryPageForTheCodeToSignedInUsers() {
      UserResponse frank = UserMother.user(users, "frank");
      Browser browser = new Browser(ISSUER);
      browser.get("/activate");
      HttpResponse<String> page =
          browser.follow(browser.login(frank.username(), UserMother.PASSWORD));

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("name=\"user_code\"");
    }
  }

  private static String hidden(String html, String name) {
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
    assertThat(matcher.find()).as("hidden field " + name).isTrue();
    return org.springframework.web.util.HtmlUtils.htmlUnescape(matcher.group(1));
  }

  @Nested
  class ClientCredentials {

    @Test
    void shouldGiveAServiceATokenWithItsScopesAndNoRolesNamingOnlyItsCallee() {
      HttpResponse<String> response =
          flows.clientCredentials(
              "mcp-server-service",
              SERVICE_SECRET,
              "integrations.broker git.broker",
              "http://integration-service");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      Jwt access = flows.validate((String) OAuthFlows.json(response.body()).get("access_token"));
      assertThat(access.getSubject()).isEqualTo("mcp-server-service");
      assertThat(access.getAudience()).containsExactly("integration-service");
      assertThat(access.getClaimAsStringList("scope"))
          .containsExactlyInAnyOrder("integrations.broker", "git.broker");
      assertThat(access.hasClaim("roles")).isFalse();
    }

    @Test
    void shouldRefuseACalleeTheClientMayNotCallOrNoCalleeWhereItHasSeveral() {
      HttpResponse<String> foreign =
          flows.clientCredentials(
              "mcp-server-service", SERVICE_SECRET, "git.broker", "http://audit-service");
      assertThat(foreign.statusCode()).isEqualTo(400);
      assertThat(foreign.body()).contains("invalid_target");
      HttpResponse<String> unnamed =
          flows.clientCredentials("mcp-server-service", SERVICE_SECRET, "git.broker");
      assertThat(unnamed.statusCode()).isEqualTo(400);
      assertThat(unnamed.body()).contains("invalid_target");
    }

    @Test
    void shouldRefuseAWrongSecretAndAScopeTheClientDoesNotHave() {
      assertThat(flows.clientCredentials("mcp-server-service", "wrong", "git.broker").statusCode())
          .isEqualTo(401);
      HttpResponse<String> foreignScope =
          flows.clientCredentials("integration-service", SERVICE_SECRET, "integrations.broker");
      assertThat(foreignScope.statusCode()).isEqualTo(400);
      assertThat(foreignScope.body()).contains("invalid_scope");
    }

    @Test
    void shouldNotRegisterAServiceClientWithoutASecret() {
      assertThat(
              flows
                  .clientCredentials("git-connection-service", SERVICE_SECRET, "audit.write")
                  .statusCode())
          .isEqualTo(401);
    }
  }

  @Nested
  class Discovery {

    @Test
    void shouldPublishTheOpenIdConfigurationAndTheKeys() {
      Browser client = new Browser(ISSUER);
      Map<String, Object> configuration =
          OAuthFlows.json(client.get("/.well-known/openid-configuration").body());

      assertThat(configuration)
          .containsEntry("issuer", ISSUER)
          .containsEntry("jwks_uri", ISSUER + "/oauth2/jwks")
          .containsEntry("token_endpoint", ISSUER + "/oauth2/token");
      String jwks = client.get("/oauth2/jwks").body();
      assertThat(jwks).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");
    }
  }
}
