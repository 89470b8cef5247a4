package io.mcpmanager.integration;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of this module's tests: the whole service on real PostgreSQL, Kafka and
 * OpenBao; every provider (and Google's token endpoint) is one WireMock server. Background jobs and
 * the outbox relay are off so tests drive them and can read the outbox.
 */
@ServiceTest
public abstract class IntegrationServiceTestBase {

  protected static final WireMockServer PROVIDERS = startProviders();
  protected static final TestJwtIssuer ISSUER = TestJwtIssuer.shared();

  @Autowired protected JdbcClient jdbc;

  private static WireMockServer startProviders() {
    WireMockServer server =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(40)
                .jettyAcceptors(2));
    server.start();
    return server;
  }

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) {
    for (IntegrationType type : IntegrationType.values()) {
      registry.add("integration.providers." + type.value() + ".base-url", PROVIDERS::baseUrl);
    }
    registry.add(
        "integration.google.authorization-uri", () -> PROVIDERS.baseUrl() + "/o/oauth2/v2/auth");
    registry.add("integration.google.token-uri", () -> PROVIDERS.baseUrl() + "/token");
    registry.add("integration.google.revoke-uri", () -> PROVIDERS.baseUrl() + "/revoke");
    registry.add(
        "integration.google.client-id", () -> "mcp-manager-test.apps.googleusercontent.com");
    registry.add("integration.google.client-secret", () -> "test-client-secret");
    registry.add("integration.revalidation.enabled", () -> "false");
    registry.add("integration.refresh.enabled", () -> "false");
    registry.add("mcpm.vault.rotation.enabled", () -> "false");
    registry.add("integration.policy.enabled", () -> "false");
    registry.add("integration.validation.timeout", () -> "2s");
    registry.add("mcpm.outbox.relay-enabled", () -> "false");
    registry.add("mcpm.oauth.state-key", IntegrationServiceTestBase::stateKey);
  }

  /** A fresh state signing key per test JVM, as the launcher would take from the environment. */
  private static String stateKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  @BeforeEach
  void resetProviders() {
    PROVIDERS.resetAll();
  }

  protected List<String> outboxPayloads() {
    return jdbc.sql("SELECT payload::text FROM outbox_event ORDER BY created_at")
        .query(String.class)
        .list();
  }

  protected List<String> outboxTypesFor(Object entityId) {
    return jdbc.sql(
            """
            SELECT payload->>'type' FROM outbox_event WHERE payload->>'subject' = :id ORDER BY created_at""")
        .param("id", entityId.toString())
        .query(String.class)
        .list();
  }
}
