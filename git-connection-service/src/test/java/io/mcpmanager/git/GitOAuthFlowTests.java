package io.mcpmanager.git;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.testdata.FakeProvider;
import io.mcpmanager.git.testdata.FakeProviders;
import io.mcpmanager.git.testdata.OAuthDance;
import io.mcpmanager.oauth.Pkce;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class GitOAuthFlowTests {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  FakeProvider github = FakeProviders.github();
  FakeProvider gitlab = FakeProviders.gitlab();
  String user = UUID.randomUUID().toString();

  @BeforeEach
  void resetProviders() {
    github.reset(null, false);
    gitlab.reset(7200L, true);
  }

  static Map<String, String> query(String location) {
    return UriComponentsBuilder.fromUriString(location).build().getQueryParams().toSingleValueMap();
  }

  @Nested
  class Start {

    @Test
    void shouldReturnAnAuthorizeUrlWithPkceS256StateAndDefaultScopes() throws Exception {
      MultiValueMap<String, String> authorize = OAuthDance.start(mvc, "github", user, null);

      assertThat(authorize.getFirst("client_id")).isEqualTo(github.clientId());
      assertThat(authorize.getFirst("code_challenge_method")).isEqualTo("S256");
      assertThat(authorize.getFirst("code_challenge")).hasSize(43);
      assertThat(authorize.getFirst("state"))
          .matches("[A-Za-z0-9_-]{43}\\.\\d+\\.[A-Za-z0-9_-]{43}");
      assertThat(authorize.getFirst("scope")).isEqualTo("repo%20read:user%20user:email");
      assertThat(authorize.getFirst("redirect_uri")).endsWith("/api/git/github/oauth/callback");
    }

    @Test
    void shouldUseRequestedScopes() throws Exception {
      MultiValueMap<String, String> authorize =
          OAuthDance.start(
              mvc,
              "gitlab",
              user,
              "{\"scopes\":[\"read_user\",\"api\"],\"return_url\":\"https://app.example.test/settings\"}");

      assertThat(authorize.getFirst("scope")).isEqualTo("read_user%20api");
    }

    @Test
    void shouldRejectAReturnUrlOutsideTheAllowList() throws Exception {
      mvc.perform(
              post("/api/git/github/oauth/start")
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(user))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"return_url\":\"https://evil.example/steal\"}"))
          .andExpect(status().isBadRequest())
          .andExpect(
              jsonPath("$.type")
                  .value("https://mcp-manager.io/problems/git-return-url-not-allowed"));
    }

    @Test
    void shouldRejectAnInvalidScope() throws Exception {
      mvc.perform(
              post("/api/git/github/oauth/start")
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(user))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"scopes\":[\"repo admin\"]}"))
          .andExpect(status().isBadRequest());
    }

    @Test
    void shouldAnswer404ForAnUnknownProviderAnd401WithoutToken() throws Exception {
      mvc.perform(
              post("/api/git/bitbucket/oauth/start")
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(user)))
          .andExpect(status().isNotFound());
      mvc.perform(post("/api/git/github/oauth/start")).andExpect(status().isUnauthorized());
    }

    @Test
    void shouldAnswer400ForAProviderThatCannotBeAnIdAtTheCallback() throws Exception {
      // It would otherwise become part of the binding cookie's name (a 500 before).
      mvc.perform(get("/api/git/h:x Y/oauth/callback").param("code", "c").param("state", "s"))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.errors[0].field").value("provider"));
    }
  }

  @Nested
  class Callback {

    private long outboxEventsOf(String owner, String type) {
      return jdbc.sql(
              "SELECT count(*) FROM outbox_event WHERE payload->>'type' = ?"
                  + " AND payload->'data'->>'owner_id' = ?")
          .params(type, owner)
          .query(Long.class)
          .single();
    }

    private long connectionsOf(String owner) {
      return jdbc.sql("SELECT count(*) FROM git_connection WHERE owner_id = ?")
          .params(owner)
          .query(Long.class)
          .single();
    }

    /** #14 item 1: the start response binds the connect to the browser that asked for it. */
    @Test
    void shouldBindTheConnectToTheStartingBrowserWithAHostOnlyCookie() throws Exception {
      MockHttpServletResponse started =
          mvc.perform(
                  post("/api/git/gitlab/oauth/start")
                      .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(user)))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse();

      String setCookie = started.getHeader("Set-Cookie");
      assertThat(setCookie)
          .startsWith("__Host-mcpm-oauth-gitlab=")
          .contains("Path=/", "Secure", "HttpOnly", "SameSite=Lax", "Max-Age=")
          .doesNotContain("Domain=");
    }

    /**
     * #14 item 1: an attacker starts a connect and sends the authorization link to a victim who
     * already authorized the app; the victim's browser arrives without the attacker's cookie, and
     * nothing is linked to the attacker's user.
     */
    @Test
    void shouldLinkNothingWhenTheCallbackArrivesInAnotherBrowser() throws Exception {
      String attacker = user;
      MultiValueMap<String, String> authorize = OAuthDance.start(mvc, "github", attacker, null);
      String code = github.tokens().issueCode(authorize.getFirst("code_challenge"));
      long eventsBefore = outboxEventsOf(attacker, EventTypes.GIT_CONNECTED);

      String location = OAuthDance.callback(mvc, "github", code, authorize.getFirst("state"), null);

      assertThat(query(location))
          .containsEntry("status", "error")
          .containsEntry("error", "browser_mismatch")
          .doesNotContainKey("connection_id");
      assertThat(connectionsOf(attacker)).isZero();
      assertThat(outboxEventsOf(attacker, EventTypes.GIT_CONNECTED)).isEqualTo(eventsBefore);
      assertThat(github.tokens().lastAccessToken())
          .as("the code is never exchanged")
          .isNotEqualTo(code);
    }

    @Test
    void shouldLinkNothingWithAnotherConnectsCookie() throws Exception {
      MultiValueMap<String, String> mine = OAuthDance.start(mvc, "github", user, null);
      MultiValueMap<String, String> other = OAuthDance.start(mvc, "github", user, null);
      String code = github.tokens().issueCode(mine.getFirst("code_challenge"));

      String location =
          OAuthDance.callback(
              mvc,
              "github",
              code,
              mine.getFirst("state"),
              OAuthDance.binding(other.getFirst("state")));

      assertThat(query(location)).containsEntry("error", "browser_mismatch");
      assertThat(connectionsOf(user)).isZero();
    }

    @Test
    void shouldClearTheBindingCookieOnTheCallback() throws Exception {
      MultiValueMap<String, String> authorize = OAuthDance.start(mvc, "github", user, null);
      String state = authorize.getFirst("state");

      String setCookie =
          mvc.perform(
                  get("/api/git/github/oauth/callback")
                      .cookie(OAuthDance.binding(state))
                      .param("error", "access_denied")
                      .param("state", state))
              .andReturn()
              .getResponse()
              .getHeader("Set-Cookie");

      assertThat(setCookie).startsWith("__Host-mcpm-oauth-github=;").contains("Max-Age=0");
    }

    @Test
    void shouldConnectAGitHubAccountWithProfileEmailScopesAndEncryptedToken(CapturedOutput output)
        throws Exception {
      MultiValueMap<String, String> authorize = OAuthDance.start(mvc, "github", user, null);
      String code = github.tokens().issueCode(authorize.getFirst("code_challenge"));

      String location = OAuthDance.callback(mvc, "github", code, authorize.getFirst("state"));

      Map<String, String> outcome = query(location);
      assertThat(location).startsWith("https://app.example.test/git/connections?");
      assertThat(outcome)
          .containsEntry("status", "success")
          .containsEntry("provider", "github")
          .containsEntry("account", "octocat");
      UUID id = UUID.fromString(outcome.get("connection_id"));
      String token = github.tokens().lastAccessToken();
      mvc.perform(
              get("/api/git/connections")
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(user)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$[0].id").value(id.toString()))
          .andExpect(jsonPath("$[0].username").value("octocat"))
          .andExpect(jsonPath("$[0].email").value("octocat@example.com"))
          .andExpect(jsonPath("$[0].external_user_id").value("1296269"))
          .andExpect(jsonPath("$[0].status").value("active"))
          .andExpect(jsonPath("$[0].scopes[0]").value("repo"))
          .andExpect(jsonPath("$[0].expires_at").isEmpty())
          .andExpect(jsonPath("$[0].refreshable").value(false))
          .andExpect(jsonPath("$[0].token_hint").value("…" + token.substring(token.length() - 4)));
      String stored =
          jdbc.sql("SELECT access_token_enc FROM git_connection WHERE id = ?")
              .param(id)
              .query(String.class)
              .single();
      assertThat(stored).startsWith("vault:v").doesNotContain(token);
      String events =
          jdbc.sql("SELECT string_agg(payload::text, ' ') FROM outbox_event")
              .query(String.class)
              .single();
      assertThat(events)
          .contains(EventTypes.GIT_CONNECTED)
          .contains(id.toString())
          .doesNotContain(token);
      assertThat(output.getAll()).doesNotContain(token);
      github
          .server()
          .verify(
              postRequestedFor(urlEqualTo("/login/oauth/access_token"))
                  .withRequestBody(containing("code_verifier="))
                  .withRequestBody(containing("grant_type=authorization_code")));
    }

    @Test
    void shouldConnectAGitLabAccountWithExpiryAndRefreshToken() throws Exception {
      UUID id = OAuthDance.connect(mvc, gitlab, user);

      mvc.perform(
              get("/api/git/gitlab/connections/" + id)
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(user)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.username").value("john_smith"))
          .andExpect(jsonPath("$.email").value("john_smith@example.com"))
          .andExpect(jsonPath("$.refreshable").value(true))
          .andExpect(jsonPath("$.expires_at").isNotEmpty())
          .andExpect(jsonPath("$.expires_soon").value(false))
          .andExpect(jsonPath("$.scopes.length()").value(3));
      String refresh =
          jdbc.sql("SELECT refresh_token_enc FROM git_connection WHERE id = ?")
              .param(id)
              .query(String.class)
              .single();
      assertThat(refresh).startsWith("vault:v");
    }

    @Test
    void shouldUpdateTheSameAccountOnReconnectAndAddASecondAccount() throws Exception {
      UUID first = OAuthDance.connect(mvc, github, user);
      UUID again = OAuthDance.connect(mvc, github, user);
      github.stubProfile("583231", "hubot");
      UUID second = OAuthDance.connect(mvc, github, user);

      assertThat(again).isEqualTo(first);
      assertThat(second).isNotEqualTo(first);
      assertThat(
              jdbc.sql("SELECT count(*) FROM git_connection WHERE owner_id = ?")
                  .param(user)
                  .query(Long.class)
                  .single())
          .isEqualTo(2);
      assertThat(
              jdbc.sql(
                      "SELECT count(*) FROM outbox_event WHERE payload->>'type' = ? AND payload::text LIKE ?")
                  .params(EventTypes.GIT_RECONNECTED, "%" + first + "%")
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    }

    @Test
    void shouldReturnToTheAllowedReturnUrl() throws Exception {
      MultiValueMap<String, String> authorize =
          OAuthDance.start(
              mvc, "github", user, "{\"return_url\":\"https://app.example.test/onboarding\"}");
      String code = github.tokens().issueCode(authorize.getFirst("code_challenge"));

      assertThat(OAuthDance.callback(mvc, "github", code, authorize.getFirst("state")))
          .startsWith("https://app.example.test/onboarding?provider=github&status=success");
    }

    @Test
    void shouldRejectAReplayedState() throws Exception {
      MultiValueMap<String, String> authorize = OAuthDance.start(mvc, "github", user, null);
      String state = authorize.getFirst("state");
      OAuthDance.callback(
          mvc, "github", github.tokens().issueCode(authorize.getFirst("code_challenge")), state);

      String replay =
          OAuthDance.callback(
              mvc,
              "github",
              github.tokens().issueCode(authorize.getFirst("code_challenge")),
              state);

      assertThat(query(replay))
          .containsEntry("status", "error")
          .containsEntry("error", "invalid_state");
    }

    @Test
    void shouldRejectATamperedStateAndOneForAnotherProvider() throws Exception {
      MultiValueMap<String, String> authorize = OAuthDance.start(mvc, "github", user, null);
      String state = authorize.getFirst("state");
      String[] parts = state.split("\\.");
      String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
      String code = github.tokens().issueCode(authorize.getFirst("code_challenge"));

      assertThat(query(OAuthDance.callback(mvc, "gitlab", code, state)))
          .containsEntry("error", "invalid_state");
      assertThat(query(OAuthDance.callback(mvc, "github", code, forged)))
          .containsEntry("error", "invalid_state");
      assertThat(query(OAuthDance.callback(mvc, "github", code, null)))
          .containsEntry("error", "invalid_state");
      assertThat(
              jdbc.sql("SELECT count(*) FROM git_connection WHERE owner_id = ?")
                  .param(user)
                  .query(Long.class)
                  .single())
          .isZero();
    }

    @Test
    void shouldFailTheExchangeWhenTheVerifierDoesNotMatchTheChallenge() throws Exception {
      MultiValueMap<String, String> authorize = OAuthDance.start(mvc, "gitlab", user, null);
      String codeForAnotherChallenge = gitlab.tokens().issueCode(Pkce.generate().challenge());

      String location =
          OAuthDance.callback(mvc, "gitlab", codeForAnotherChallenge, authorize.getFirst("state"));

      assertThat(query(location))
          .containsEntry("status", "error")
          .containsEntry("error", "exchange_failed");
      assertThat(gitlab.tokens().invalidGrants()).isEqualTo(1);
      assertThat(
              jdbc.sql("SELECT count(*) FROM git_connection WHERE owner_id = ?")
                  .param(user)
                  .query(Long.class)
                  .single())
          .isZero();
      assertThat(failedConnects())
          .singleElement()
          .asString()
          .contains("\"gitlab\"", "\"exchange_failed\"", "\"failure\"");
    }

    private List<String> failedConnects() {
      return jdbc.sql(
              "SELECT payload::text FROM outbox_event WHERE payload->>'type' = ? AND payload::text LIKE ?")
          .params(EventTypes.GIT_CONNECT_FAILED, "%" + user + "%")
          .query(String.class)
          .list();
    }

    @Test
    void shouldReportAccessDeniedAndBurnTheState() throws Exception {
      MultiValueMap<String, String> authorize = OAuthDance.start(mvc, "github", user, null);
      String state = authorize.getFirst("state");

      String denied =
          mvc.perform(
                  get("/api/git/github/oauth/callback")
                      .cookie(OAuthDance.binding(state))
                      .param("error", "access_denied")
                      .param("error_description", "The user has denied your application access.")
                      .param("state", state))
              .andExpect(status().isFound())
              .andReturn()
              .getResponse()
              .getHeader("Location");

      assertThat(query(denied))
          .containsEntry("status", "error")
          .containsEntry("error", "access_denied");
      String code = github.tokens().issueCode(authorize.getFirst("code_challenge"));
      assertThat(query(OAuthDance.callback(mvc, "github", code, state)))
          .containsEntry("error", "invalid_state");
      assertThat(failedConnects())
          .as("the denial is on the user's trail; the replay names no user")
          .singleElement()
          .asString()
          .contains("\"github\"", "\"access_denied\"");
    }
  }
}
