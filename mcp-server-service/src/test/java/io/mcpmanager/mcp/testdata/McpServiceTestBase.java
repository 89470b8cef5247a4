package io.mcpmanager.mcp.testdata;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One shared context for every test class of the service (same annotations, cached by Spring). */
@ServiceTest
public abstract class McpServiceTestBase {

  protected static final TestJwtIssuer issuer = TestJwtIssuer.shared();

  @Autowired protected MockMvc mvc;
  @Autowired protected JsonMapper json;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected PublishedEvents events;
  @LocalServerPort protected int port;

  protected TestMcpServer mcp;

  @DynamicPropertySource
  static void servicesAround(DynamicPropertyRegistry registry) {
    TestServiceWiring.register(registry);
  }

  @BeforeEach
  void connectTestMcpServer() {
    mcp = TestMcpServer.shared().trustManagerAt("http://127.0.0.1:" + port);
  }

  protected static String newUser() {
    return "user-" + UUID.randomUUID();
  }

  protected static MockHttpServletRequestBuilder as(
      String userId, MockHttpServletRequestBuilder request) {
    return request.header("Authorization", "Bearer " + issuer.userToken(userId));
  }

  protected ResultActions perform(String userId, MockHttpServletRequestBuilder request, Object body)
      throws Exception {
    MockHttpServletRequestBuilder withUser = as(userId, request);
    if (body != null) {
      withUser
          .contentType(MediaType.APPLICATION_JSON)
          .content(body instanceof String text ? text : json.writeValueAsString(body));
    }
    return mvc.perform(withUser);
  }

  protected JsonNode body(ResultActions result) throws Exception {
    return json.readTree(result.andReturn().getResponse().getContentAsString());
  }

  /** Registers a server pointing at the test MCP server; returns the API's answer. */
  protected JsonNode registerTestServer(String owner, String serverPublicKeyPem) throws Exception {
    java.util.Map<String, Object> request = new java.util.LinkedHashMap<>();
    request.put("name", "notes-" + UUID.randomUUID());
    request.put("url", mcp.url());
    request.put("config", java.util.Map.of("region", "eu"));
    if (serverPublicKeyPem != null) {
      request.put("server_public_key", serverPublicKeyPem);
    }
    ResultActions result = perform(owner, post("/api/mcp/servers"), request);
    if (result.andReturn().getResponse().getStatus() != 201) {
      throw new AssertionError(
          "registration failed: " + result.andReturn().getResponse().getContentAsString());
    }
    return body(result);
  }

  protected JsonNode check(String owner, String serverId) throws Exception {
    return body(perform(owner, post("/api/mcp/servers/" + serverId + "/check"), null));
  }
}
