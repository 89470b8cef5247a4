package io.mcpmanager.integration.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.account.OAuthAccountConnector;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.testdata.GoogleStubs;
import io.mcpmanager.integration.testdata.IntegrationAccountMother;
import io.mcpmanager.integration.testdata.ProviderStubs;
import io.mcpmanager.integration.testdata.Tokens;
import io.mcpmanager.kit.events.DisabledOwners;
import io.mcpmanager.testsupport.UserStatusEvents;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Background jobs: re-validation, the expiry policy and destruction of rolled-over credentials. */
class PolicyJobTests extends IntegrationServiceTestBase {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired RevalidationJob revalidation;
  @Autowired ExpiryPolicyJob expiry;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;
  @Autowired RefreshJob refreshJob;
  @Autowired OAuthAccountConnector connector;
  @Autowired DisabledOwners disabledOwners;

  // This context's own broker: another context's embedded broker overwrites the system property.
  @Value("#{@embeddedKafka.brokersAsString}")
  String kafka;

  private UUID createNotion(String owner, String token) throws Exception {
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
    return UUID.fromString(json.readTree(body).get("id").asString());
  }

  private void makeDue(UUID id) {
    jdbc.sql(
            "UPDATE integration_account SET next_validation_at = now() - interval '1 minute' WHERE id = :id")
        .param("id", id)
        .update();
  }

  private String statusOf(UUID id) {
    return jdbc.sql(
            "SELECT status || '/' || coalesce(status_reason, '-') FROM integration_account WHERE id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  @Test
  void shouldDetectACredentialRevokedAtTheProvider() throws Exception {
    String token = Tokens.notion();
    UUID id = createNotion(Tokens.user(), token);
    PROVIDERS.resetAll();
    ProviderStubs.notionRejects(PROVIDERS, token);
    makeDue(id);

    assertThat(revalidation.runOnce()).isPositive();

    assertThat(statusOf(id)).isEqualTo("ERROR/INVALID_CREDENTIALS");
    Instant next =
        jdbc.sql("SELECT next_validation_at FROM integration_account WHERE id = :id")
            .param("id", id)
            .query(Timestamp.class)
            .single()
            .toInstant();
    assertThat(next).isAfter(Instant.now().plus(Duration.ofHours(5)));
    assertThat(outboxTypesFor(id)).contains("io.mcpmanager.integration.status-changed");
  }

  @Test
  void shouldLeaveAGoodCredentialAloneWhenTheProviderIsDown() throws Exception {
    UUID id = createNotion(Tokens.user(), Tokens.notion());
    PROVIDERS.resetAll();
    ProviderStubs.notionDown(PROVIDERS);
    makeDue(id);

    revalidation.runOnce();

    assertThat(statusOf(id)).isEqualTo("ACTIVE/-");
  }

  @Test
  void shouldWarnBeforeTheMaximumAgeAndThenExpire() throws Exception {
    UUID warned = createNotion(Tokens.user(), Tokens.notion());
    UUID old = createNotion(Tokens.user(), Tokens.notion());
    double expiringBefore = expiringSoon();
    jdbc.sql(
            "UPDATE integration_account SET credential_created_at = now() - interval '360 days' WHERE id = :id")
        .param("id", warned)
        .update();
    jdbc.sql(
            "UPDATE integration_account SET credential_created_at = now() - interval '400 days' WHERE id = :id")
        .param("id", old)
        .update();
    // Both within 7 days of the maximum age (one past it, not yet expired by the job).
    assertThat(expiringSoon()).isEqualTo(expiringBefore + 2);

    ExpiryPolicyJob.Run run = expiry.runOnce();

    assertThat(expiringSoon())
        .as("the expired one no longer counts")
        .isEqualTo(expiringBefore + 2 - run.expired());

    assertThat(run.warned()).isGreaterThanOrEqualTo(1);
    assertThat(run.expired()).isGreaterThanOrEqualTo(1);
    assertThat(statusOf(warned)).isEqualTo("ACTIVE/-");
    assertThat(outboxTypesFor(warned)).contains("io.mcpmanager.integration.expiring");
    assertThat(statusOf(old)).isEqualTo("EXPIRED/EXPIRED_BY_POLICY");
    assertThat(outboxTypesFor(old)).contains("io.mcpmanager.integration.expired");
    // A second run (or a second replica) does not warn or expire again.
    expiry.runOnce();
    assertThat(outboxTypesFor(warned)).filteredOn(t -> t.endsWith(".expiring")).hasSize(1);
    assertThat(outboxTypesFor(old)).filteredOn(t -> t.endsWith(".expired")).hasSize(1);
  }

  private double expiringSoon() {
    return meters
        .get("mcpm.credentials.expiring.soon")
        .tag("kind", "integration-token")
        .gauge()
        .value();
  }

  @Test
  void shouldDestroyThePreviousCredentialAfterTheGracePeriod() throws Exception {
    String owner = Tokens.user();
    UUID id = createNotion(owner, Tokens.notion());
    String next = Tokens.notion();
    ProviderStubs.notionAccepts(PROVIDERS, next);
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                    "/api/integrations/" + id)
                .header("Authorization", "Bearer " + ISSUER.userToken(owner))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"access_token\":\"" + next + "\"}"))
        .andExpect(status().isOk());
    jdbc.sql(
            "UPDATE integration_account SET previous_credential_until = now() - interval '1 second' WHERE id = :id")
        .param("id", id)
        .update();

    expiry.runOnce();

    assertThat(
            jdbc.sql(
                    "SELECT previous_credential_ciphertext FROM integration_account WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional())
        .isEmpty();
    mvc.perform(
            post("/api/integrations/" + id + "/rollback")
                .header("Authorization", "Bearer " + ISSUER.userToken(owner)))
        .andExpect(status().isConflict());
  }

  @Test
  void shouldCheckEachDueCredentialOnceWhenTwoReplicasRunTheJobTogether() throws Exception {
    String token = Tokens.notion();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(createNotion(Tokens.user(), token));
    }
    jdbc.sql(
            "UPDATE integration_account SET next_validation_at = now() + interval '1 day' WHERE id NOT IN (:ids)")
        .param("ids", ids)
        .update();
    ids.forEach(this::makeDue);
    PROVIDERS.resetAll();
    ProviderStubs.notionAccepts(PROVIDERS, token);

    try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
      Future<Integer> first = replicas.submit(revalidation::runOnce);
      Future<Integer> second = replicas.submit(revalidation::runOnce);
      assertThat(first.get() + second.get()).isEqualTo(6);
    }
    PROVIDERS.verify(6, getRequestedFor(urlEqualTo("/v1/users/me")));
  }

  @Test
  void shouldRefreshGoogleTokensAheadOfExpiry() {
    String owner = Tokens.user();
    String refreshToken = "1//0g-job-" + UUID.randomUUID();
    var accountId =
        connector.connect(
            owner,
            IntegrationType.CALENDAR,
            IntegrationAccountMother.expiringCalendarTokens(
                "ya29.a0-old-" + UUID.randomUUID(), refreshToken));
    GoogleStubs.refreshes(PROVIDERS, refreshToken, "ya29.a0-by-job", "1//0g-next", 0);

    assertThat(refreshJob.runOnce()).isPositive();

    Instant expires =
        jdbc.sql("SELECT expires_at FROM integration_account WHERE id = :id")
            .param("id", accountId)
            .query(Timestamp.class)
            .single()
            .toInstant();
    assertThat(expires).isAfter(Instant.now().plusSeconds(3000));
    PROVIDERS.verify(1, postRequestedFor(urlEqualTo("/token")));
  }

  @Test
  void shouldNotRefreshTheTokensOfADisabledOwner() {
    String owner = Tokens.user();
    String refreshToken = "1//0g-disabled-" + UUID.randomUUID();
    var accountId =
        connector.connect(
            owner,
            IntegrationType.CALENDAR,
            IntegrationAccountMother.expiringCalendarTokens(
                "ya29.a0-old-" + UUID.randomUUID(), refreshToken));
    GoogleStubs.refreshes(PROVIDERS, refreshToken, "ya29.a0-not-for-them", "1//0g-never", 0);
    UserStatusEvents.disabled(kafka, owner);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> disabledOwners.isDisabled(owner));
    Instant before = expiresAt(accountId);

    refreshJob.runOnce();

    assertThat(expiresAt(accountId)).isEqualTo(before);
  }

  private Instant expiresAt(Object accountId) {
    return jdbc.sql("SELECT expires_at FROM integration_account WHERE id = :id")
        .param("id", accountId)
        .query(Timestamp.class)
        .single()
        .toInstant();
  }
}
