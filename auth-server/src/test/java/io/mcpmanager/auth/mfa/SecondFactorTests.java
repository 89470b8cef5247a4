package io.mcpmanager.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.AuthServerTest;
import io.mcpmanager.auth.testdata.Api;
import io.mcpmanager.auth.testdata.Browser;
import io.mcpmanager.auth.testdata.OAuthFlows;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.auth.user.UserResponse;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.util.UriComponentsBuilder;

/** TOTP enrolment, the second sign-in step, its limits, the claims it gives and step-up. */
class SecondFactorTests extends AuthServerTest {

  private static final String PAGE = "/login/second-factor";

  private final OAuthFlows flows = new OAuthFlows(ISSUER);
  private final Api api = new Api(ISSUER);

  @Autowired UserAdminService users;
  @Autowired JdbcClient jdbc;

  /** {@code enrolmentToken}: the password-only token the enrolment was made with. */
  record Enrolled(
      UserResponse user, String secret, List<String> recoveryCodes, String enrolmentToken) {}

  /** Enrols a new user through the API, as the console does, with a password-only token. */
  private Enrolled enrolledUser(String prefix) {
    UserResponse user = UserMother.user(users, prefix);
    String token = flows.accessToken(user.username(), UserMother.PASSWORD);
    HttpResponse<String> started = api.post("/api/account/mfa/totp", token, "");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    String secret = (String) Api.object(started.body()).get("secret");
    HttpResponse<String> confirmed =
        api.post(
            "/api/account/mfa/totp/confirm",
            token,
            "{\"code\":\"" + Totp.code(secret, Instant.now()) + "\"}");
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<String> codes = (List<String>) Api.object(confirmed.body()).get("recovery_codes");
    return new Enrolled(user, secret, codes, token);
  }

  /** The confirm used the current time step; the next sign-in takes the following one. */
  private static String nextCode(String secret) {
    return Totp.code(secret, Instant.now().plus(Totp.STEP));
  }

  /** Lets a test sign in again within the same 30 s (in real life the user waits a step). */
  private void forgetLastUsedStep(UserResponse user) {
    jdbc.sql("UPDATE mfa_totp SET last_used_step = 0 WHERE user_id = :u")
        .param("u", user.id())
        .update();
  }

  /** A browser at the second-factor page after the password, with the PKCE verifier. */
  private record SignIn(Browser browser, String verifier, HttpResponse<String> page) {}

  private SignIn passwordStep(String username, String extraParameters) {
    Browser browser = new Browser(ISSUER);
    String verifier = OAuthFlows.randomString();
    browser.get(
        flows.authorizeUrl(OAuthFlows.challenge(verifier), OAuthFlows.randomString())
            + extraParameters);
    HttpResponse<String> page = browser.follow(browser.login(username, UserMother.PASSWORD));
    return new SignIn(browser, verifier, page);
  }

  private static HttpResponse<String> submitCode(SignIn signIn, String code) {
    return signIn
        .browser()
        .postForm(PAGE, Map.of("code", code, "_csrf", Browser.csrf(signIn.page().body())));
  }

  /** Follows the second step's redirect to the callback and exchanges the code. */
  private Map<String, Object> tokens(SignIn signIn, HttpResponse<String> afterCode) {
    HttpResponse<String> callback = signIn.browser().follow(afterCode);
    String location = Browser.location(callback);
    assertThat(location).startsWith(OAuthFlows.WEB_REDIRECT);
    String code =
        UriComponentsBuilder.fromUri(URI.create(location))
            .build()
            .getQueryParams()
            .getFirst("code");
    HttpResponse<String> token = flows.exchangeCode(code, signIn.verifier());
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    return OAuthFlows.json(token.body());
  }

  @Nested
  class Enrolment {

    @Test
    void shouldGiveASecretAndTenRecoveryCodesKeepingOnlyCiphertextAndHashes() {
      UserResponse user = UserMother.user(users, "enrol");
      String token = flows.accessToken(user.username(), UserMother.PASSWORD);

      HttpResponse<String> started = api.post("/api/account/mfa/totp", token, "");
      assertThat(started.statusCode()).isEqualTo(201);
      Map<String, Object> body = Api.object(started.body());
      String secret = (String) body.get("secret");
      assertThat(secret).matches("[A-Z2-7]{32}");
      assertThat((String) body.get("otpauth_uri"))
          .startsWith("otpauth://totp/MCP%20Manager:" + user.username() + "?secret=" + secret)
          .contains("issuer=MCP%20Manager", "period=30", "digits=6");
      String stored =
          jdbc.sql("SELECT secret_ciphertext FROM mfa_totp WHERE user_id = :u")
              .param("u", user.id())
              .query(String.class)
              .single();
      assertThat(stored).startsWith("vault:v").doesNotContain(secret);

      HttpResponse<String> wrong =
          api.post("/api/account/mfa/totp/confirm", token, "{\"code\":\"000000x\"}");
      assertThat(wrong.statusCode()).isEqualTo(422);
      assertThat(wrong.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));

      HttpResponse<String> confirmed =
          api.post(
              "/api/account/mfa/totp/confirm",
              token,
              "{\"code\":\"" + Totp.code(secret, Instant.now()) + "\"}");
      assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
      @SuppressWarnings("unchecked")
      List<String> codes = (List<String>) Api.object(confirmed.body()).get("recovery_codes");
      assertThat(codes).hasSize(10).doesNotHaveDuplicates();
      assertThat(codes).allMatch(code -> code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
      List<String> hashes =
          jdbc.sql("SELECT code_hash FROM mfa_recovery_code WHERE user_id = :u")
              .param("u", user.id())
              .query(String.class)
              .list();
      assertThat(hashes).hasSize(10).allMatch(hash -> hash.startsWith("sha256:"));
      assertThat(hashes).doesNotContainAnyElementsOf(codes);

      List<Map<String, Object>> events =
          Api.events(jdbc, "io.mcpmanager.mfa.enrolled", user.id().toString());
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().toString()).doesNotContain(secret).doesNotContain(codes.get(0));

      assertThat(api.post("/api/account/mfa/totp", token, "").statusCode()).isEqualTo(409);
    }

    @Test
    void shouldRefuseTheApiWithoutAToken() {
      assertThat(api.post("/api/account/mfa/totp", null, "").statusCode()).isEqualTo(401);
    }
  }

  @Nested
  class SignInWithSecondFactor {

    @Test
    void shouldNotCompleteWithThePasswordAloneAndIssueMfaClaimsWithTheCode() {
      Enrolled enrolled = enrolledUser("twostep");

      SignIn signIn = passwordStep(enrolled.user().username(), "");
      assertThat(signIn.page().statusCode()).isEqualTo(200);
      assertThat(signIn.page().body()).contains("Second factor", "name=\"code\"");
      assertThat(signIn.page().uri().getPath()).isEqualTo(PAGE);

      // Going back to the authorization endpoint without the code gives no authorization code (it
      // becomes the request the second step returns to).
      HttpResponse<String> again =
          signIn
              .browser()
              .get(flows.authorizeUrl(OAuthFlows.challenge(signIn.verifier()), "again"));
      assertThat(Browser.location(again)).isEqualTo(ISSUER + PAGE);

      HttpResponse<String> wrong = submitCode(signIn, "000000");
      assertThat(Browser.location(wrong)).endsWith(PAGE + "?error");

      Instant before = Instant.now().minusSeconds(1);
      Map<String, Object> tokens = tokens(signIn, submitCode(signIn, nextCode(enrolled.secret())));
      Jwt access = flows.validate((String) tokens.get("access_token"));
      assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd", "otp", "mfa");
      assertThat(access.getClaimAsString("acr")).isEqualTo("urn:mcpm:acr:mfa");
      assertThat(access.getClaimAsBoolean("mfa_enrolled")).isTrue();
      assertThat(Instant.ofEpochSecond(((Number) access.getClaim("auth_time")).longValue()))
          .isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
          .isBeforeOrEqualTo(Instant.now());
      Jwt id = flows.validate((String) tokens.get("id_token"));
      assertThat(id.getClaimAsStringList("amr")).containsExactly("pwd", "otp", "mfa");

      // A refresh keeps how the user signed in (the factors are stored with the authorization).
      HttpResponse<String> refreshed =
          flows.refresh("web-frontend", (String) tokens.get("refresh_token"));
      assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
      Jwt refreshedAccess =
          flows.validate((String) OAuthFlows.json(refreshed.body()).get("access_token"));
      assertThat(refreshedAccess.getClaimAsStringList("amr")).containsExactly("pwd", "otp", "mfa");
      assertThat((Object) refreshedAccess.getClaim("auth_time"))
          .isEqualTo(access.getClaim("auth_time"));
    }

    @Test
    void shouldGivePasswordOnlyClaimsToAUserWithoutSecondFactor() {
      UserResponse user = UserMother.user(users, "pwdonly");

      Jwt access = flows.validate(flows.accessToken(user.username(), UserMother.PASSWORD));

      assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd");
      assertThat(access.getClaimAsString("acr")).isEqualTo("urn:mcpm:acr:pwd");
      assertThat(access.getClaimAsBoolean("mfa_enrolled")).isFalse();
      assertThat((Object) access.getClaim("auth_time")).isNotNull();
    }

    @Test
    void shouldRefuseAReplayedCode() {
      Enrolled enrolled = enrolledUser("replay");
      String code = nextCode(enrolled.secret());
      SignIn first = passwordStep(enrolled.user().username(), "");
      tokens(first, submitCode(first, code));

      SignIn second = passwordStep(enrolled.user().username(), "");
      HttpResponse<String> replayed = submitCode(second, code);

      assertThat(Browser.location(replayed)).endsWith(PAGE + "?error");
    }

    @Test
    void shouldLockTheSecondFactorForFifteenMinutesAfterFiveWrongCodes() {
      Enrolled enrolled = enrolledUser("lock");
      SignIn signIn = passwordStep(enrolled.user().username(), "");
      for (int i = 0; i < 4; i++) {
        assertThat(Browser.location(submitCode(signIn, "999999"))).endsWith("?error");
      }
      assertThat(Browser.location(submitCode(signIn, "999999"))).endsWith("?locked");

      // Even the right code is refused while the lock lasts.
      assertThat(Browser.location(submitCode(signIn, nextCode(enrolled.secret()))))
          .endsWith("?locked");
      Instant lockedUntil =
          jdbc.sql("SELECT locked_until FROM mfa_totp WHERE user_id = :u")
              .param("u", enrolled.user().id())
              .query(java.time.OffsetDateTime.class)
              .single()
              .toInstant();
      assertThat(lockedUntil)
          .isBetween(Instant.now().plusSeconds(14 * 60), Instant.now().plusSeconds(15 * 60 + 5));
      assertThat(Api.events(jdbc, "io.mcpmanager.mfa.locked", enrolled.user().id().toString()))
          .hasSize(1);
    }

    @Test
    void shouldAcceptARecoveryCodeOnce() {
      Enrolled enrolled = enrolledUser("recover");
      String recoveryCode = enrolled.recoveryCodes().get(3);

      SignIn first = passwordStep(enrolled.user().username(), "");
      Jwt access =
          flows.validate(
              (String)
                  tokens(first, submitCode(first, recoveryCode.toUpperCase())).get("access_token"));
      assertThat(access.getClaimAsStringList("amr")).contains("mfa");

      SignIn second = passwordStep(enrolled.user().username(), "");
      assertThat(Browser.location(submitCode(second, recoveryCode))).endsWith("?error");
      List<Map<String, Object>> events =
          Api.events(jdbc, "io.mcpmanager.mfa.recovery-code-used", enrolled.user().id().toString());
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().toString()).doesNotContain(recoveryCode);
    }
  }

  @Nested
  class DeviceFlow {

    @Test
    void shouldAskForTheCodeBeforeTheDeviceConsentAndIssueMfaTokens() {
      Enrolled enrolled = enrolledUser("device");
      Browser cli = new Browser(ISSUER);
      Map<String, Object> device =
          OAuthFlows.json(
              cli.postForm(
                      "/oauth2/device_authorization",
                      Map.of("client_id", "mcpm-cli", "scope", "profile"))
                  .body());
      Browser browser = new Browser(ISSUER);
      browser.get((String) device.get("verification_uri_complete"));

      HttpResponse<String> page =
          browser.follow(browser.login(enrolled.user().username(), UserMother.PASSWORD));
      assertThat(page.uri().getPath()).isEqualTo(PAGE);
      HttpResponse<String> consent =
          browser.follow(
              browser.postForm(
                  PAGE,
                  Map.of("code", nextCode(enrolled.secret()), "_csrf", Browser.csrf(page.body()))));
      assertThat(consent.body()).contains("Consent required");
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
      assertThat(done.body()).contains("Device activated");

      HttpResponse<String> token =
          cli.postForm(
              "/oauth2/token",
              Map.of(
                  "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                  "device_code", (String) device.get("device_code"),
                  "client_id", "mcpm-cli"));
      assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
      Jwt access = flows.validate((String) OAuthFlows.json(token.body()).get("access_token"));
      assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd", "otp", "mfa");
    }

    private static String hidden(String html, String name) {
      java.util.regex.Matcher matcher =
          java.util.regex.Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]*)\"")
              .matcher(html);
      assertThat(matcher.find()).as("hidden input " + name).isTrue();
      return org.springframework.web.util.HtmlUtils.htmlUnescape(matcher.group(1));
    }
  }

  @Nested
  class Reauthentication {

    @Test
    void shouldForceAFreshSignInWhenTheSessionIsOlderThanMaxAge() throws Exception {
      UserResponse user = UserMother.user(users, "maxage");
      Browser browser = new Browser(ISSUER);
      browser.get(flows.authorizeUrl(OAuthFlows.challenge(OAuthFlows.randomString()), "a"));
      assertThat(
              Browser.location(browser.follow(browser.login(user.username(), UserMother.PASSWORD))))
          .startsWith(OAuthFlows.WEB_REDIRECT);
      // Within the session, a new authorization needs no sign-in...
      assertThat(
              Browser.location(
                  browser.get(
                      flows.authorizeUrl(OAuthFlows.challenge(OAuthFlows.randomString()), "b"))))
          .startsWith(OAuthFlows.WEB_REDIRECT);
      Thread.sleep(1100); // auth_time has a resolution of one second

      // ...but with max_age=1 the sign-in is too old: back to the login form, then through.
      HttpResponse<String> stale =
          browser.get(
              flows.authorizeUrl(OAuthFlows.challenge(OAuthFlows.randomString()), "c")
                  + "&max_age=1");
      assertThat(Browser.location(stale)).isEqualTo(ISSUER + "/login");
      assertThat(
              Browser.location(browser.follow(browser.login(user.username(), UserMother.PASSWORD))))
          .startsWith(OAuthFlows.WEB_REDIRECT);
    }

    @Test
    void shouldAskForASecondFactorWhenTheClientAsksForTheMfaLevel() {
      UserResponse user = UserMother.user(users, "acr");

      SignIn signIn = passwordStep(user.username(), "&acr_values=urn:mcpm:acr:mfa");

      // No second factor yet: the page enrols one.
      assertThat(signIn.page().uri().getPath()).isEqualTo(PAGE);
      assertThat(signIn.page().body()).contains("Set up a second factor", "otpauth://totp/");
    }
  }

  @Nested
  class AdminApi {

    @Test
    void shouldAskAnAdministratorWithASecondFactorForARecentOne() {
      UserResponse admin = UserMother.admin(users, "mfa-admin");
      String token = flows.accessToken(admin.username(), UserMother.PASSWORD);
      assertThat(api.get("/api/admin/users", token).statusCode()).isEqualTo(200);
      String secret =
          (String) Api.object(api.post("/api/account/mfa/totp", token, "").body()).get("secret");
      api.post(
          "/api/account/mfa/totp/confirm",
          token,
          "{\"code\":\"" + Totp.code(secret, Instant.now()) + "\"}");

      // The same password-only token, now that the admin has a second factor.
      HttpResponse<String> refused = api.get("/api/admin/users", token);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer error=\"insufficient_user_authentication\"")
          .endsWith("max_age=\"600\"");
      assertThat(refused.body()).contains("insufficient-user-authentication");

      SignIn signIn = passwordStep(admin.username(), "");
      String mfaToken =
          (String) tokens(signIn, submitCode(signIn, nextCode(secret))).get("access_token");
      assertThat(api.get("/api/admin/users", mfaToken).statusCode()).isEqualTo(200);
    }
  }

  @Nested
  class PersonalAccessTokens {

    @Test
    void shouldNeedARecentSecondFactorToCreateOne() {
      Enrolled enrolled = enrolledUser("pat-step-up");
      String body = "{\"name\":\"ci\",\"scopes\":[\"integrations:read\"],\"expires_in_days\":7}";

      HttpResponse<String> refused =
          api.post("/api/account/tokens", enrolled.enrolmentToken(), body);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer error=\"insufficient_user_authentication\"");
      assertThat(
              jdbc.sql("SELECT count(*) FROM personal_access_token WHERE owner_id = :u")
                  .param("u", enrolled.user().id())
                  .query(Long.class)
                  .single())
          .isZero();

      SignIn signIn = passwordStep(enrolled.user().username(), "");
      String mfaToken =
          (String)
              tokens(signIn, submitCode(signIn, nextCode(enrolled.secret()))).get("access_token");
      assertThat(api.post("/api/account/tokens", mfaToken, body).statusCode()).isEqualTo(201);
    }
  }

  @Nested
  class Delegations {

    @Test
    void shouldNeedARecentSecondFactorAtTheConsoleRouteAndTheTokenEndpoint() {
      Enrolled enrolled = enrolledUser("delegation-step-up");
      String body =
          "{\"scopes\":[\"mcp:read\"],\"audience\":\"mcpm-api\",\"expires_in_minutes\":5}";
      Map<String, String> exchange =
          Map.of(
              "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
              "client_id", "web-frontend",
              "subject_token", enrolled.enrolmentToken(),
              "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
              "scope", "mcp:read",
              "audience", "mcpm-api");

      HttpResponse<String> console =
          api.post("/api/account/delegations", enrolled.enrolmentToken(), body);
      HttpResponse<String> endpoint = new Browser(ISSUER).postForm("/oauth2/token", exchange);

      assertThat(console.statusCode()).isEqualTo(401);
      assertThat(console.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer error=\"insufficient_user_authentication\"");
      assertThat(endpoint.statusCode()).isEqualTo(400);
      assertThat(OAuthFlows.json(endpoint.body())).containsEntry("error", "invalid_grant");

      SignIn signIn = passwordStep(enrolled.user().username(), "");
      String mfaToken =
          (String)
              tokens(signIn, submitCode(signIn, nextCode(enrolled.secret()))).get("access_token");
      assertThat(api.post("/api/account/delegations", mfaToken, body).statusCode()).isEqualTo(201);
    }
  }

  @Nested
  class Disabling {

    @Test
    void shouldNeedARecentSecondFactorAndThenRemoveIt() {
      Enrolled enrolled = enrolledUser("disable");
      // Issued before the enrolment: it says mfa_enrolled false, but auth-server knows better.
      String passwordOnly = enrolled.enrolmentToken();
      SignIn signIn = passwordStep(enrolled.user().username(), "");
      String mfaToken =
          (String)
              tokens(signIn, submitCode(signIn, nextCode(enrolled.secret()))).get("access_token");

      HttpResponse<String> refused = api.delete("/api/account/mfa/totp", passwordOnly);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .hasValue(
              "Bearer error=\"insufficient_user_authentication\", error_description=\"This"
                  + " operation needs a second factor; sign in again with it\", max_age=\"600\"");

      HttpResponse<String> removed = api.delete("/api/account/mfa/totp", mfaToken);
      assertThat(removed.statusCode()).isEqualTo(204);
      assertThat(Api.events(jdbc, "io.mcpmanager.mfa.disabled", enrolled.user().id().toString()))
          .hasSize(1);
      assertThat(
              jdbc.sql("SELECT count(*) FROM mfa_recovery_code WHERE user_id = :u")
                  .param("u", enrolled.user().id())
                  .query(Long.class)
                  .single())
          .isZero();
    }
  }
}
