package io.mcpmanager.auth.security;

import io.mcpmanager.auth.client.PublicClientRefreshTokenGenerator;
import io.mcpmanager.auth.client.RegisteredClients;
import io.mcpmanager.auth.config.AuthProperties;
import io.mcpmanager.auth.delegation.DelegationClaims;
import io.mcpmanager.auth.key.SigningKeys;
import io.mcpmanager.auth.session.LiveSessions;
import io.mcpmanager.auth.session.SessionRecorder;
import io.mcpmanager.auth.session.SessionRecordingAuthorizationService;
import io.mcpmanager.auth.token.HashedTokenAuthorizationService;
import io.mcpmanager.auth.token.TokenClaims;
import io.mcpmanager.kit.security.ResourceServerConfiguration;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/** Spring Authorization Server's parts: clients, settings, token store, signing and claims. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
@EnableScheduling
class AuthorizationServerConfiguration {

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;

  /**
   * Argon2id at OWASP's minimum (19 MiB, 2 iterations, parallelism 1) for new hashes. bcrypt and
   * Argon2 hashes with weaker parameters still verify and are re-hashed at the next login.
   */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new DelegatingPasswordEncoder(
        "argon2",
        Map.of(
            "argon2", new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, 1, MEMORY_KIB, ITERATIONS),
            "bcrypt", new BCryptPasswordEncoder()));
  }

  @Bean
  RegisteredClientRepository registeredClientRepository(
      AuthProperties properties, Environment environment, PasswordEncoder passwords) {
    return RegisteredClients.repository(properties, environment, passwords);
  }

  /** The audience this server's own API accepts ({@code /api/account}, {@code /internal/pats}). */
  static final String AUDIENCE = "auth-server";

  @Bean
  AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
    return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
  }

  /** Hashed token values; every save also keeps the session list (user agent, address). */
  @Bean
  OAuth2AuthorizationService authorizationService(
      JdbcOperations jdbc, RegisteredClientRepository clients, SessionRecorder sessions) {
    return new SessionRecordingAuthorizationService(
        new HashedTokenAuthorizationService(jdbc, clients), sessions);
  }

  @Bean
  OAuth2AuthorizationConsentService authorizationConsentService(
      JdbcOperations jdbc, RegisteredClientRepository clients) {
    return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
  }

  @Bean
  JwtEncoder jwtEncoder(SigningKeys keys) {
    NimbusJwtEncoder encoder = new NimbusJwtEncoder(keys);
    encoder.setJwkSelector(keys::signingKeyAmong);
    return encoder;
  }

  @Bean
  OAuth2TokenGenerator<?> tokenGenerator(
      JwtEncoder encoder, TokenClaims claims, DelegationClaims delegation) {
    JwtGenerator jwt = new JwtGenerator(encoder);
    // The user's claims first; a delegated token then narrows them.
    jwt.setJwtCustomizer(
        context -> {
          claims.customize(context);
          delegation.customize(context);
        });
    return new DelegatingOAuth2TokenGenerator(jwt, new PublicClientRefreshTokenGenerator());
  }

  /**
   * Validates tokens against this server's own keys, not over HTTP (the kit's default), like every
   * service accepts only tokens naming it (a person's, or the gateway's for this callee), and
   * refuses those of a session that has ended.
   */
  @Bean
  JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties, LiveSessions sessions) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(properties.issuer()),
            ResourceServerConfiguration.audienceValidator(AUDIENCE),
            sessions));
    return decoder;
  }
}
