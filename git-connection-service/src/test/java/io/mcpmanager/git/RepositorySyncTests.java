package io.mcpmanager.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.testdata.FakeProvider;
import io.mcpmanager.git.testdata.FakeProviders;
import io.mcpmanager.git.testdata.OAuthDance;
import io.mcpmanager.git.testdata.RepositoryStubs;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServiceTest
class RepositorySyncTests {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  FakeProvider github = FakeProviders.github();
  FakeProvider gitlab = FakeProviders.gitlab();
  String owner = UUID.randomUUID().toString();
  String ownerToken = TestJwtIssuer.shared().userToken(owner);

  @BeforeEach
  void resetProviders() {
    github.reset(null, false);
    gitlab.reset(7200L, true);
  }

  JsonNode getJson(String path, String token) throws Exception {
    return JSON.readTree(
        mvc.perform(MockMvcRequestBuilders.get(path).header("Authorization", "Bearer " + token))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  /**
   * Starts a sync of one connection and waits until it is no longer running; returns its final
   * state.
   */
  JsonNode syncAndWait(String provider, UUID connectionId) throws Exception {
    String started =
        mvc.perform(
                post("/api/git/" + provider + "/repos/sync")
                    .param("connection_id", connectionId.toString())
                    .header("Authorization", "Bearer " + ownerToken))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$[0].status").value("running"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String syncId = JSON.readTree(started).path(0).path("id").asString();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                !getJson("/api/git/" + provider + "/repos/sync/" + syncId, ownerToken)
                    .path("status")
                    .asString()
                    .equals("running"));
    return getJson("/api/git/" + provider + "/repos/sync/" + syncId, ownerToken);
  }

  @Test
  void shouldSync1000RepositoriesOver10PagesThroughRateLimitsAndMarkRemovedOnesOnTheNextSync()
      throws Exception {
    UUID connection = OAuthDance.connect(mvc, github, owner);
    List<Integer> all = IntStream.rangeClosed(1, 1000).boxed().toList();
    RepositoryStubs.github(github, all, Set.of(5), Set.of(8), Set.of(3));

    JsonNode first = syncAndWait("github", connection);

    assertThat(first.path("status").asString()).isEqualTo("succeeded");
    assertThat(first.path("pages").asInt()).isEqualTo(10);
    assertThat(first.path("repositories").asInt()).isEqualTo(1000);
    assertThat(first.path("rate_limit_waits").asInt())
        .isEqualTo(3); // quota used up after page 3, 429 on 5, secondary on 8
    github
        .server()
        .verify(
            2,
            getRequestedFor(urlPathEqualTo("/api/v3/user/repos"))
                .withQueryParam("page", equalTo("5")));
    assertThat(
            jdbc.sql("SELECT count(*) FROM git_repository WHERE connection_id = ?")
                .param(connection)
                .query(Long.class)
                .single())
        .isEqualTo(1000);

    Set<Integer> gone = Set.of(3, 250, 501, 777, 1000);
    github.reset(null, false);
    RepositoryStubs.github(
        github, all.stream().filter(id -> !gone.contains(id)).toList(), Set.of(), Set.of());

    JsonNode second = syncAndWait("github", connection);

    assertThat(second.path("status").asString()).isEqualTo("succeeded");
    assertThat(second.path("removed").asInt()).isEqualTo(5);
    assertThat(
            jdbc.sql(
                    "SELECT provider_repo_id FROM git_repository WHERE connection_id = ? AND removed_at IS NOT NULL")
                .param(connection)
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder("3", "250", "501", "777", "1000");
    assertThat(
            getJson("/api/git/github/repos?connection_id=" + connection, ownerToken)
                .path("total")
                .asLong())
        .isEqualTo(995);
    assertThat(
            getJson("/api/git/github/repos?include_removed=true", ownerToken)
                .path("total")
                .asLong())
        .isEqualTo(1000);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_event WHERE payload->>'type' = ? AND payload->'data'->>'owner_id' = ?")
                .params(EventTypes.GIT_SYNC_FINISHED, owner)
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void shouldListWithFiltersAndPaginationAndStoreTheRepositoryFields() throws Exception {
    UUID connection = OAuthDance.connect(mvc, github, owner);
    RepositoryStubs.github(
        github, IntStream.rangeClosed(1, 250).boxed().toList(), Set.of(), Set.of());
    syncAndWait("github", connection);

    JsonNode page = getJson("/api/git/github/repos?page=1&size=100", ownerToken);
    JsonNode one = getJson("/api/git/github/repos?q=repo-0042", ownerToken);
    JsonNode privateArchived =
        getJson("/api/git/github/repos?visibility=private&archived=true", ownerToken);

    assertThat(page.path("total").asLong()).isEqualTo(250);
    assertThat(page.path("items").size()).isEqualTo(100);
    assertThat(page.path("items").path(0).path("full_name").asString())
        .isEqualTo(RepositoryStubs.fullName(101));
    assertThat(one.path("total").asLong()).isEqualTo(1);
    JsonNode repo = one.path("items").path(0);
    assertThat(repo.path("provider_id").asString()).isEqualTo("42");
    assertThat(repo.path("visibility").asString()).isEqualTo("private");
    assertThat(repo.path("default_branch").asString()).isEqualTo("main");
    assertThat(repo.path("clone_url_https").asString())
        .isEqualTo("https://github.com/octo-org/repo-0042.git");
    assertThat(repo.path("clone_url_ssh").asString())
        .isEqualTo("git@github.com:octo-org/repo-0042.git");
    assertThat(repo.path("permissions").path("admin").asBoolean()).isTrue();
    assertThat(repo.path("permissions").path("push").asBoolean()).isTrue();
    assertThat(repo.path("updated_at").asString()).isEqualTo("2024-01-26T19:14:43Z");
    assertThat(privateArchived.path("total").asLong())
        .isEqualTo(8); // ids divisible by 30 up to 250
    mvc.perform(
            MockMvcRequestBuilders.get("/api/git/github/repos?size=500")
                .header("Authorization", "Bearer " + ownerToken))
        .andExpect(status().isBadRequest());
  }

  @Test
  void shouldFollowGitLabNextPageHeaders() throws Exception {
    UUID connection = OAuthDance.connect(mvc, gitlab, owner);
    RepositoryStubs.gitlab(gitlab, IntStream.rangeClosed(1, 150).boxed().toList());

    JsonNode sync = syncAndWait("gitlab", connection);

    assertThat(sync.path("status").asString()).isEqualTo("succeeded");
    assertThat(sync.path("pages").asInt()).isEqualTo(2);
    JsonNode repo =
        getJson("/api/git/gitlab/repos?q=group/project-8&size=100", ownerToken)
            .path("items")
            .path(0);
    assertThat(repo.path("full_name").asString()).isEqualTo("group/project-8");
    assertThat(repo.path("permissions").path("admin").asBoolean()).isTrue();
    assertThat(repo.path("visibility").asString()).isEqualTo("private");
  }

  @Test
  void shouldFailTheSyncWhenTheProviderRejectsTheToken() throws Exception {
    UUID connection = OAuthDance.connect(mvc, github, owner);
    github
        .server()
        .stubFor(
            get(urlPathEqualTo("/api/v3/user/repos"))
                .willReturn(
                    aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Bad credentials\",\"status\":\"401\"}")));

    JsonNode sync = syncAndWait("github", connection);

    assertThat(sync.path("status").asString()).isEqualTo("failed");
    assertThat(sync.path("error").asString()).isEqualTo("token_rejected");
    JsonNode rejected = getJson("/api/git/github/connections/" + connection, ownerToken);
    assertThat(rejected.path("status").asString()).isEqualTo("expired");
    assertThat(rejected.path("status_reason").asString()).isEqualTo("token_rejected");
    assertThat(rejected.path("requires_reauth").asBoolean()).isTrue();
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_event WHERE payload->>'type' = ? AND payload->'data'->>'owner_id' = ?")
                .params(EventTypes.GIT_SYNC_FAILED, owner)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void shouldHideOneUsersRepositoriesSyncsAndConnectionsFromAnother() throws Exception {
    UUID connection = OAuthDance.connect(mvc, github, owner);
    RepositoryStubs.github(
        github, IntStream.rangeClosed(1, 5).boxed().toList(), Set.of(), Set.of());
    JsonNode sync = syncAndWait("github", connection);
    String userB = TestJwtIssuer.shared().userToken(UUID.randomUUID().toString());

    mvc.perform(
            MockMvcRequestBuilders.get("/api/git/github/repos")
                .param("connection_id", connection.toString())
                .header("Authorization", "Bearer " + userB))
        .andExpect(status().isNotFound());
    mvc.perform(
            MockMvcRequestBuilders.get("/api/git/github/repos/sync/" + sync.path("id").asString())
                .header("Authorization", "Bearer " + userB))
        .andExpect(status().isNotFound());
    mvc.perform(
            post("/api/git/github/repos/sync")
                .param("connection_id", connection.toString())
                .header("Authorization", "Bearer " + userB))
        .andExpect(status().isNotFound());
    mvc.perform(
            MockMvcRequestBuilders.get("/api/git/github/connections/" + connection)
                .header("Authorization", "Bearer " + userB))
        .andExpect(status().isNotFound());
    assertThat(getJson("/api/git/github/repos", userB).path("total").asLong()).isZero();
    assertThat(getJson("/api/git/connections", userB).size()).isZero();
    assertThat(
            getJson("/api/git/github/repos", TestJwtIssuer.shared().adminToken("admin-1"))
                .path("total")
                .asLong())
        .isZero();
    assertThat(
            getJson(
                    "/api/git/github/repos?connection_id=" + connection,
                    TestJwtIssuer.shared().adminToken("admin-1"))
                .path("total")
                .asLong())
        .isEqualTo(5);
  }
}
