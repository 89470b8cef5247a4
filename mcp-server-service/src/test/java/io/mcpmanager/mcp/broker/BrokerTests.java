package io.mcpmanager.mcp.broker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import io.mcpmanager.mcp.testdata.ServerSigningKey;
import io.mcpmanager.mcp.testdata.TestMcpServer;
import io.mcpmanager.mcp.testdata.TestServiceWiring;
import io.mcpmanager.testsupport.UserStatusEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** An MCP server asks for its user's credential with a JWT signed by its own key. */
class BrokerTests extends McpServiceTestBase {

  private static final String NOTION_SECRET =
      "ntn_" + UUID.randomUUID().toString().replace("-", "");

  @Autowired MeterRegistry meters;
  @Autowired io.mcpmanager.kit.events.DisabledOwners disabledOwners;

  // This context's own broker: another context's embedded broker overwrites the system property.
  @org.springframework.beans.factory.annotation.Value("#{@embeddedKafka.brokersAsString}")
  String kafka;

  /**
   * {@code mcpm.credential.operations{operation=broker}}, registered at startup for every outcome.
   */
  double brokered(String outcome) {
    return meters
        .get("mcpm.credential.operations")
        .tag("operation", "broker")
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  private final WireMockServer upstreams = TestServiceWiring.upstreams();
  private String owner;
  private String serverId;
  private ServerSigningKey serverKey;
  private String integrationId;

  @BeforeEach
  void activeServerLinkedToNotion() throws Exception {
    owner = newUser();
    serverKey = ServerSigningKey.generate();
    serverId = registerTestServer(owner, serverKey.publicKeyPem()).path("id").asString();
    assertThat(check(owner, serverId).path("server").path("status").asString()).isEqualTo("active");
    upstreams.stubFor(
        get("/internal/integrations/" + owner + "/notion/status")
            .willReturn(okJson("{\"type\":\"notion\",\"status\":\"active\",\"valid\":true}")));
    upstreams.stubFor(
        get("/internal/integrations/" + owner + "/notion/credential")
            .withHeader("Authorization", matching("Bearer .+"))
            .willReturn(
                okJson(
                    "{\"credential\":\""
                        + NOTION_SECRET
                        + "\",\"type\":\"notion\",\"expires_at\":null}")));
    integrationId =
        body(perform(
                    owner,
                    post("/api/mcp/servers/" + serverId + "/integrations"),
                    Map.of("integration", "notion"))
                .andExpect(status().isCreated()))
            .path("id")
            .asString();
  }

  private ResultActions broker(String token, String body) throws Exception {
    var request =
        post("/api/mcp/broker/credentials").contentType(MediaType.APPLICATION_JSON).content(body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return mvc.perform(request);
  }

  private ResultActions brokerNotion(String token) throws Exception {
    return broker(token, "{\"integration\":\"notion\"}");
  }

  private JsonNode awaitDenial(String reason) {
    return events.await(
        EventTypes.MCP_BROKER_DENIED,
        serverId,
        e -> reason.equals(e.path("data").path("changes").path("reason").path("after").asString()));
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(serverId)
        .audience(TestMcpServer.ISSUER)
        .subject(owner)
        .issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(2))))
        .jwtID(UUID.randomUUID().toString());
  }

  @Nested
  class Granted {

    @Test
    void shouldHandTheCredentialToAVerifiedServerWithoutCaching() throws Exception {
      JsonNode answer =
          body(
              brokerNotion(serverKey.brokerToken(UUID.fromString(serverId)))
                  .andExpect(status().isOk())
                  .andExpect(header().string("Cache-Control", "no-store"))
                  .andExpect(jsonPath("$.type").value("notion")));

      assertThat(answer.path("credential").asString()).isEqualTo(NOTION_SECRET);
      JsonNode event = events.await(EventTypes.MCP_CREDENTIAL_BROKERED, serverId);
      assertThat(event.path("data").path("outcome").asString()).isEqualTo("success");
      assertThat(event.path("data").path("owner_id").asString()).isEqualTo(owner);
      assertThat(event.path("data").path("actor").path("id").asString())
          .isEqualTo("mcp-server:" + serverId);
      assertThat(event.path("data").path("changes").path("integration").path("after").asString())
          .isEqualTo("notion");
      assertThat(event.path("data").path("changes").path("user_id").path("after").asString())
          .isEqualTo(owner);
      assertThat(event.toString()).doesNotContain(NOTION_SECRET);
      assertThat(brokered("success")).isPositive();
    }

    @Test
    void shouldCallTheOwningServiceWithAServiceTokenCarryingTheBrokerScope() throws Exception {
      brokerNotion(serverKey.brokerToken(UUID.fromString(serverId))).andExpect(status().isOk());

      var calls =
          upstreams.findAll(
              getRequestedFor(
                  urlPathEqualTo("/internal/integrations/" + owner + "/notion/credential")));
      assertThat(calls).hasSize(1);
      String token = calls.getFirst().getHeader("Authorization").substring("Bearer ".length());
      JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
      assertThat(claims.getSubject()).isEqualTo(TestServiceWiring.SERVICE_CLIENT);
      assertThat(claims.getStringClaim("scope"))
          .contains("integrations.broker")
          .contains("git.broker");
    }

    @Test
    void shouldBrokerAGitConnectionToken() throws Exception {
      String connectionId = UUID.randomUUID().toString();
      upstreams.stubFor(
          get(urlPathEqualTo("/internal/git/connections/" + connectionId + "/status"))
              .withQueryParam("owner", equalTo(owner))
              .willReturn(okJson("{\"status\":\"active\",\"valid\":true}")));
      upstreams.stubFor(
          get(urlPathEqualTo("/internal/git/connections/" + connectionId + "/token"))
              .withQueryParam("owner", equalTo(owner))
              .willReturn(
                  okJson(
                      "{\"credential\":\"gho_abc123\",\"type\":\"github\",\"expires_at\":\"2030-01-01T00:00:00Z\"}")));
      perform(
              owner,
              post("/api/mcp/servers/" + serverId + "/integrations"),
              Map.of("git_connection_id", connectionId))
          .andExpect(status().isCreated())
          .andExpect(jsonPath("$.credentials_valid").value(true));

      broker(
              serverKey.brokerToken(UUID.fromString(serverId)),
              "{\"git_connection_id\":\"" + connectionId + "\"}")
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.credential").value("gho_abc123"))
          .andExpect(jsonPath("$.expires_at").value("2030-01-01T00:00:00Z"));
    }
  }

  @Nested
  class Refused {

    @Test
    void shouldRefuseATokenSignedWithAnotherKey() throws Exception {
      double deniedBefore = brokered("denied");
      brokerNotion(ServerSigningKey.generate().brokerToken(UUID.fromString(serverId)))
          .andExpect(status().isUnauthorized())
          .andExpect(header().string("Content-Type", "application/problem+json"))
          .andExpect(jsonPath("$.reason").value("invalid_signature"))
          .andExpect(jsonPath("$.credential").doesNotExist());

      JsonNode event = awaitDenial("invalid_signature");
      assertThat(event.path("data").path("outcome").asString()).isEqualTo("denied");
      assertThat(event.path("data").path("owner_id").asString()).isEqualTo(owner);
      assertThat(brokered("denied")).isEqualTo(deniedBefore + 1);
    }

    @Test
    void shouldRefuseAnExpiredToken() throws Exception {
      String token =
          serverKey.brokerToken(
              claims()
                  .issueTime(Date.from(Instant.now().minusSeconds(600)))
                  .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                  .build());

      brokerNotion(token)
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.reason").value("expired"));
      awaitDenial("expired");
    }

    @Test
    void shouldRefuseATokenLivingLongerThanFiveMinutes() throws Exception {
      String token =
          serverKey.brokerToken(
              claims().expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());

      brokerNotion(token)
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.reason").value("lifetime_too_long"));
      awaitDenial("lifetime_too_long");
    }

    @Test
    void shouldRefuseAReplayedJti() throws Exception {
      String token = serverKey.brokerToken(UUID.fromString(serverId));
      brokerNotion(token).andExpect(status().isOk());

      brokerNotion(token)
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.reason").value("replayed_jti"));
      awaitDenial("replayed_jti");
    }

    @Test
    void shouldRefuseATokenForAnotherAudience() throws Exception {
      String token = serverKey.brokerToken(claims().audience("someone-else").build());

      brokerNotion(token)
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.reason").value("wrong_audience"));
      awaitDenial("wrong_audience");
    }

    @Test
    void shouldRefuseWithoutAToken() throws Exception {
      brokerNotion(null)
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.reason").value("missing_token"));
    }

    @Test
    void shouldRefuseADisabledIntegration() throws Exception {
      perform(
              owner,
              put("/api/mcp/servers/" + serverId + "/integrations/" + integrationId),
              Map.of("enabled", false))
          .andExpect(status().isOk());

      brokerNotion(serverKey.brokerToken(UUID.fromString(serverId)))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.reason").value("integration_disabled"));
      awaitDenial("integration_disabled");
    }

    /** #14 item 10: each server has its own brokering budget (120 a minute by default). */
    @Test
    void shouldAnswer429WithRetryAfterOnceAServerUsedUpItsBudget() throws Exception {
      // The budget refills continuously (2 a second), so a few more than 120 may pass first.
      int allowed = 0;
      MvcResult refused = null;
      while (refused == null && allowed < 200) {
        MvcResult result =
            broker(serverKey.brokerToken(UUID.fromString(serverId)), "{\"integration\":\"jira\"}")
                .andReturn();
        if (result.getResponse().getStatus() == 429) {
          refused = result;
        } else {
          assertThat(result.getResponse().getStatus()).isEqualTo(403);
          allowed++;
        }
      }

      assertThat(allowed).isBetween(120, 140);
      assertThat(refused).isNotNull();
      assertThat(refused.getResponse().getHeader("Retry-After")).isNotBlank();
      assertThat(refused.getResponse().getContentAsString())
          .contains("\"reason\":\"broker_budget_exceeded\"")
          .doesNotContain("credential\":");
      awaitDenial("broker_budget_exceeded");

      // Another server of the same owner has a budget of its own.
      ServerSigningKey otherKey = ServerSigningKey.generate();
      String other = registerTestServer(owner, otherKey.publicKeyPem()).path("id").asString();
      broker(otherKey.brokerToken(UUID.fromString(other)), "{\"integration\":\"jira\"}")
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.reason").value(not("broker_budget_exceeded")));
    }

    @Test
    void shouldRefuseAnIntegrationTheServerIsNotLinkedTo() throws Exception {
      broker(serverKey.brokerToken(UUID.fromString(serverId)), "{\"integration\":\"jira\"}")
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.reason").value("integration_not_linked"));
      awaitDenial("integration_not_linked");
    }

    @Test
    void shouldRefuseAReKeyedServerUntilACheckHasVerifiedItAgain() throws Exception {
      ServerSigningKey newKey = ServerSigningKey.generate();
      perform(
              owner,
              put("/api/mcp/servers/" + serverId),
              Map.of("server_public_key", newKey.publicKeyPem()))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.status").value("connecting"));

      brokerNotion(newKey.brokerToken(UUID.fromString(serverId)))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.reason").value("server_inactive"))
          .andExpect(jsonPath("$.credential").doesNotExist());
      brokerNotion(serverKey.brokerToken(UUID.fromString(serverId)))
          .andExpect(status().isUnauthorized());
      awaitDenial("server_inactive");

      assertThat(check(owner, serverId).path("server").path("status").asString())
          .isEqualTo("active");
      brokerNotion(newKey.brokerToken(UUID.fromString(serverId))).andExpect(status().isOk());
    }

    @Test
    void shouldRefuseAnAdminRekeyingAForeignServerAndAnAdminsOwnTokenAtTheBroker()
        throws Exception {
      String admin = "admin-" + owner;
      ServerSigningKey adminsKey = ServerSigningKey.generate();
      mvc.perform(
              put("/api/mcp/servers/" + serverId)
                  .header("Authorization", "Bearer " + issuer.adminToken(admin))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(
                      "{\"server_public_key\":"
                          + json.writeValueAsString(adminsKey.publicKeyPem())
                          + "}"))
          .andExpect(status().isNotFound());

      brokerNotion(adminsKey.brokerToken(UUID.fromString(serverId)))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.credential").doesNotExist());
      brokerNotion(issuer.adminToken(admin))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.credential").doesNotExist());
    }

    @Test
    void shouldGiveADisabledOwnersServerNoCredentialUntilEnabledAgain() throws Exception {
      UserStatusEvents.disabled(kafka, owner);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> disabledOwners.isDisabled(owner));

      brokerNotion(serverKey.brokerToken(UUID.fromString(serverId)))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.reason").value("owner_disabled"))
          .andExpect(jsonPath("$.credential").doesNotExist());
      awaitDenial("owner_disabled");

      UserStatusEvents.enabled(kafka, owner);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !disabledOwners.isDisabled(owner));
      brokerNotion(serverKey.brokerToken(UUID.fromString(serverId))).andExpect(status().isOk());
    }

    @Test
    void shouldRefuseAnInactiveServer() throws Exception {
      perform(owner, put("/api/mcp/servers/" + serverId), Map.of("enabled", false))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.status").value("inactive"));

      brokerNotion(serverKey.brokerToken(UUID.fromString(serverId)))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.reason").value("server_inactive"));
      awaitDenial("server_inactive");
    }

    @Test
    void shouldRefuseToActForAnotherUser() throws Exception {
      String token = serverKey.brokerToken(claims().subject(newUser()).build());

      brokerNotion(token)
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.reason").value("subject_mismatch"));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheOwningServiceIsDown() throws Exception {
      upstreams.stubFor(
          get("/internal/integrations/" + owner + "/notion/credential")
              .willReturn(aResponse().withStatus(503)));

      brokerNotion(serverKey.brokerToken(UUID.fromString(serverId)))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().exists("Retry-After"));
      events.await(
          EventTypes.MCP_CREDENTIAL_BROKERED,
          serverId,
          e -> "failure".equals(e.path("data").path("outcome").asString()));
    }
  }
}
