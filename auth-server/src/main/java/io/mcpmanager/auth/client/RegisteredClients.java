package io.mcpmanager.auth.client;

import io.mcpmanager.auth.config.AuthProperties;
import io.mcpmanager.auth.user.ApiScopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.StringUtils;

/**
 * The OAuth clients of the platform, built from configuration at start-up and kept in memory.
 * Clients are deployment configuration (redirect URIs, secrets from the environment), identical on
 * every replica, so a database table would add a place where client secrets rest and a migration
 * for every redirect URI change, and buy nothing. Service client secrets come from {@code
 * MCPM_CLIENTS_<ID>_SECRET} or, in the local stack, {@code MCPM_SERVICE_CLIENT_SECRET}; they are
 * held only as password hashes.
 */
public final class RegisteredClients {

  public static final String WEB_FRONTEND = "web-frontend";
  public static final String CLI = "mcpm-cli";

  /** Service clients and the scopes each may ask for. */
  public static final Map<String, List<String>> SERVICE_CLIENTS =
      Map.of(
          "mcp-server-service", List.of("integrations.broker", "git.broker"),
          "integration-service", List.of("audit.write"),
          "git-connection-service", List.of("audit.write"),
          // Resolves personal access tokens presented at the edge and reports their use.
          "gateway", List.of("pats.resolve"));

  private static final Logger log = LoggerFactory.getLogger(RegisteredClients.class);

  private RegisteredClients() {}

  public static InMemoryRegisteredClientRepository repository(
      AuthProperties properties, Environment environment, PasswordEncoder passwords) {
    List<RegisteredClient> clients = new ArrayList<>();
    clients.add(webFrontend(properties));
    clients.add(cli(properties));
    boolean local = Arrays.asList(environment.getActiveProfiles()).contains("local");
    String shared = environment.getProperty("MCPM_SERVICE_CLIENT_SECRET");
    SERVICE_CLIENTS.forEach(
        (clientId, scopes) -> {
          String secret = environment.getProperty(secretVariable(clientId));
          if (!StringUtils.hasText(secret) && local) {
            secret = shared;
          }
          if (!StringUtils.hasText(secret)) {
            if (local) {
              throw new IllegalStateException("Set MCPM_SERVICE_CLIENT_SECRET for the local stack");
            }
            log.warn(
                "no secret for service client {} (set {}): it is not registered",
                clientId,
                secretVariable(clientId));
            return;
          }
          clients.add(
              service(
                  clientId, Objects.requireNonNull(passwords.encode(secret)), scopes, properties));
        });
    return new InMemoryRegisteredClientRepository(clients);
  }

  /** {@code mcp-server-service} → {@code MCPM_CLIENTS_MCP_SERVER_SERVICE_SECRET}. */
  public static String secretVariable(String clientId) {
    return "MCPM_CLIENTS_" + clientId.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET";
  }

  private static RegisteredClient webFrontend(AuthProperties properties) {
    return RegisteredClient.withId(WEB_FRONTEND)
        .clientId(WEB_FRONTEND)
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
        .redirectUris(uris -> uris.addAll(properties.webRedirectUris()))
        .scope(OidcScopes.OPENID)
        .scope(OidcScopes.PROFILE)
        .scopes(delegable())
        .clientSettings(
            ClientSettings.builder()
                .requireProofKey(true)
                .requireAuthorizationConsent(false)
                .build())
        .tokenSettings(userTokens(properties).build())
        .build();
  }

  private static RegisteredClient cli(AuthProperties properties) {
    return RegisteredClient.withId(CLI)
        .clientId(CLI)
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
        .scope(OidcScopes.PROFILE)
        .scopes(delegable())
        .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
        .tokenSettings(userTokens(properties).deviceCodeTimeToLive(Duration.ofMinutes(10)).build())
        .build();
  }

  private static RegisteredClient service(
      String clientId, String secretHash, List<String> scopes, AuthProperties properties) {
    return RegisteredClient.withId(clientId)
        .clientId(clientId)
        .clientSecret(secretHash)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .scopes(s -> s.addAll(scopes))
        .tokenSettings(
            TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.accessTokenTtl())
                .build())
        .build();
  }

  /**
   * A user client may exchange its user's token for a delegated one (RFC 8693) with API scopes;
   * which clients actually may is {@code mcpm.auth.delegation.clients}, and the scopes never exceed
   * the subject token's (the delegation package).
   */
  private static Consumer<Set<String>> delegable() {
    return scopes -> scopes.addAll(ApiScopes.ALL);
  }

  /** Short access tokens; refresh tokens are single-use (rotated on every refresh). */
  private static TokenSettings.Builder userTokens(AuthProperties properties) {
    return TokenSettings.builder()
        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
        .accessTokenTimeToLive(properties.accessTokenTtl())
        .refreshTokenTimeToLive(properties.refreshTokenTtl())
        .reuseRefreshTokens(false);
  }
}
