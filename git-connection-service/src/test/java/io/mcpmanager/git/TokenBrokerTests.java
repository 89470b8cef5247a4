package io.mcpmanager.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.connection.TokenRefreshJob;
import io.mcpmanager.git.testdata.FakeProvider;
import io.mcpmanager.git.testdata.FakeProviders;
import io.mcpmanager.git.testdata.OAuthDance;
import io.mcpmanager.git.testdata.TestCallerAssertions;
import io.mcpmanager.kit.assertion.CallerAssertionVerifier;
import io.mcpmanager.kit.events.DisabledOwners;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import io.mcpmanager.testsupport.UserStatusEvents;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

@ServiceTest
class TokenBrokerTests {

  static final String BROKER =
      TestJwtIssuer.shared().serviceToken("mcp-server-service", "git.broker");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired TokenRefreshJob refreshJob;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;
  @Autowired DisabledOwners disabledOwners;

  // This context's own broker: another context's embedded broker overwrites the system property.
  @Value("#{@embeddedKafka.brokersAsString}")
  String kafka;

  void disable(String user) {
    UserStatusEvents.disabled(kafka, user);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> disabledOwners.isDisabled(user));
  }

  /** GitLab refreshes under {@code mcpm.oauth.refresh}, registered at startup for both outcomes. */
  long refreshes(String outcome) {
    return registry
        .get("mcpm.oauth.refresh")
        .tag("provider", "gitlab")
        .tag("outcome", outcome)
        .timer()
        .count();
  }

  double operations(String operation, String outcome) {
    return registry
        .get("mcpm.credential.operations")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  double expiringSoon() {
    return registry
        .get("mcpm.credentials.expiring.soon")
        .tag("kind", "git-oauth-token")
        .gauge()
        .value();
  }

  FakeProvider github = FakeProviders.github();
  FakeProvider gitlab = FakeProviders.gitlab();
  String owner = UUID.randomUUID().toString();

  @BeforeEach
  void resetProviders() {
    github.reset(null, false);
    gitlab.reset(7200L, true);
  }

  Map<String, Object> row(UUID id) {
    return jdbc.sql(
            "SELECT status, status_reason, requires_reauth, refresh_failures, expires_at FROM git_connection WHERE id = ?")
        .param(id)
        .query()
        .singleRow();
  }

  long events(String type, UUID id) {
    return jdbc.sql(
            "SELECT count(*) FROM outbox_event WHERE payload->>'type' = ? AND payload->>'subject' = ?")
        .params(type, id.toString())
        .query(Long.class)
        .single();
  }

  void expireIn(UUID id, String interval) {
    jdbc.sql(
            "UPDATE git_connection SET expires_at = now() + cast(? as interval), next_refresh_attempt_at = NULL WHERE id = ?")
        .params(interval, id)
        .update();
  }

  @Nested
  class Broker {

    @Test
    void shouldHandOutTheTokenUncachedAndRecordTheAccess() throws Exception {
      double created = operations("create", "success");
      double brokered = operations("broker", "success");
      UUID id = OAuthDance.connect(mvc, github, owner);

      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isOk())
          .andExpect(header().string("Cache-Control", "no-store"))
          .andExpect(jsonPath("$.access_token").value(github.tokens().lastAccessToken()))
          .andExpect(jsonPath("$.provider").value("github"));

      assertThat(events(EventTypes.GIT_ACCESSED, id)).isEqualTo(1);
      assertThat(
              jdbc.sql(
                      "SELECT payload->'data'->'actor'->>'id' FROM outbox_event WHERE payload->>'type' = ? AND payload->>'subject' = ?")
                  .params(EventTypes.GIT_ACCESSED, id.toString())
                  .query(String.class)
                  .single())
          .isEqualTo("mcp-server-service");
      assertThat(gitlab.tokens().refreshCalls()).isZero();
      assertThat(operations("create", "success")).isEqualTo(created + 1);
      assertThat(operations("broker", "success")).isEqualTo(brokered + 1);
    }

    @Test
    void shouldCountConnectionsThatNeedANewAuthorizationWithinSevenDays() throws Exception {
      UUID id = OAuthDance.connect(mvc, gitlab, owner);
      double before = expiringSoon();

      jdbc.sql(
              "UPDATE git_connection SET refresh_token_expires_at = now() + interval '3 days' WHERE id = ?")
          .param(id)
          .update();

      assertThat(expiringSoon()).isEqualTo(before + 1);
    }

    @Test
    void shouldRequireTheBrokerScope() throws Exception {
      UUID id = OAuthDance.connect(mvc, github, owner);

      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(owner)))
          .andExpect(status().isForbidden());
      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header(
                      "Authorization",
                      "Bearer "
                          + TestJwtIssuer.shared().serviceToken("other", "integrations.broker")))
          .andExpect(status().isForbidden());
      assertThat(events(EventTypes.GIT_ACCESSED, id)).isZero();
    }

    /**
     * The broker scope alone buys nothing: the call needs an assertion for owner and link, once.
     */
    @Test
    void shouldRefuseACallWithoutAssertionForAnotherOwnerOrLinkOrReplayed() throws Exception {
      UUID id = OAuthDance.connect(mvc, github, owner);
      String path = "/internal/git/connections/" + id + "/token";

      mvc.perform(get(path).param("owner", owner).header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.access_token").doesNotExist());
      mvc.perform(
              get(path)
                  .param("owner", owner)
                  .header(
                      CallerAssertionVerifier.HEADER,
                      TestCallerAssertions.forGit("someone-else", id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isForbidden());
      mvc.perform(
              get(path)
                  .param("owner", owner)
                  .header(
                      CallerAssertionVerifier.HEADER,
                      TestCallerAssertions.forGit(owner, UUID.randomUUID()))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isForbidden());
      assertThat(events(EventTypes.GIT_ACCESSED, id)).isZero();

      String assertion = TestCallerAssertions.forGit(owner, id);
      mvc.perform(
              get(path)
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, assertion)
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isOk());
      mvc.perform(
              get(path)
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, assertion)
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isForbidden());
    }

    /** A broker token auth-server issued for integration-service is refused here as a token. */
    @Test
    void shouldRefuseABrokerTokenNamingAnotherService() throws Exception {
      UUID id = OAuthDance.connect(mvc, github, owner);

      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header(
                      "Authorization",
                      "Bearer "
                          + TestJwtIssuer.shared()
                              .serviceTokenFor(
                                  "integration-service", "mcp-server-service", "git.broker")))
          .andExpect(status().isUnauthorized());
      mvc.perform(
              get("/api/git/connections")
                  .header(
                      "Authorization",
                      "Bearer "
                          + TestJwtIssuer.shared()
                              .serviceTokenFor(
                                  "git-connection-service", "mcp-server-service", "git.broker")))
          .andExpect(status().isForbidden());
      assertThat(events(EventTypes.GIT_ACCESSED, id)).isZero();
    }

    @Test
    void shouldAnswer404WhenTheOwnerDoesNotMatch() throws Exception {
      UUID id = OAuthDance.connect(mvc, github, owner);

      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", "someone-else")
                  .header(
                      CallerAssertionVerifier.HEADER,
                      TestCallerAssertions.forGit("someone-else", id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isNotFound());
      mvc.perform(
              get("/internal/git/connections/" + id + "/status")
                  .param("owner", "someone-else")
                  .header(
                      CallerAssertionVerifier.HEADER,
                      TestCallerAssertions.forGit("someone-else", id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isNotFound());
      mvc.perform(
              get("/internal/git/connections/" + id + "/status")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.status").value("active"))
          .andExpect(jsonPath("$.access_token").doesNotExist());
    }

    @Test
    void shouldRefreshFirstWhenTheTokenIsAboutToExpire() throws Exception {
      UUID id = OAuthDance.connect(mvc, gitlab, owner);
      expireIn(id, "30 seconds");
      long refreshedBefore = refreshes("success");
      mvc.perform(
              get("/api/git/gitlab/connections/" + id)
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(owner)))
          .andExpect(jsonPath("$.expires_soon").value(true));

      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.access_token").value(gitlab.tokens().lastAccessToken()));

      assertThat(gitlab.tokens().refreshCalls()).isEqualTo(1);
      assertThat(events(EventTypes.GIT_REFRESHED, id)).isEqualTo(1);
      assertThat(refreshes("success")).isEqualTo(refreshedBefore + 1);
      mvc.perform(
              get("/api/git/gitlab/connections/" + id)
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(owner)))
          .andExpect(jsonPath("$.expires_soon").value(false));
    }
  }

  @Nested
  class Failures {

    @Test
    void shouldExpireAndRequireReauthOnInvalidGrant() throws Exception {
      UUID id = OAuthDance.connect(mvc, gitlab, owner);
      gitlab.reset(7200L, true); // the provider forgot the grant: the refresh token is now invalid
      expireIn(id, "30 seconds");
      long failedBefore = refreshes("failure");
      double brokerFailedBefore = operations("broker", "failure");

      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isConflict())
          .andExpect(
              jsonPath("$.type").value("https://mcp-manager.io/problems/git-reauth-required"));

      assertThat(row(id))
          .containsEntry("status", "expired")
          .containsEntry("status_reason", "invalid_grant")
          .containsEntry("requires_reauth", true);
      assertThat(events(EventTypes.GIT_REFRESH_FAILED, id)).isEqualTo(1);
      assertThat(events(EventTypes.GIT_EXPIRED, id)).isEqualTo(1);
      assertThat(refreshes("failure")).isEqualTo(failedBefore + 1);
      assertThat(operations("broker", "failure")).isEqualTo(brokerFailedBefore + 1);
      mvc.perform(
              get("/api/git/gitlab/connections/" + id)
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(owner)))
          .andExpect(jsonPath("$.requires_reauth").value(true))
          .andExpect(jsonPath("$.status").value("expired"));
    }

    @Test
    void shouldKeepTheStatusOnProviderOutagesUntilTheThreshold() throws Exception {
      UUID id = OAuthDance.connect(mvc, gitlab, owner);
      gitlab
          .server()
          .stubFor(post("/oauth/token").atPriority(1).willReturn(aResponse().withStatus(503)));
      expireIn(id, "30 seconds");

      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isOk()); // the old token is still valid for 30 s
      assertThat(row(id)).containsEntry("status", "active").containsEntry("refresh_failures", 1);
      gitlab
          .server()
          .verify(
              3,
              postRequestedFor(urlEqualTo("/oauth/token"))
                  .withRequestBody(
                      com.github.tomakehurst.wiremock.client.WireMock.containing(
                          "grant_type=refresh_token")));

      expireIn(id, "30 seconds");
      refreshJob.refreshDue();
      expireIn(id, "30 seconds");
      refreshJob.refreshDue();

      assertThat(row(id))
          .containsEntry("status", "error")
          .containsEntry("status_reason", "provider_unavailable")
          .containsEntry("refresh_failures", 3)
          .containsEntry("requires_reauth", false);
      assertThat(events(EventTypes.GIT_REFRESH_FAILED, id)).isEqualTo(3);

      expireIn(id, "-1 seconds");
      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().exists("Retry-After"));
    }

    @Test
    void shouldRefuseADisabledOwnersTokenUntilEnabledAgain() throws Exception {
      UUID id = OAuthDance.connect(mvc, github, owner);
      disable(owner);

      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/owner-disabled"))
          .andExpect(jsonPath("$.access_token").doesNotExist());

      UserStatusEvents.enabled(kafka, owner);
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> !disabledOwners.isDisabled(owner));
      mvc.perform(
              get("/internal/git/connections/" + id + "/token")
                  .param("owner", owner)
                  .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                  .header("Authorization", "Bearer " + BROKER))
          .andExpect(status().isOk());
    }

    @Test
    void shouldNotRefreshADisabledOwnersTokensFromTheScheduledJob() throws Exception {
      UUID id = OAuthDance.connect(mvc, gitlab, owner);
      expireIn(id, "5 minutes");
      disable(owner);

      refreshJob.refreshDue();

      assertThat(gitlab.tokens().refreshCalls()).isZero();
    }

    @Test
    void shouldRefreshTokensInsideTheLeadTimeFromTheScheduledJob() throws Exception {
      UUID id = OAuthDance.connect(mvc, gitlab, owner);
      expireIn(id, "5 minutes"); // inside the 10-minute lead time

      refreshJob.refreshDue();

      assertThat(gitlab.tokens().refreshCalls()).isEqualTo(1);
      assertThat(row(id)).containsEntry("status", "active").containsEntry("refresh_failures", 0);
      assertThat(((java.sql.Timestamp) row(id).get("expires_at")).toInstant())
          .isAfter(java.time.Instant.now().plus(java.time.Duration.ofMinutes(100)));
    }
  }

  @Nested
  class RefreshEndpoint {

    @Test
    void shouldRefreshAGitHubAppUserTokenOnDemand() throws Exception {
      github.reset(28800L, true);
      UUID id = OAuthDance.connect(mvc, github, owner);

      mvc.perform(
              MockMvcRequestBuilders.post("/api/git/github/connections/" + id + "/refresh")
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(owner)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.refreshable").value(true))
          .andExpect(jsonPath("$.last_refreshed_at").isNotEmpty());

      assertThat(github.tokens().refreshCalls()).isEqualTo(1);
    }

    /** #14 item 2: an admin may see, disable and delete a user's connection, never act with it. */
    @Test
    void shouldRefuseAnAdminRefreshingOrSyncingAnotherUsersConnection() throws Exception {
      github.reset(28800L, true);
      UUID id = OAuthDance.connect(mvc, github, owner);
      String admin = TestJwtIssuer.shared().adminToken("admin-" + UUID.randomUUID());

      mvc.perform(
              MockMvcRequestBuilders.post("/api/git/github/connections/" + id + "/refresh")
                  .header("Authorization", "Bearer " + admin))
          .andExpect(status().isNotFound());
      mvc.perform(
              MockMvcRequestBuilders.post("/api/git/github/repos/sync")
                  .param("connection_id", id.toString())
                  .header("Authorization", "Bearer " + admin))
          .andExpect(status().isNotFound());
      mvc.perform(
              MockMvcRequestBuilders.get("/api/git/github/connections/" + id)
                  .header("Authorization", "Bearer " + admin))
          .andExpect(status().isOk());

      assertThat(github.tokens().refreshCalls()).isZero();
    }

    @Test
    void shouldRefuseToRefreshAnOAuthAppTokenAndHideOthersConnections() throws Exception {
      UUID id = OAuthDance.connect(mvc, github, owner);

      mvc.perform(
              MockMvcRequestBuilders.post("/api/git/github/connections/" + id + "/refresh")
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(owner)))
          .andExpect(status().isConflict())
          .andExpect(
              jsonPath("$.type").value("https://mcp-manager.io/problems/git-not-refreshable"));
      mvc.perform(
              MockMvcRequestBuilders.post("/api/git/github/connections/" + id + "/refresh")
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken("user-b")))
          .andExpect(status().isNotFound());
      mvc.perform(
              MockMvcRequestBuilders.post("/api/git/gitlab/connections/" + id + "/refresh")
                  .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(owner)))
          .andExpect(status().isNotFound());
    }
  }
}
