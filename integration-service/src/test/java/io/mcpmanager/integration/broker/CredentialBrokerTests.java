package io.mcpmanager.integration.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.account.OAuthAccountConnector;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.testdata.GoogleStubs;
import io.mcpmanager.integration.testdata.IntegrationAccountMother;
import io.mcpmanager.integration.testdata.ProviderStubs;
import io.mcpmanager.integration.testdata.TestCallerAssertions;
import io.mcpmanager.integration.testdata.Tokens;
import io.mcpmanager.kit.assertion.CallerAssertionVerifier;
import io.mcpmanager.kit.events.DisabledOwners;
import io.mcpmanager.testsupport.UserStatusEvents;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Other services fetch a user's credential (scope integrations.broker); every read is an event. */
class CredentialBrokerTests extends IntegrationServiceTestBase {

  private static final String BROKER = "integrations.broker";

  @Autowired MockMvc mvc;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;
  @Autowired JsonMapper json;
  @Autowired OAuthAccountConnector connector;
  @Autowired EntityManagerFactory entityManagerFactory;
  @Autowired DisabledOwners disabledOwners;

  // This context's own broker: another context's embedded broker overwrites the system property.
  @Value("#{@embeddedKafka.brokersAsString}")
  String kafka;

  private String createNotion(String owner, String token) throws Exception {
    ProviderStubs.notionAccepts(PROVIDERS, token);
    String body =
        mvc.perform(
                post("/api/integrations")
                    .header("Authorization", "Bearer " + ISSUER.userToken(owner))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"type\":\"notion\",\"access_token\":\"" + token + "\"}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body).get("id").asString();
  }

  @Test
  void shouldHandOutTheDecryptedCredentialUncachedAndRecordWhoReadIt() throws Exception {
    String owner = Tokens.user();
    String token = Tokens.notion();
    String id = createNotion(owner, token);

    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion"))
                .header(
                    "Authorization", "Bearer " + ISSUER.serviceToken("mcp-server-service", BROKER)))
        .andExpect(status().isOk())
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(jsonPath("$.access_token").value(token))
        .andExpect(jsonPath("$.integration_id").value(id))
        .andExpect(jsonPath("$.credential_version").value(1));

    assertThat(
            jdbc.sql("SELECT last_used_at FROM integration_account WHERE owner_id = :o")
                .param("o", owner)
                .query(java.sql.Timestamp.class)
                .single())
        .isNotNull();
    String accessed =
        jdbc.sql(
                """
            SELECT payload::text FROM outbox_event
            WHERE payload->>'subject' = :id AND payload->>'type' = 'io.mcpmanager.integration.accessed'""")
            .param("id", id)
            .query(String.class)
            .single();
    JsonNode data = json.readTree(accessed).get("data");
    assertThat(data.get("actor").get("kind").asString()).isEqualTo("SERVICE");
    assertThat(data.get("actor").get("id").asString()).isEqualTo("mcp-server-service");
    assertThat(data.get("owner_id").asString()).isEqualTo(owner);
    assertThat(accessed).doesNotContain(token);
  }

  @Test
  void shouldRefuseTheCredentialOfADisabledOwnerUntilEnabledAgain() throws Exception {
    String owner = Tokens.user();
    String token = Tokens.notion();
    createNotion(owner, token);
    String service = "Bearer " + ISSUER.serviceToken("mcp-server-service", BROKER);

    UserStatusEvents.disabled(kafka, owner);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> disabledOwners.isDisabled(owner));

    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion"))
                .header("Authorization", service))
        .andExpect(status().isForbidden())
        .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
        .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/owner-disabled"))
        .andExpect(jsonPath("$.access_token").doesNotExist());

    UserStatusEvents.enabled(kafka, owner);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !disabledOwners.isDisabled(owner));

    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion"))
                .header("Authorization", service))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.access_token").value(token));
  }

  @Test
  void shouldRefuseCallersWithoutTheBrokerScope() throws Exception {
    String owner = Tokens.user();
    createNotion(owner, Tokens.notion());

    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion"))
                .header("Authorization", "Bearer " + ISSUER.userToken(owner)))
        .andExpect(status().isForbidden());
    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion"))
                .header(
                    "Authorization",
                    "Bearer " + ISSUER.serviceToken("git-connection-service", "git.broker")))
        .andExpect(status().isForbidden());
  }

  /**
   * The broker scope alone no longer buys any owner's credential: the call needs
   * mcp-server-service's assertion for this owner and integration, usable once.
   */
  @Test
  void shouldRefuseACallWithoutAssertionForAnotherOwnerOrReplayed() throws Exception {
    String owner = Tokens.user();
    String token = Tokens.notion();
    createNotion(owner, token);
    String service = "Bearer " + ISSUER.serviceToken("mcp-server-service", BROKER);

    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header("Authorization", service))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/forbidden"))
        .andExpect(jsonPath("$.access_token").doesNotExist());
    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(Tokens.user(), "notion"))
                .header("Authorization", service))
        .andExpect(status().isForbidden());
    mvc.perform(
            get("/internal/integrations/{o}/notion/status", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "gmail"))
                .header("Authorization", service))
        .andExpect(status().isForbidden());

    String assertion = TestCallerAssertions.forIntegration(owner, "notion");
    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(CallerAssertionVerifier.HEADER, assertion)
                .header("Authorization", service))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.access_token").value(token));
    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(CallerAssertionVerifier.HEADER, assertion)
                .header("Authorization", service))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("The caller assertion was already used"));
  }

  /** A broker token auth-server issued for git-connection-service is refused here as a token. */
  @Test
  void shouldRefuseABrokerTokenNamingAnotherService() throws Exception {
    String owner = Tokens.user();
    createNotion(owner, Tokens.notion());

    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion"))
                .header(
                    "Authorization",
                    "Bearer "
                        + ISSUER.serviceTokenFor(
                            "git-connection-service", "mcp-server-service", BROKER)))
        .andExpect(status().isUnauthorized());
  }

  /** A service token naming this service still reaches no user API (no API scope). */
  @Test
  void shouldRefuseAServiceTokenOnTheUserApi() throws Exception {
    mvc.perform(
            get("/api/integrations")
                .header(
                    "Authorization",
                    "Bearer "
                        + ISSUER.serviceTokenFor(
                            "integration-service", "mcp-server-service", BROKER)))
        .andExpect(status().isForbidden());
  }

  @Test
  void shouldAnswer404WhenTheUserHasNoSuchIntegration() throws Exception {
    double failedBefore = brokerFailures();
    String stranger = Tokens.user();

    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", stranger)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(stranger, "notion"))
                .header(
                    "Authorization", "Bearer " + ISSUER.serviceToken("mcp-server-service", BROKER)))
        .andExpect(status().isNotFound());

    assertThat(brokerFailures()).isEqualTo(failedBefore + 1);
  }

  private double brokerFailures() {
    return meters
        .get("mcpm.credential.operations")
        .tag("operation", "broker")
        .tag("outcome", "failure")
        .counter()
        .count();
  }

  @Test
  void shouldReportWhetherAUsableCredentialExists() throws Exception {
    String owner = Tokens.user();
    String token = Tokens.notion();
    String id = createNotion(owner, token);
    String service = "Bearer " + ISSUER.serviceToken("mcp-server-service", BROKER);

    mvc.perform(
            get("/internal/integrations/{o}/notion/status", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion"))
                .header("Authorization", service))
        .andExpect(jsonPath("$.exists").value(true))
        .andExpect(jsonPath("$.usable").value(true));

    PROVIDERS.resetAll();
    ProviderStubs.notionRejects(PROVIDERS, token);
    mvc.perform(
            post("/api/integrations/{id}/validate", id)
                .header("Authorization", "Bearer " + ISSUER.userToken(owner)))
        .andExpect(jsonPath("$.valid").value(false));

    mvc.perform(
            get("/internal/integrations/{o}/notion/status", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion"))
                .header("Authorization", service))
        .andExpect(jsonPath("$.exists").value(true))
        .andExpect(jsonPath("$.usable").value(false))
        .andExpect(jsonPath("$.status_reason").value("invalid_credentials"));
    mvc.perform(
            get("/internal/integrations/{o}/notion/credential", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion"))
                .header("Authorization", service))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/credential-unusable"));
    mvc.perform(
            get("/internal/integrations/{o}/todoist/status", owner)
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "todoist"))
                .header("Authorization", service))
        .andExpect(jsonPath("$.exists").value(false));
  }

  /**
   * The decrypt is the one Vault call (AccessTokens.current, outside any transaction): see the code
   * path.
   */
  @Test
  void shouldReadTheRowOnceAndWriteOnlyLastUsedForABrokeredOAuthCredential() throws Exception {
    String owner = Tokens.user();
    String access = "ya29.a0-fresh-" + UUID.randomUUID();
    UUID accountId =
        connector.connect(
            owner,
            IntegrationType.GMAIL,
            IntegrationAccountMother.googleTokens(
                access,
                "1//0g-" + UUID.randomUUID(),
                Duration.ofHours(1),
                GoogleStubs.GMAIL_SCOPE));
    Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
    statistics.setStatisticsEnabled(true);
    statistics.clear();
    try {
      mvc.perform(
              get("/internal/integrations/{o}/gmail/credential", owner)
                  .header(
                      CallerAssertionVerifier.HEADER,
                      TestCallerAssertions.forIntegration(owner, "gmail"))
                  .header(
                      "Authorization",
                      "Bearer " + ISSUER.serviceToken("mcp-server-service", BROKER)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.access_token").value(access))
          .andExpect(jsonPath("$.integration_id").value(accountId.toString()));

      // One indexed read of the row, and the last_used_at update; no entity re-read, no versioned
      // write.
      assertThat(statistics.getPrepareStatementCount()).isEqualTo(2);
      assertThat(statistics.getQueryExecutionCount()).isEqualTo(1);
      assertThat(statistics.getEntityLoadCount()).isEqualTo(1);
      assertThat(statistics.getEntityUpdateCount()).isZero();
      assertThat(statistics.getQueries())
          .hasSize(2)
          .anyMatch(q -> q.startsWith("SELECT"))
          .anyMatch(q -> q.startsWith("UPDATE IntegrationAccount a SET a.lastUsedAt"));
    } finally {
      statistics.setStatisticsEnabled(false);
    }
  }
}
