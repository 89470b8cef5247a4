package io.mcpmanager.mcp.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import io.mcpmanager.mcp.testdata.TestServiceWiring;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Links between a server and the credentials it may use, validated through the owning services. */
class McpIntegrationTests extends McpServiceTestBase {

  private final WireMockServer upstreams = TestServiceWiring.upstreams();
  private String owner;
  private String serverId;

  @BeforeEach
  void server() throws Exception {
    owner = newUser();
    serverId = registerTestServer(owner, null).path("id").asString();
  }

  private String integrations() {
    return "/api/mcp/servers/" + serverId + "/integrations";
  }

  @Test
  void shouldLinkAnIntegrationWithValidCredentials() throws Exception {
    upstreams.stubFor(
        get("/internal/integrations/" + owner + "/todoist/status")
            .willReturn(okJson("{\"type\":\"todoist\",\"status\":\"active\",\"valid\":true}")));

    JsonNode created =
        body(
            perform(
                    owner,
                    post(integrations()),
                    Map.of("integration", "todoist", "config", Map.of("project", "inbox")))
                .andExpect(status().isCreated()));

    assertThat(created.path("integration").asString()).isEqualTo("todoist");
    assertThat(created.path("enabled").asBoolean()).isTrue();
    assertThat(created.path("status").asString()).isEqualTo("active");
    assertThat(created.path("credentials_valid").asBoolean()).isTrue();
    assertThat(created.path("last_sync_at").isNull()).isFalse();
    assertThat(created.path("mcp_server_id").asString()).isEqualTo(serverId);
    JsonNode listed =
        body(
            perform(
                    owner,
                    org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        integrations()),
                    null)
                .andExpect(status().isOk()));
    assertThat(listed.size()).isEqualTo(1);
    events.await(EventTypes.MCP_INTEGRATION_ENABLED, created.path("id").asString());
  }

  @Test
  void shouldMarkInvalidOrMissingCredentials() throws Exception {
    upstreams.stubFor(
        get("/internal/integrations/" + owner + "/jira/status")
            .willReturn(okJson("{\"type\":\"jira\",\"status\":\"expired\",\"valid\":false}")));
    upstreams.stubFor(
        get("/internal/integrations/" + owner + "/sentry/status").willReturn(notFound()));

    perform(owner, post(integrations()), Map.of("integration", "jira"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.credentials_valid").value(false))
        .andExpect(jsonPath("$.status").value("error"))
        .andExpect(jsonPath("$.error_message").value("the credential is expired"));
    perform(owner, post(integrations()), Map.of("integration", "sentry"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.credentials_valid").value(false));
  }

  @Test
  void shouldLeaveValidityUnknownWhenTheOwningServiceIsDown() throws Exception {
    upstreams.stubFor(
        get("/internal/integrations/" + owner + "/openai/status").willReturn(serviceUnavailable()));

    perform(owner, post(integrations()), Map.of("integration", "openai"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.credentials_valid").doesNotExist())
        .andExpect(jsonPath("$.status").value("connecting"));
  }

  @Test
  void shouldDisableEnableReconfigureAndUnlink() throws Exception {
    upstreams.stubFor(
        get("/internal/integrations/" + owner + "/notion/status")
            .willReturn(okJson("{\"status\":\"active\",\"valid\":true}")));
    String id =
        body(perform(owner, post(integrations()), Map.of("integration", "notion")))
            .path("id")
            .asString();

    perform(owner, put(integrations() + "/" + id), Map.of("enabled", false))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.enabled").value(false))
        .andExpect(jsonPath("$.status").value("inactive"));
    events.await(EventTypes.MCP_INTEGRATION_DISABLED, id);
    perform(
            owner,
            put(integrations() + "/" + id),
            Map.of("enabled", true, "config", Map.of("workspace", "team")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("active"))
        .andExpect(jsonPath("$.config.workspace").value("team"));
    perform(owner, delete(integrations() + "/" + id), null).andExpect(status().isNoContent());
    perform(owner, put(integrations() + "/" + id), Map.of("enabled", true))
        .andExpect(status().isNotFound());
  }

  @Test
  void shouldRefuseTwoLinksToTheSameIntegrationAndAmbiguousTargets() throws Exception {
    upstreams.stubFor(
        get("/internal/integrations/" + owner + "/gmail/status")
            .willReturn(okJson("{\"status\":\"active\",\"valid\":true}")));
    perform(owner, post(integrations()), Map.of("integration", "gmail"))
        .andExpect(status().isCreated());

    perform(owner, post(integrations()), Map.of("integration", "gmail"))
        .andExpect(status().isConflict());
    perform(owner, post(integrations()), Map.of("integration", "gmail", "git_connection_id", "abc"))
        .andExpect(status().isBadRequest());
    perform(owner, post(integrations()), Map.of("integration", "Not A Type"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("integration"));
  }

  @Test
  void shouldHideIntegrationsOfAnotherUsersServer() throws Exception {
    String intruder = newUser();

    perform(intruder, post(integrations()), Map.of("integration", "notion"))
        .andExpect(status().isNotFound());
    assertThat(
            jdbc.sql("SELECT count(*) FROM mcp_integration WHERE server_id = CAST(:s AS uuid)")
                .param("s", serverId)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void shouldLetAnAdminListDisableAndUnlinkButNotLinkReEnableOrReconfigure() throws Exception {
    upstreams.stubFor(
        get("/internal/integrations/" + owner + "/todoist/status")
            .willReturn(okJson("{\"type\":\"todoist\",\"status\":\"active\",\"valid\":true}")));
    String id =
        body(perform(owner, post(integrations()), Map.of("integration", "todoist"))
                .andExpect(status().isCreated()))
            .path("id")
            .asString();
    String admin = "admin-" + owner;
    String link = integrations() + "/" + id;

    mvc.perform(
            post(integrations())
                .header("Authorization", "Bearer " + issuer.adminToken(admin))
                .contentType("application/json")
                .content("{\"integration\":\"notion\"}"))
        .andExpect(status().isNotFound());
    mvc.perform(
            put(link)
                .header("Authorization", "Bearer " + issuer.adminToken(admin))
                .contentType("application/json")
                .content("{\"config\":{\"project\":\"admins\"}}"))
        .andExpect(status().isNotFound());
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(integrations())
                .header("Authorization", "Bearer " + issuer.adminToken(admin)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1));
    mvc.perform(
            put(link)
                .header("Authorization", "Bearer " + issuer.adminToken(admin))
                .contentType("application/json")
                .content("{\"enabled\":false}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.enabled").value(false));
    JsonNode disabled = events.await(EventTypes.MCP_INTEGRATION_DISABLED, id);
    assertThat(disabled.path("data").path("actor").path("id").asString()).isEqualTo(admin);
    assertThat(disabled.path("data").path("owner_id").asString()).isEqualTo(owner);
    mvc.perform(
            put(link)
                .header("Authorization", "Bearer " + issuer.adminToken(admin))
                .contentType("application/json")
                .content("{\"enabled\":true}"))
        .andExpect(status().isNotFound());
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM mcp_integration WHERE server_id = CAST(:s AS uuid)"
                        + " AND (enabled OR integration_type <> 'todoist')")
                .param("s", serverId)
                .query(Long.class)
                .single())
        .isZero();

    mvc.perform(delete(link).header("Authorization", "Bearer " + issuer.adminToken(admin)))
        .andExpect(status().isNoContent());
    JsonNode deleted = events.await(EventTypes.MCP_INTEGRATION_DELETED, id);
    assertThat(deleted.path("data").path("actor").path("id").asString()).isEqualTo(admin);
    assertThat(deleted.path("data").path("owner_id").asString()).isEqualTo(owner);
  }
}
