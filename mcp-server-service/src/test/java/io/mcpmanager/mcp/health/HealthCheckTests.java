package io.mcpmanager.mcp.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import io.mcpmanager.mcp.testdata.TestMcpServer;
import io.mcpmanager.mcp.testdata.TestServiceWiring;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Live checks against a real MCP server (official SDK, Streamable HTTP) that verifies the manager's
 * JWT.
 */
class HealthCheckTests extends McpServiceTestBase {

  @Autowired MeterRegistry meters;

  @Test
  void shouldMarkTheServerActiveWithItsToolListAfterAnMcpHandshake() throws Exception {
    String owner = newUser();
    String id = registerTestServer(owner, null).path("id").asString();

    JsonNode check = check(owner, id);

    assertThat(check.path("ok").asBoolean()).isTrue();
    JsonNode server = check.path("server");
    assertThat(server.path("status").asString()).isEqualTo("active");
    assertThat(server.path("server_info").path("name").asString()).isEqualTo("test-notes-server");
    assertThat(server.path("server_info").path("version").asString()).isEqualTo("1.2.3");
    assertThat(server.path("server_info").path("protocol_version").asString()).isNotBlank();
    assertThat(server.path("server_info").path("capabilities").has("tools")).isTrue();
    assertThat(json.convertValue(server.path("server_info").path("tools"), List.class))
        .containsExactlyInAnyOrderElementsOf(TestMcpServer.TOOLS);
    assertThat(server.path("last_seen_at").isNull()).isFalse();
    assertThat(check.path("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
    JsonNode event = events.await(EventTypes.MCP_SERVER_CHECKED, id);
    assertThat(event.path("data").path("outcome").asString()).isEqualTo("success");
    assertThat(meters.find("mcpm.mcp.health.check").tag("outcome", "ok").timer()).isNotNull();
  }

  @Test
  void shouldKeepTheMcpSessionIdOnlyAsTransitCiphertext() throws Exception {
    String owner = newUser();
    String id = registerTestServer(owner, null).path("id").asString();

    JsonNode check = check(owner, id);

    assertThat(check.path("server").path("has_session").asBoolean()).isTrue();
    String stored =
        jdbc.sql("SELECT session_ciphertext FROM mcp_server WHERE id = CAST(:id AS uuid)")
            .param("id", id)
            .query(String.class)
            .single();
    assertThat(stored).startsWith("vault:v");
    assertThat(check.toString()).doesNotContain(stored);
  }

  @Test
  void shouldReportUnauthorizedWhenTheServerRefusesTheToken() throws Exception {
    String owner = newUser();
    // Same server, but under a URL it does not consider its own: the token's aud does not match.
    String url = mcp.url().replace("127.0.0.1", "localhost");
    String id =
        body(perform(owner, post("/api/mcp/servers"), Map.of("name", "wrong-aud", "url", url)))
            .path("id")
            .asString();

    JsonNode check = check(owner, id);

    assertThat(check.path("ok").asBoolean()).isFalse();
    assertThat(check.path("error_type").asString()).isEqualTo("unauthorized");
    assertThat(check.path("server").path("status").asString()).isEqualTo("error");
    assertThat(check.path("server").path("error_type").asString()).isEqualTo("unauthorized");
    events.await(
        EventTypes.MCP_SERVER_CHECKED,
        id,
        e -> "failure".equals(e.path("data").path("outcome").asString()));
  }

  @Test
  void shouldReportUnreachableWhenNothingListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String owner = newUser();
    String id =
        body(perform(
                owner,
                post("/api/mcp/servers"),
                Map.of("name", "gone", "url", "http://127.0.0.1:" + closedPort + "/mcp")))
            .path("id")
            .asString();

    JsonNode check = check(owner, id);

    assertThat(check.path("error_type").asString()).isEqualTo("unreachable");
    assertThat(check.path("server").path("status").asString()).isEqualTo("error");
  }

  @Test
  void shouldReportAProtocolErrorWhenTheEndpointDoesNotSpeakMcp() throws Exception {
    TestServiceWiring.upstreams()
        .stubFor(
            WireMock.post("/not-mcp")
                .willReturn(
                    WireMock.ok("<html>hello</html>").withHeader("Content-Type", "text/html")));
    String owner = newUser();
    String id =
        body(perform(
                owner,
                post("/api/mcp/servers"),
                Map.of(
                    "name",
                    "web-page",
                    "url",
                    TestServiceWiring.upstreams().baseUrl() + "/not-mcp")))
            .path("id")
            .asString();

    JsonNode check = check(owner, id);

    assertThat(check.path("error_type").asString()).isEqualTo("protocol_error");
  }

  @Test
  void shouldReportATimeoutWhenTheServerDoesNotAnswerInTime() throws Exception {
    TestServiceWiring.upstreams()
        .stubFor(WireMock.post("/slow-mcp").willReturn(WireMock.okJson("{}").withFixedDelay(7000)));
    String owner = newUser();
    String id =
        body(perform(
                owner,
                post("/api/mcp/servers"),
                Map.of(
                    "name", "slow", "url", TestServiceWiring.upstreams().baseUrl() + "/slow-mcp")))
            .path("id")
            .asString();

    JsonNode check = check(owner, id);

    assertThat(check.path("error_type").asString()).isEqualTo("timeout");
    assertThat(check.path("latency_ms").asLong()).isGreaterThanOrEqualTo(4000);
  }

  @Test
  void shouldAnswer404ForAnotherUsersServer() throws Exception {
    String id = registerTestServer(newUser(), null).path("id").asString();

    perform(newUser(), post("/api/mcp/servers/" + id + "/check"), null)
        .andExpect(status().isNotFound());
  }
}
