package io.mcpmanager.integration.account;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.mcpmanager.events.Topics;
import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.config.IntegrationConfiguration;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.provider.GoogleOAuthClients;
import io.mcpmanager.integration.testdata.GoogleStubs;
import io.mcpmanager.integration.testdata.IntegrationAccountMother;
import io.mcpmanager.integration.testdata.TestCallerAssertions;
import io.mcpmanager.integration.testdata.Tokens;
import io.mcpmanager.kit.assertion.CallerAssertionVerifier;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.outbox.OutboxWriter;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.oauth.OAuthTokenClient;
import io.mcpmanager.oauth.RefreshSingleFlight;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refresh of Google credentials: exactly one token-endpoint call per credential under concurrency
 * across two service instances (the application's {@link AccessTokens}, and a second one over its
 * own DataSource and JPA persistence unit, as another replica would have), rotated refresh tokens,
 * invalid_grant and outages.
 */
class CredentialRefreshTests extends IntegrationServiceTestBase {

  private static HikariDataSource secondReplicaPool;
  private static EntityManagerFactory secondReplicaJpa;

  @Autowired OAuthAccountConnector connector;
  @Autowired IntegrationAccountRepository accounts;
  @Autowired AccessTokens refresher;
  @Autowired SecretCipher cipher;
  @Autowired JsonMapper json;
  @Autowired IntegrationProperties properties;
  @Autowired ApplicationContext context;
  @Autowired MeterRegistry meters;

  @Value("${spring.datasource.url}")
  String databaseUrl;

  @LocalServerPort int port;

  @AfterAll
  static void closeSecondReplica() {
    if (secondReplicaJpa != null) {
      secondReplicaJpa.close();
    }
    if (secondReplicaPool != null) {
      secondReplicaPool.close();
    }
  }

  /**
   * Everything a second replica would have of its own: pool, persistence unit, transactions,
   * outbox, HTTP client.
   */
  private AccessTokens secondReplica() {
    if (secondReplicaPool == null) {
      secondReplicaPool = new HikariDataSource();
      secondReplicaPool.setJdbcUrl(databaseUrl);
      secondReplicaPool.setUsername("postgres");
      secondReplicaPool.setPassword("");
      secondReplicaPool.setMaximumPoolSize(10);
    }
    if (secondReplicaJpa == null) {
      LocalContainerEntityManagerFactoryBean unit = new LocalContainerEntityManagerFactoryBean();
      unit.setDataSource(secondReplicaPool);
      unit.setPackagesToScan(IntegrationAccount.class.getPackageName());
      unit.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
      unit.setJpaPropertyMap(
          Map.of(
              "hibernate.physical_naming_strategy",
              CamelCaseToUnderscoresNamingStrategy.class.getName()));
      unit.afterPropertiesSet();
      secondReplicaJpa = unit.getObject();
    }
    JdbcClient jdbc2 = JdbcClient.create(secondReplicaPool);
    JpaTransactionManager transactions2 = new JpaTransactionManager(secondReplicaJpa);
    IntegrationAccountRepository accounts2 =
        new JpaRepositoryFactory(
                SharedEntityManagerCreator.createSharedEntityManager(secondReplicaJpa))
            .getRepository(IntegrationAccountRepository.class);
    CredentialEvents events2 =
        new CredentialEvents(
            new OutboxWriter(jdbc2, json, Topics.INTEGRATION_SERVICE_EVENTS),
            "integration-service",
            Clock.systemUTC(),
            context.getBeanProvider(Tracer.class));
    GoogleOAuthClients google2 =
        new GoogleOAuthClients(properties, IntegrationConfiguration.providerClient(properties));
    return new AccessTokens(
        accounts2,
        new RefreshSingleFlight(jdbc2, transactions2),
        new OAuthTokenClient(Duration.ofSeconds(2), Duration.ofSeconds(5)),
        google2,
        cipher,
        events2,
        new IntegrationMetrics(new SimpleMeterRegistry()),
        properties,
        Clock.systemUTC());
  }

  /**
   * Gmail refreshes timed under {@code mcpm.oauth.refresh}, registered at startup for both
   * outcomes.
   */
  private long refreshes(String outcome) {
    return meters
        .get("mcpm.oauth.refresh")
        .tag("provider", "gmail")
        .tag("outcome", outcome)
        .timer()
        .count();
  }

  private IntegrationAccount expiringGmail(String owner, String access, String refresh) {
    UUID id =
        connector.connect(
            owner,
            IntegrationType.GMAIL,
            IntegrationAccountMother.expiringGmailTokens(access, refresh));
    return accounts.findById(id).orElseThrow();
  }

  @Test
  void shouldCallTheTokenEndpointOnceForFiftyConcurrentRequestsAcrossTwoInstances()
      throws Exception {
    String owner = Tokens.user();
    String oldRefresh = "1//0g-old-" + UUID.randomUUID();
    String newAccess = "ya29.a0-new-" + UUID.randomUUID();
    String newRefresh = "1//0g-rotated-" + UUID.randomUUID();
    IntegrationAccount account =
        expiringGmail(owner, "ya29.a0-old-" + UUID.randomUUID(), oldRefresh);
    GoogleStubs.refreshes(PROVIDERS, oldRefresh, newAccess, newRefresh, 300);
    AccessTokens replica2 = secondReplica();
    RestClient replica1 =
        RestClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .defaultHeader(
                "Authorization",
                "Bearer " + ISSUER.serviceToken("mcp-server-service", "integrations.broker"))
            .build();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> answers = new ArrayList<>();

    try (ExecutorService callers = Executors.newFixedThreadPool(50)) {
      for (int i = 0; i < 50; i++) {
        Callable<String> call =
            i % 2 == 0
                ? () ->
                    json.readTree(
                            replica1
                                .get()
                                .uri("/internal/integrations/{o}/gmail/credential", owner)
                                .header(
                                    CallerAssertionVerifier.HEADER,
                                    TestCallerAssertions.forIntegration(owner, "gmail"))
                                .retrieve()
                                .body(String.class))
                        .get("access_token")
                        .asString()
                : () -> replica2.accessToken(account.id());
        answers.add(
            callers.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      for (Future<String> answer : answers) {
        assertThat(answer.get()).isEqualTo(newAccess);
      }
    }

    PROVIDERS.verify(1, postRequestedFor(urlEqualTo("/token")));
    String storedRefresh =
        jdbc.sql("SELECT refresh_token_ciphertext FROM integration_account WHERE id = :id")
            .param("id", account.id())
            .query(String.class)
            .single();
    assertThat(storedRefresh).startsWith("vault:v");
    assertThat(cipher.decrypt(owner, storedRefresh)).isEqualTo(newRefresh);
    assertThat(outboxTypesFor(account.id())).filteredOn(t -> t.endsWith(".refreshed")).hasSize(1);
    assertThat(outboxTypesFor(account.id())).filteredOn(t -> t.endsWith(".accessed")).hasSize(25);
  }

  @Test
  void shouldUseTheRotatedRefreshTokenForTheNextRefresh() {
    String owner = Tokens.user();
    String first = "1//0g-first-" + UUID.randomUUID();
    String second = "1//0g-second-" + UUID.randomUUID();
    IntegrationAccount account = expiringGmail(owner, "ya29.a0-old-" + UUID.randomUUID(), first);
    GoogleStubs.refreshes(PROVIDERS, first, "ya29.a0-one", second, 0);
    GoogleStubs.refreshes(PROVIDERS, second, "ya29.a0-two", "1//0g-third", 0);
    long refreshedBefore = refreshes("success");

    refresher.refreshIfExpiring(account.id(), java.time.Duration.ofDays(1));
    String latest = refresher.refreshIfExpiring(account.id(), java.time.Duration.ofDays(1)).value();

    assertThat(latest).isEqualTo("ya29.a0-two");
    assertThat(refreshes("success")).isEqualTo(refreshedBefore + 2);
    PROVIDERS.verify(
        1,
        postRequestedFor(urlEqualTo("/token"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing(
                    "refresh_token=" + second.replace("/", "%2F"))));
  }

  @Test
  void shouldExpireTheIntegrationWhenGoogleAnswersInvalidGrant() {
    String owner = Tokens.user();
    IntegrationAccount account =
        expiringGmail(owner, "ya29.a0-old-" + UUID.randomUUID(), "1//0g-dead-" + UUID.randomUUID());
    GoogleStubs.invalidGrant(PROVIDERS);
    long failedBefore = refreshes("failure");

    assertThatThrownBy(() -> refresher.accessToken(account.id()))
        .isInstanceOf(CredentialUnusableException.class);

    assertThat(refreshes("failure")).isEqualTo(failedBefore + 1);

    var row =
        jdbc.sql("SELECT status, status_reason FROM integration_account WHERE id = :id")
            .param("id", account.id())
            .query()
            .singleRow();
    assertThat(row.get("status")).isEqualTo("EXPIRED");
    assertThat(row.get("status_reason")).isEqualTo("REFRESH_FAILED");
    assertThat(outboxTypesFor(account.id()))
        .contains("io.mcpmanager.integration.refresh-failed", "io.mcpmanager.integration.expired");
  }

  @Test
  void shouldKeepStatusAndHandOutTheStillValidTokenWhileGoogleIsDownUntilTheThreshold() {
    String owner = Tokens.user();
    String access = "ya29.a0-still-valid-" + UUID.randomUUID();
    IntegrationAccount account = expiringGmail(owner, access, "1//0g-" + UUID.randomUUID());
    GoogleStubs.down(PROVIDERS);

    assertThat(refresher.accessToken(account.id())).isEqualTo(access);

    var row =
        jdbc.sql(
                "SELECT status, refresh_failures, next_refresh_at FROM integration_account WHERE id = :id")
            .param("id", account.id())
            .query()
            .singleRow();
    assertThat(row.get("status")).isEqualTo("ACTIVE");
    assertThat(row.get("refresh_failures")).isEqualTo(1);
    assertThat(row.get("next_refresh_at")).isNotNull();

    jdbc.sql("UPDATE integration_account SET refresh_failures = :n WHERE id = :id")
        .param("n", properties.refresh().failureThreshold() - 1)
        .param("id", account.id())
        .update();
    assertThatThrownBy(() -> refresher.accessToken(account.id()))
        .isInstanceOf(RefreshUnavailableException.class);
    assertThat(
            jdbc.sql("SELECT status_reason FROM integration_account WHERE id = :id")
                .param("id", account.id())
                .query(String.class)
                .single())
        .isEqualTo("PROVIDER_UNAVAILABLE");
  }

  @Test
  void shouldRevokeAtGoogleWhenTheIntegrationIsDeleted() throws Exception {
    String owner = Tokens.user();
    String refreshToken = "1//0g-revoke-me-" + UUID.randomUUID();
    IntegrationAccount account = expiringGmail(owner, "ya29.a0-" + UUID.randomUUID(), refreshToken);
    PROVIDERS.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/revoke"))
            .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok()));

    RestClient.create("http://127.0.0.1:" + port)
        .delete()
        .uri("/api/integrations/{id}", account.id())
        .header("Authorization", "Bearer " + ISSUER.userToken(owner))
        .retrieve()
        .toBodilessEntity();

    PROVIDERS.verify(
        1, postRequestedFor(urlEqualTo("/revoke")).withFormParam("token", equalTo(refreshToken)));
    assertThat(
            jdbc.sql("SELECT refresh_token_ciphertext FROM integration_account WHERE id = :id")
                .param("id", account.id())
                .query(String.class)
                .optional())
        .isEmpty();
  }
}
