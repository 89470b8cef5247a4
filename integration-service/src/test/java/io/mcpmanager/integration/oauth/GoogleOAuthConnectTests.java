package io.mcpmanager.integration.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.testdata.GoogleStubs;
import io.mcpmanager.integration.testdata.Tokens;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.oauth.BrowserBinding;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connecting gmail and calendar through Google: the authorization URL, the browser's round trip
 * through a Google stand-in that checks PKCE like Google does, and every way a callback is refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class GoogleOAuthConnectTests extends IntegrationServiceTestBase {

  private static final String FRONTEND = "http://localhost:5173/integrations";

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired SecretCipher cipher;
  @Autowired OAuthConnectService connect;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** The starting browser's cookie jar: the binding cookie each start set, by its state. */
  private final Map<String, Cookie> bindings = new java.util.concurrent.ConcurrentHashMap<>();

  /** POST .../oauth/start as the user; the authorization URL from the answer. */
  private URI start(String owner, String type, String body) throws Exception {
    var request =
        post("/api/integrations/{type}/oauth/start", type)
            .header("Authorization", "Bearer " + ISSUER.userToken(owner));
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    URI authorization =
        URI.create(
            json.readTree(response.getContentAsString()).get("authorization_url").asString());
    Cookie binding = response.getCookie(BrowserBinding.cookieName(type));
    if (binding != null) {
      bindings.put(query(authorization).get("state"), binding);
    }
    return authorization;
  }

  /** The user's browser at Google: the consent screen answers with a redirect to our callback. */
  private URI consent(URI authorizationUrl) throws Exception {
    HttpResponse<String> answer =
        browser.send(
            HttpRequest.newBuilder(authorizationUrl).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(302);
    return URI.create(answer.headers().firstValue("Location").orElseThrow());
  }

  /**
   * The starting browser arriving at the callback with its cookie (no bearer token unless given);
   * where it is sent next.
   */
  private URI callback(URI callback, String bearer) throws Exception {
    String state = query(callback).get("state");
    return callback(callback, bearer, state == null ? null : bindings.get(state));
  }

  private URI callback(URI callback, String bearer, Cookie binding) throws Exception {
    var request = get(callback.getRawPath() + "?" + callback.getRawQuery());
    if (binding != null) {
      request.cookie(binding);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(302);
    assertThat(response.getHeader("Cache-Control")).contains("no-store");
    return URI.create(response.getRedirectedUrl());
  }

  private static Map<String, String> query(URI uri) {
    return UriComponentsBuilder.fromUri(uri)
        .build(true)
        .getQueryParams()
        .toSingleValueMap()
        .entrySet()
        .stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Map.Entry::getKey,
                e ->
                    java.net.URLDecoder.decode(
                        e.getValue() == null ? "" : e.getValue(),
                        java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static URI withQuery(URI uri, String name, String value) {
    return UriComponentsBuilder.fromUri(uri).replaceQueryParam(name, value).build(true).toUri();
  }

  private long accountsOf(String owner) {
    return jdbc.sql("SELECT count(*) FROM integration_account WHERE owner_id = :o")
        .param("o", owner)
        .query(Long.class)
        .single();
  }

  private List<String> eventTypesOf(String owner) {
    return jdbc.sql(
            """
            SELECT payload->>'type' FROM outbox_event WHERE payload->'data'->>'owner_id' = :o ORDER BY created_at""")
        .param("o", owner)
        .query(String.class)
        .list();
  }

  @Test
  void shouldConnectGmailThroughGoogleAndKeepOnlyCiphertextAndAHint(CapturedOutput output)
      throws Exception {
    String owner = Tokens.user();
    String access = "ya29.a0AfB_connect-" + UUID.randomUUID();
    String refresh = "1//0gconnect-" + UUID.randomUUID();
    GoogleStubs.authorizeAllows(PROVIDERS);
    GoogleStubs.exchanges(PROVIDERS, access, refresh);
    double createdBefore =
        meters
            .get("mcpm.credential.operations")
            .tag("operation", "create")
            .tag("outcome", "success")
            .counter()
            .count();

    URI authorize = start(owner, "gmail", null);
    Map<String, String> params = query(authorize);
    assertThat(authorize.toString())
        .startsWith(PROVIDERS.baseUrl() + GoogleStubs.AUTHORIZE_PATH + "?");
    assertThat(params)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", "mcp-manager-test.apps.googleusercontent.com")
        .containsEntry(
            "redirect_uri", "http://127.0.0.1:8080/api/integrations/gmail/oauth/callback")
        .containsEntry("scope", "https://www.googleapis.com/auth/gmail.readonly openid email")
        .containsEntry("access_type", "offline")
        .containsEntry("prompt", "consent")
        .containsEntry("code_challenge_method", "S256");
    assertThat(params.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    assertThat(params.get("state")).matches("[A-Za-z0-9_-]{43}\\.\\d+\\.[A-Za-z0-9_-]{43}");

    URI landed = callback(consent(authorize), null);

    Map<String, String> outcome = query(landed);
    assertThat(landed.toString()).startsWith(FRONTEND + "?");
    assertThat(outcome).containsEntry("status", "connected").containsEntry("type", "gmail");
    UUID id = UUID.fromString(outcome.get("integration_id"));
    Map<String, Object> row =
        jdbc.sql(
                """
            SELECT owner_id, type, auth_method, status, credential_ciphertext, refresh_token_ciphertext,
                   credential_hint, scopes, expires_at IS NOT NULL AS expires FROM integration_account WHERE id = :id""")
            .param("id", id)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("owner_id", owner)
        .containsEntry("type", "gmail")
        .containsEntry("auth_method", "OAUTH")
        .containsEntry("status", "ACTIVE")
        .containsEntry("credential_hint", "…" + access.substring(access.length() - 4))
        .containsEntry("expires", true);
    assertThat((String) row.get("scopes")).contains(GoogleStubs.GMAIL_SCOPE);
    assertThat(cipher.decrypt(owner, (String) row.get("credential_ciphertext"))).isEqualTo(access);
    assertThat(cipher.decrypt(owner, (String) row.get("refresh_token_ciphertext")))
        .isEqualTo(refresh);
    PROVIDERS.verify(
        1,
        postRequestedFor(urlEqualTo("/token"))
            .withFormParam("grant_type", equalTo("authorization_code"))
            .withFormParam("code", equalTo("4.0AVG" + params.get("code_challenge"))));

    String shown =
        mvc.perform(
                get("/api/integrations/{id}", id)
                    .header("Authorization", "Bearer " + ISSUER.userToken(owner)))
            .andReturn()
            .getResponse()
            .getContentAsString();
    JsonNode account = json.readTree(shown);
    assertThat(account.get("status").asString()).isEqualTo("active");
    assertThat(shown)
        .contains(access.substring(access.length() - 4))
        .doesNotContain(access)
        .doesNotContain(refresh);
    assertThat(outboxTypesFor(id)).containsExactly("io.mcpmanager.integration.created");
    String created =
        outboxPayloads().stream().filter(p -> p.contains(id.toString())).findFirst().orElseThrow();
    assertThat(json.readTree(created).at("/data/actor/id").asString()).isEqualTo(owner);
    assertThat(String.join("\n", outboxPayloads())).doesNotContain(access).doesNotContain(refresh);
    assertThat(landed.toString()).doesNotContain(access).doesNotContain(refresh);
    assertThat(output.getAll()).doesNotContain(access).doesNotContain(refresh);
    assertThat(
            meters
                .get("mcpm.credential.operations")
                .tag("operation", "create")
                .tag("outcome", "success")
                .counter()
                .count())
        .isEqualTo(createdBefore + 1);
  }

  @Test
  void shouldAskForCalendarScopesAndCallBackToTheCalendarPath() throws Exception {
    Map<String, String> params = query(start(Tokens.user(), "calendar", null));

    assertThat(params)
        .containsEntry("scope", "https://www.googleapis.com/auth/calendar.readonly openid email")
        .containsEntry(
            "redirect_uri", "http://127.0.0.1:8080/api/integrations/calendar/oauth/callback");
  }

  @Test
  void shouldRejectStartsForTypesWithoutOAuthAndForeignReturnUrls() throws Exception {
    String owner = Tokens.user();
    String bearer = "Bearer " + ISSUER.userToken(owner);

    for (String type : List.of("notion", "myspace")) {
      MockHttpServletResponse refused =
          mvc.perform(
                  post("/api/integrations/{t}/oauth/start", type).header("Authorization", bearer))
              .andReturn()
              .getResponse();
      assertThat(refused.getStatus()).isEqualTo(400);
      assertThat(refused.getContentType()).isEqualTo("application/problem+json");
      assertThat(json.readTree(refused.getContentAsString()).at("/errors/0/field").asString())
          .isEqualTo("type");
    }
    for (String foreign :
        List.of(
            "https://evil.example/integrations",
            "http://localhost:5173.evil.example/integrations",
            "http://user@localhost:5173/integrations",
            "javascript:alert(1)")) {
      MockHttpServletResponse refused =
          mvc.perform(
                  post("/api/integrations/gmail/oauth/start")
                      .header("Authorization", bearer)
                      .contentType(MediaType.APPLICATION_JSON)
                      .content("{\"return_url\":\"" + foreign + "\"}"))
              .andReturn()
              .getResponse();
      assertThat(refused.getStatus()).as(foreign).isEqualTo(400);
      assertThat(refused.getContentAsString()).contains("return_url");
    }
    assertThat(
            mvc.perform(post("/api/integrations/gmail/oauth/start"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(401);
    assertThat(
            jdbc.sql("SELECT count(*) FROM oauth_state WHERE user_id = :u")
                .param("u", owner)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void shouldReturnToTheAllowedReturnUrlAfterConnecting() throws Exception {
    String owner = Tokens.user();
    GoogleStubs.authorizeAllows(PROVIDERS);
    GoogleStubs.exchanges(
        PROVIDERS, "ya29.a0-return-" + UUID.randomUUID(), "1//0g-return-" + UUID.randomUUID());

    URI landed =
        callback(
            consent(
                start(
                    owner,
                    "calendar",
                    "{\"return_url\":\"" + FRONTEND + "/calendar?tab=accounts\"}")),
            null);

    assertThat(landed.toString())
        .startsWith(FRONTEND + "/calendar?tab=accounts&status=connected&type=calendar");
    assertThat(accountsOf(owner)).isEqualTo(1);
  }

  @Test
  void shouldRejectATamperedStateAStateOfAnotherTypeAndAReplay() throws Exception {
    String owner = Tokens.user();
    GoogleStubs.authorizeAllows(PROVIDERS);
    GoogleStubs.exchanges(
        PROVIDERS, "ya29.a0-replay-" + UUID.randomUUID(), "1//0g-replay-" + UUID.randomUUID());

    URI tamperedBack = consent(start(owner, "gmail", null));
    String state = query(tamperedBack).get("state");
    String[] parts = state.split("\\.");
    String forged = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
    assertThat(query(callback(withQuery(tamperedBack, "state", forged), null)))
        .containsEntry("status", "error")
        .containsEntry("error", "invalid_state");

    URI gmailBack = consent(start(owner, "gmail", null));
    URI atCalendar = URI.create(gmailBack.toString().replace("/gmail/oauth/", "/calendar/oauth/"));
    assertThat(query(callback(atCalendar, null))).containsEntry("error", "invalid_state");

    URI genuine = consent(start(owner, "gmail", null));
    assertThat(query(callback(genuine, null))).containsEntry("status", "connected");
    assertThat(query(callback(genuine, null)))
        .containsEntry("status", "error")
        .containsEntry("error", "invalid_state");

    assertThat(query(callback(withQuery(genuine, "state", "not-a-state"), null)))
        .containsEntry("error", "invalid_state");
    PROVIDERS.verify(1, postRequestedFor(urlEqualTo("/token")));
    assertThat(accountsOf(owner)).isEqualTo(1);
  }

  @Test
  void shouldFailTheExchangeWhenTheCodeWasIssuedForAnotherPkceChallenge() throws Exception {
    String owner = Tokens.user();
    GoogleStubs.authorizeAllows(PROVIDERS);
    GoogleStubs.exchanges(
        PROVIDERS, "ya29.a0-pkce-" + UUID.randomUUID(), "1//0g-pkce-" + UUID.randomUUID());
    URI first = consent(start(owner, "gmail", null));
    URI second = start(owner, "gmail", null);

    // An injected code: obtained for the first challenge, delivered with the second flow's state.
    URI injected = withQuery(first, "state", query(second).get("state"));
    Map<String, String> outcome = query(callback(injected, null));

    assertThat(outcome).containsEntry("status", "error").containsEntry("error", "exchange_failed");
    PROVIDERS.verify(
        1,
        postRequestedFor(urlEqualTo("/token"))
            .withFormParam("code", equalTo(query(first).get("code"))));
    assertThat(accountsOf(owner)).isZero();
    assertThat(eventTypesOf(owner)).containsExactly(EventTypes.INTEGRATION_CONNECT_FAILED);
    assertThat(outboxPayloads().stream().filter(p -> p.contains(owner)).findFirst().orElseThrow())
        .contains("\"exchange_failed\"")
        .contains("InvalidGrantException");
  }

  @Test
  void shouldReportAccessDeniedWhenTheUserDeclinesAtGoogle() throws Exception {
    String owner = Tokens.user();
    URI authorize = start(owner, "gmail", null);

    URI declined =
        URI.create(
            "/api/integrations/gmail/oauth/callback?error=access_denied&state="
                + query(authorize).get("state"));
    Map<String, String> outcome = query(callback(declined, null));

    assertThat(outcome)
        .containsEntry("status", "error")
        .containsEntry("type", "gmail")
        .containsEntry("error", "access_denied");
    PROVIDERS.verify(0, postRequestedFor(urlEqualTo("/token")));
    assertThat(accountsOf(owner)).isZero();
    assertThat(eventTypesOf(owner)).containsExactly(EventTypes.INTEGRATION_CONNECT_FAILED);
  }

  @Test
  void shouldRefuseAConnectWithoutARefreshToken() throws Exception {
    String owner = Tokens.user();
    String access = "ya29.a0-online-only-" + UUID.randomUUID();
    GoogleStubs.authorizeAllows(PROVIDERS);
    GoogleStubs.exchanges(PROVIDERS, access, null);

    Map<String, String> outcome = query(callback(consent(start(owner, "gmail", null)), null));

    assertThat(outcome).containsEntry("status", "error").containsEntry("error", "exchange_failed");
    PROVIDERS.verify(1, postRequestedFor(urlEqualTo("/token")));
    assertThat(accountsOf(owner)).isZero();
    assertThat(eventTypesOf(owner)).containsExactly(EventTypes.INTEGRATION_CONNECT_FAILED);
    assertThat(String.join("\n", outboxPayloads()))
        .contains("no_refresh_token")
        .doesNotContain(access);
  }

  /**
   * #14 item 1: user A starts a connect and sends the authorization link to B, who has already
   * authorized the app; B's browser arrives without A's binding cookie and nothing is linked to A.
   */
  @Test
  void shouldLinkNothingWhenTheCallbackArrivesInABrowserThatDidNotStartIt() throws Exception {
    String attacker = Tokens.user();
    GoogleStubs.authorizeAllows(PROVIDERS);
    GoogleStubs.exchanges(
        PROVIDERS, "ya29.a0-bind-" + UUID.randomUUID(), "1//0g-bind-" + UUID.randomUUID());
    URI authorization = start(attacker, "gmail", null);
    PROVIDERS.resetRequests();

    Map<String, String> outcome = query(callback(consent(authorization), null, null));

    assertThat(outcome).containsEntry("status", "error").containsEntry("error", "browser_mismatch");
    PROVIDERS.verify(0, postRequestedFor(urlEqualTo("/token")));
    assertThat(accountsOf(attacker)).isZero();
    assertThat(eventTypesOf(attacker)).containsExactly(EventTypes.INTEGRATION_CONNECT_FAILED);
  }

  @Test
  void shouldSetAHostOnlyBindingCookieAndClearItAtTheCallback() throws Exception {
    String owner = Tokens.user();
    MockHttpServletResponse started =
        mvc.perform(
                post("/api/integrations/calendar/oauth/start")
                    .header("Authorization", "Bearer " + ISSUER.userToken(owner)))
            .andReturn()
            .getResponse();
    assertThat(started.getHeader("Set-Cookie"))
        .startsWith("__Host-mcpm-oauth-calendar=")
        .contains("Path=/", "Secure", "HttpOnly", "SameSite=Lax")
        .doesNotContain("Domain=");

    String cleared =
        mvc.perform(get("/api/integrations/calendar/oauth/callback").param("error", "x"))
            .andReturn()
            .getResponse()
            .getHeader("Set-Cookie");
    assertThat(cleared).startsWith("__Host-mcpm-oauth-calendar=;").contains("Max-Age=0");
  }

  @Test
  void shouldNotLetUserBCompleteAFlowUserAStarted() throws Exception {
    String userA = Tokens.user();
    String userB = Tokens.user();
    GoogleStubs.authorizeAllows(PROVIDERS);
    GoogleStubs.exchanges(
        PROVIDERS, "ya29.a0-csrf-" + UUID.randomUUID(), "1//0g-csrf-" + UUID.randomUUID());
    URI aliceBack = consent(start(userA, "gmail", null));
    URI bobBack = consent(start(userB, "gmail", null));

    // B's browser finishing A's flow: the state names A, the bearer token B.
    assertThat(query(callback(aliceBack, ISSUER.userToken(userB))))
        .containsEntry("error", "invalid_state");
    // B's own code with A-signed parts of a state: the signature covers the user it was issued to.
    String bobState = query(bobBack).get("state");
    String aliceState = query(aliceBack).get("state");
    String spliced =
        bobState.substring(0, bobState.lastIndexOf('.'))
            + aliceState.substring(aliceState.lastIndexOf('.'));
    assertThat(query(callback(withQuery(bobBack, "state", spliced), null)))
        .containsEntry("error", "invalid_state");

    PROVIDERS.verify(0, postRequestedFor(urlEqualTo("/token")));
    assertThat(accountsOf(userA)).isZero();
    assertThat(accountsOf(userB)).isZero();
    assertThat(eventTypesOf(userA)).containsExactly(EventTypes.INTEGRATION_CONNECT_FAILED);
    assertThat(outboxPayloads().stream().filter(p -> p.contains(userA)).findFirst().orElseThrow())
        .contains("state_of_another_user")
        .contains(userB);
  }

  @Test
  void shouldPurgeStatesOfUnfinishedFlowsOnceTheyExpire() throws Exception {
    String abandoned = Tokens.user();
    String pending = Tokens.user();
    URI old = start(abandoned, "gmail", null);
    start(pending, "gmail", null);
    jdbc.sql("UPDATE oauth_state SET expires_at = now() - interval '1 minute' WHERE user_id = :u")
        .param("u", abandoned)
        .update();

    assertThat(connect.purgeExpiredStates()).isGreaterThanOrEqualTo(1);

    assertThat(
            jdbc.sql("SELECT user_id FROM oauth_state WHERE user_id IN (:a, :p)")
                .param("a", abandoned)
                .param("p", pending)
                .query(String.class)
                .list())
        .containsExactly(pending);
    URI back =
        URI.create(
            "/api/integrations/gmail/oauth/callback?code=4.0AVGx&state=" + query(old).get("state"));
    assertThat(query(callback(back, null))).containsEntry("error", "invalid_state");
  }
}
