package io.mcpmanager.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in OAuth issuer for service tests: serves a real JWKS over HTTP and signs RS256 access
 * tokens shaped like auth-server's ({@code sub}, {@code aud}, {@code roles}, {@code scope}); an
 * {@code aud} among the extra claims replaces the default {@link #USER_AUDIENCES}. One per test
 * JVM.
 */
public final class TestJwtIssuer {

  private static @Nullable TestJwtIssuer shared;

  private final RSAKey key;
  private final String issuer;

  private TestJwtIssuer(RSAKey key, String issuer) {
    this.key = key;
    this.issuer = issuer;
  }

  public static synchronized TestJwtIssuer shared() {
    if (shared == null) {
      try {
        RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
            "/oauth2/jwks",
            exchange -> {
              exchange.getResponseHeaders().add("Content-Type", "application/json");
              exchange.sendResponseHeaders(200, jwks.length);
              exchange.getResponseBody().write(jwks);
              exchange.close();
            });
        server.start();
        shared = new TestJwtIssuer(key, "http://127.0.0.1:" + server.getAddress().getPort());
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  public String issuer() {
    return issuer;
  }

  public String jwkSetUri() {
    return issuer + "/oauth2/jwks";
  }

  /**
   * The API scopes every user holds; auth-server puts them all into sign-in tokens, and services
   * require {@code <family>:read|write} on their {@code /api/**} routes.
   */
  public static final List<String> API_SCOPES =
      List.of(
          "integrations:read",
          "integrations:write",
          "git:read",
          "git:write",
          "mcp:read",
          "mcp:write",
          "audit:read");

  /**
   * {@code aud} of a person's tokens, as auth-server issues them: the user-facing API the gateway
   * requires and every service the gateway relays them to.
   */
  public static final List<String> USER_AUDIENCES =
      List.of(
          "mcpm-api",
          "auth-server",
          "integration-service",
          "git-connection-service",
          "mcp-server-service",
          "audit-service");

  /** An access token for a user with the USER role and every API scope, like a sign-in's. */
  public String userToken(String userId) {
    return token(userId, List.of("USER"), API_SCOPES, Duration.ofMinutes(10));
  }

  /** A user's token with only these scopes, like one a personal access token was exchanged for. */
  public String userTokenWithScopes(String userId, String... scopes) {
    return token(userId, List.of("USER"), List.of(scopes), Duration.ofMinutes(10));
  }

  public String adminToken(String userId) {
    return token(userId, List.of("USER", "ADMIN"), API_SCOPES, Duration.ofMinutes(10));
  }

  /**
   * A client-credentials token of a service client: {@code sub} = client id, with scopes, naming
   * every service (the one under test among them). {@link #serviceTokenFor} names one callee, as
   * auth-server does.
   */
  public String serviceToken(String clientId, String... scopes) {
    return token(clientId, List.of(), List.of(scopes), Duration.ofMinutes(10));
  }

  /** A client-credentials token whose {@code aud} names only {@code callee}. */
  public String serviceTokenFor(String callee, String clientId, String... scopes) {
    return token(
        clientId,
        List.of(),
        List.of(scopes),
        Duration.ofMinutes(10),
        Map.of("aud", List.of(callee)));
  }

  public String token(String subject, List<String> roles, List<String> scopes, Duration lifetime) {
    return token(subject, roles, scopes, lifetime, Map.of());
  }

  /**
   * A user token (role USER) with further claims, e.g. auth-server's {@code auth_time}, {@code
   * amr}, {@code acr}, {@code mfa_enrolled}, or a personal access token's {@code pat_id}.
   */
  public String userToken(String userId, Map<String, Object> claims) {
    return token(userId, List.of("USER"), API_SCOPES, Duration.ofMinutes(10), claims);
  }

  public String token(
      String subject,
      List<String> roles,
      List<String> scopes,
      Duration lifetime,
      Map<String, Object> extraClaims) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(subject)
            .issueTime(Date.from(now.minusSeconds(1)))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .audience(USER_AUDIENCES)
            .claim("roles", roles);
    if (!scopes.isEmpty()) {
      claims.claim("scope", String.join(" ", scopes));
    }
    if (roles.isEmpty()) {
      claims.claim("client_id", subject);
    }
    extraClaims.forEach(claims::claim);
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
