package io.mcpmanager.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.revocation.Disconnects;
import io.mcpmanager.git.testdata.FakeProvider;
import io.mcpmanager.git.testdata.FakeProviders;
import io.mcpmanager.git.testdata.OAuthDance;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class DisconnectTests {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired Disconnects disconnects;

  FakeProvider github = FakeProviders.github();
  FakeProvider gitlab = FakeProviders.gitlab();
  String owner = UUID.randomUUID().toString();
  String ownerToken = TestJwtIssuer.shared().userToken(owner);

  @BeforeEach
  void resetProviders() {
    github.reset(null, false);
    gitlab.reset(7200L, true);
  }

  long connections(UUID id) {
    return jdbc.sql("SELECT count(*) FROM git_connection WHERE id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  long events(String type, UUID id) {
    return jdbc.sql(
            "SELECT count(*) FROM outbox_event WHERE payload->>'type' = ? AND payload->>'subject' = ?")
        .params(type, id.toString())
        .query(Long.class)
        .single();
  }

  @Test
  void shouldRevokeTheGitHubGrantWithBasicAuthAndDestroyTheTokens() throws Exception {
    UUID id = OAuthDance.connect(mvc, github, owner);
    String token = github.tokens().lastAccessToken();

    String body =
        mvc.perform(
                delete("/api/git/github/connections/" + id)
                    .header("Authorization", "Bearer " + ownerToken))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.revoked").value(true))
            .andExpect(jsonPath("$.revocation_pending").value(false))
            .andReturn()
            .getResponse()
            .getContentAsString();

    String basic =
        Base64.getEncoder()
            .encodeToString(
                (github.clientId() + ":" + github.clientSecret()).getBytes(StandardCharsets.UTF_8));
    github
        .server()
        .verify(
            deleteRequestedFor(urlEqualTo("/api/v3/applications/" + github.clientId() + "/grant"))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withRequestBody(equalToJson("{\"access_token\":\"" + token + "\"}")));
    assertThat(body).doesNotContain(token);
    assertThat(connections(id)).isZero();
    assertThat(events(EventTypes.GIT_DISCONNECTED, id)).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM pending_revocation WHERE connection_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void shouldRevokeAtGitLabThroughTheSeedsSingleAccountDisconnect() throws Exception {
    UUID id = OAuthDance.connect(mvc, gitlab, owner);
    String token = gitlab.tokens().lastAccessToken();

    mvc.perform(
            delete("/api/git/gitlab/disconnect").header("Authorization", "Bearer " + ownerToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(id.toString()));

    gitlab
        .server()
        .verify(
            postRequestedFor(urlEqualTo("/oauth/revoke"))
                .withRequestBody(containing("token=" + token))
                .withRequestBody(containing("client_id=" + gitlab.clientId())));
    assertThat(connections(id)).isZero();
  }

  @Test
  void shouldRefuseAnAmbiguousSingleAccountDisconnect() throws Exception {
    UUID first = OAuthDance.connect(mvc, github, owner);
    github.stubProfile("99", "second-account");
    OAuthDance.connect(mvc, github, owner);

    mvc.perform(
            delete("/api/git/github/disconnect").header("Authorization", "Bearer " + ownerToken))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.type").value("https://mcp-manager.io/problems/git-disconnect-ambiguous"));
    mvc.perform(
            delete("/api/git/github/disconnect")
                .param("connection_id", first.toString())
                .header("Authorization", "Bearer " + ownerToken))
        .andExpect(status().isOk());
    assertThat(connections(first)).isZero();
  }

  @Test
  void shouldDestroyLocalTokensWhenTheProviderIsDownAndRetryTheRevocationLater() throws Exception {
    UUID id = OAuthDance.connect(mvc, github, owner);
    github
        .server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.delete(
                    urlPathEqualTo("/api/v3/applications/" + github.clientId() + "/grant"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(502)));

    mvc.perform(
            delete("/api/git/github/connections/" + id)
                .header("Authorization", "Bearer " + ownerToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.revoked").value(false))
        .andExpect(jsonPath("$.revocation_pending").value(true));

    assertThat(connections(id)).isZero();
    assertThat(
            jdbc.sql("SELECT access_token_enc FROM pending_revocation WHERE connection_id = ?")
                .param(id)
                .query(String.class)
                .single())
        .startsWith("vault:v");
    assertThat(events(EventTypes.GIT_REVOKE_FAILED, id)).isEqualTo(1);

    github.reset(null, false);
    jdbc.sql(
            "UPDATE pending_revocation SET next_attempt_at = now() - interval '1 second' WHERE connection_id = ?")
        .param(id)
        .update();
    assertThat(disconnects.retryPending(10)).isGreaterThanOrEqualTo(1);

    github
        .server()
        .verify(
            1,
            deleteRequestedFor(urlEqualTo("/api/v3/applications/" + github.clientId() + "/grant")));
    assertThat(
            jdbc.sql("SELECT count(*) FROM pending_revocation WHERE connection_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void shouldRevokeAQueuedTokenOnceWhenTwoRetryRunsOverlap() throws Exception {
    UUID id = OAuthDance.connect(mvc, github, owner);
    String grant = "/api/v3/applications/" + github.clientId() + "/grant";
    github
        .server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(grant))
                .atPriority(1)
                .willReturn(aResponse().withStatus(502)));
    mvc.perform(
            delete("/api/git/github/connections/" + id)
                .header("Authorization", "Bearer " + ownerToken))
        .andExpect(jsonPath("$.revocation_pending").value(true));
    github.reset(null, false);
    github
        .server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(grant))
                .atPriority(1)
                .willReturn(aResponse().withStatus(204).withFixedDelay(1000)));
    jdbc.sql(
            "UPDATE pending_revocation SET next_attempt_at = now() - interval '1 second' WHERE connection_id = ?")
        .param(id)
        .update();

    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    var first = pool.submit(() -> disconnects.retryPending(10));
    var second = pool.submit(() -> disconnects.retryPending(10));
    int revoked = first.get() + second.get();
    pool.shutdown();

    assertThat(revoked).isGreaterThanOrEqualTo(1);
    github.server().verify(1, deleteRequestedFor(urlEqualTo(grant)));
    assertThat(
            jdbc.sql("SELECT count(*) FROM pending_revocation WHERE connection_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(events(EventTypes.GIT_REVOKED, id)).isEqualTo(1);
  }

  @Test
  void shouldAnswer404ToAnotherUserAndKeepTheConnection() throws Exception {
    UUID id = OAuthDance.connect(mvc, github, owner);

    mvc.perform(
            delete("/api/git/github/connections/" + id)
                .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken("user-b")))
        .andExpect(status().isNotFound());
    mvc.perform(
            delete("/api/git/github/disconnect")
                .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken("user-b")))
        .andExpect(status().isNotFound());

    assertThat(connections(id)).isEqualTo(1);
    github
        .server()
        .verify(
            0,
            deleteRequestedFor(
                urlPathEqualTo("/api/v3/applications/" + github.clientId() + "/grant")));
  }

  @Test
  void shouldLetAnAdminDisconnectAnotherUsersConnectionAndRecordBoth() throws Exception {
    UUID id = OAuthDance.connect(mvc, github, owner);

    mvc.perform(
            delete("/api/git/github/connections/" + id)
                .header("Authorization", "Bearer " + TestJwtIssuer.shared().adminToken("admin-7")))
        .andExpect(status().isOk());

    assertThat(
            jdbc.sql(
                    """
            SELECT payload->'data'->'actor'->>'id' || '/' || (payload->'data'->>'owner_id') FROM outbox_event
            WHERE payload->>'type' = ? AND payload->>'subject' = ?""")
                .params(EventTypes.GIT_DISCONNECTED, id.toString())
                .query(String.class)
                .single())
        .isEqualTo("admin-7/" + owner);
  }
}
