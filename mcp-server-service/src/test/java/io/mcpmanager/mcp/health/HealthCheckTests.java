package io.mcpmanager.mcp.health;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import io.mcpmanager.mcp.testdata.TestDns;
import io.mcpmanager.mcp.testdata.TestMcpServer;
import io.mcpmanager.mcp.testdata.TestServiceWiring;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
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

  @Nested
  class OutboundGuard {

    private final WireMockServer upstream = TestServiceWiring.upstreams();

    private String register(String owner, String url) throws Exception {
      return body(perform(
              owner,
              post("/api/mcp/servers"),
              Map.of("name", "guarded-" + UUID.randomUUID(), "url", url)))
          .path("id")
          .asString();
    }

    @Test
    void shouldConnectOnlyToTheCheckedAddressWhenTheNameRebindsToLoopback() throws Exception {
      String path = "/rebind-" + UUID.randomUUID();
      upstream.stubFor(WireMock.post(path).willReturn(WireMock.okJson("{}")));
      String host = "rebind-" + UUID.randomUUID() + ".test.example";
      TestDns.answer(host, "203.0.113.7");
      String owner = newUser();
      String id = register(owner, "http://" + host + ":" + upstream.port() + path);
      // The check's lookup sees the public address, any later lookup the loopback listener.
      TestDns.answer(host, "203.0.113.7", "127.0.0.1");

      JsonNode check = check(owner, id);

      assertThat(check.path("ok").asBoolean()).isFalse();
      assertThat(check.path("error_type").asString()).isIn("timeout", "unreachable");
      upstream.verify(0, postRequestedFor(urlEqualTo(path)));
    }

    @Test
    void shouldRefuseTheCheckWhenTheNameNowResolvesToAnInternalAddress() throws Exception {
      String host = "moved-" + UUID.randomUUID() + ".test.example";
      TestDns.answer(host, "203.0.113.8");
      String owner = newUser();
      String id = register(owner, "http://" + host + "/mcp");
      TestDns.answer(host, "100.64.0.9");

      JsonNode check = check(owner, id);

      assertThat(check.path("error_type").asString()).isEqualTo("unreachable");
      assertThat(check.path("error_message").asString())
          .isEqualTo("url resolves to a private (CGNAT shared) address");
      assertThat(check.path("latency_ms").asLong()).isZero();
    }

    @Test
    void shouldNotFollowARedirectFromTheServer() throws Exception {
      String path = "/redirecting-" + UUID.randomUUID();
      upstream.stubFor(
          WireMock.post(path)
              .willReturn(
                  WireMock.aResponse()
                      .withStatus(307)
                      .withHeader("Location", upstream.baseUrl() + path + "-target")));
      upstream.stubFor(WireMock.post(path + "-target").willReturn(WireMock.okJson("{}")));
      String owner = newUser();
      String id = register(owner, upstream.baseUrl() + path);

      JsonNode check = check(owner, id);

      assertThat(check.path("error_type").asString()).isEqualTo("protocol_error");
      assertThat(check.path("error_message").asString())
          .isEqualTo("The server answered with a redirect (HTTP 307), which is not followed");
      upstream.verify(1, postRequestedFor(urlEqualTo(path)));
      upstream.verify(0, postRequestedFor(urlEqualTo(path + "-target")));
    }

    @Test
    void shouldFailTheCheckWhenAResponseExceedsTheCap() throws Exception {
      // 2 MiB, over mcp.health.max-response-size (1 MiB by default), within the SDK's own 16 MiB.
      String padding = "x".repeat(2 * 1024 * 1024);
      String declared = "/huge-" + UUID.randomUUID();
      upstream.stubFor(
          WireMock.post(declared)
              .willReturn(
                  WireMock.okJson(
                      "{\"jsonrpc\":\"2.0\",\"id\":\"0\",\"result\":{\"pad\":\""
                          + padding
                          + "\"}}")));
      String streamed = "/huge-stream-" + UUID.randomUUID();
      upstream.stubFor(
          WireMock.post(streamed)
              .willReturn(
                  WireMock.aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "text/event-stream")
                      .withBody(": " + padding + "\n\n")
                      .withChunkedDribbleDelay(8, 200)));
      String owner = newUser();

      for (String path : List.of(declared, streamed)) {
        JsonNode check = check(owner, register(owner, upstream.baseUrl() + path));

        assertThat(check.path("ok").asBoolean()).as(path).isFalse();
        assertThat(check.path("error_type").asString()).as(path).isEqualTo("protocol_error");
        assertThat(check.path("error_message").asString())
            .as(path)
            .isEqualTo("The server's response exceeds 1048576 bytes");
        assertThat(check.path("server").path("status").asString()).isEqualTo("error");
      }
    }
  }

  @Test
  void shouldAnswer404ForAnotherUsersServer() throws Exception {
    String id = registerTestServer(newUser(), null).path("id").asString();

    perform(newUser(), post("/api/mcp/servers/" + id + "/check"), null)
        .andExpect(status().isNotFound());
  }
}
