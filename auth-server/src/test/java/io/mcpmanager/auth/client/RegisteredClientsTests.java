package io.mcpmanager.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.auth.config.AuthProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Which clients exist depends on the secrets the environment provides. */
class RegisteredClientsTests {

  /** Salted like real hashes: the repository refuses two clients with the same stored secret. */
  private static final PasswordEncoder PLAIN =
      new PasswordEncoder() {
        private final java.util.concurrent.atomic.AtomicInteger salt =
            new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
          return "hashed:" + raw + ":" + salt.incrementAndGet();
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
          return encoded.startsWith("hashed:" + raw + ":");
        }
      };

  private final AuthProperties properties =
      new AuthProperties(
          "http://issuer",
          Duration.ofMinutes(10),
          Duration.ofHours(8),
          List.of("http://127.0.0.1:8080/callback"),
          List.of("127.0.0.0/8"),
          new AuthProperties.Throttle(
              5,
              Duration.ofSeconds(1),
              Duration.ofSeconds(60),
              10,
              Duration.ofMinutes(15),
              30,
              500),
          new AuthProperties.RateLimit(
              new AuthProperties.Limit(10, Duration.ofMinutes(1)),
              new AuthProperties.Limit(120, Duration.ofMinutes(1)),
              new AuthProperties.Limit(10, Duration.ofMinutes(1))),
          new AuthProperties.Authorizations(Duration.ofHours(1)),
          new AuthProperties.Keys(
              Duration.ofSeconds(30), Duration.ofMinutes(35), Duration.ofDays(30)),
          new AuthProperties.Mfa(
              AuthProperties.MfaPolicy.NONE, 5, Duration.ofMinutes(15), "MCP Manager"));

  @Test
  void shouldRegisterNoServiceClientWithoutSecretsOutsideTheLocalProfile() {
    InMemoryRegisteredClientRepository clients =
        RegisteredClients.repository(
            properties,
            new MockEnvironment().withProperty("MCPM_SERVICE_CLIENT_SECRET", "shared"),
            PLAIN);

    assertThat(clients.findByClientId("mcp-server-service")).isNull();
    assertThat(clients.findByClientId("web-frontend")).isNotNull();
    assertThat(clients.findByClientId("mcpm-cli")).isNotNull();
  }

  @Test
  void shouldUseThePerClientSecretBeforeTheSharedOneInTheLocalProfile() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("MCPM_SERVICE_CLIENT_SECRET", "shared")
            .withProperty("MCPM_CLIENTS_MCP_SERVER_SERVICE_SECRET", "own");
    environment.setActiveProfiles("local");

    InMemoryRegisteredClientRepository clients =
        RegisteredClients.repository(properties, environment, PLAIN);

    assertThat(clients.findByClientId("mcp-server-service").getClientSecret())
        .startsWith("hashed:own:");
    assertThat(clients.findByClientId("integration-service").getClientSecret())
        .startsWith("hashed:shared:");
  }

  @Test
  void shouldFailFastInTheLocalProfileWithoutAnySecret() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("local");

    assertThatThrownBy(() -> RegisteredClients.repository(properties, environment, PLAIN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MCPM_SERVICE_CLIENT_SECRET");
  }

  @Test
  void shouldGiveTheBrowserClientPkceAndSingleUseRefreshTokensOnly() {
    RegisteredClient web =
        RegisteredClients.repository(properties, new MockEnvironment(), PLAIN)
            .findByClientId("web-frontend");

    assertThat(web.getAuthorizationGrantTypes())
        .containsExactlyInAnyOrder(
            AuthorizationGrantType.AUTHORIZATION_CODE,
            AuthorizationGrantType.REFRESH_TOKEN,
            // for delegated tokens, within the rules of the delegation package
            AuthorizationGrantType.TOKEN_EXCHANGE);
    assertThat(web.getClientSettings().isRequireProofKey()).isTrue();
    assertThat(web.getTokenSettings().isReuseRefreshTokens()).isFalse();
    assertThat(web.getRedirectUris()).containsExactly("http://127.0.0.1:8080/callback");
  }
}
