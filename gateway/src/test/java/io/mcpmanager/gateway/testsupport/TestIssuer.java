package io.mcpmanager.gateway.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Stands in for auth-server: a WireMock that answers OpenID discovery and the JWKS with a key
 * generated for this JVM, plus the means to mint tokens (good ones and bad ones) with it.
 */
public final class TestIssuer {

  public static final String AUDIENCE = "mcpm-api";

  /** The gateway's client secret towards the token endpoint (made up per run, not a real one). */
  public static final String GATEWAY_CLIENT_SECRET = "gateway-" + UUID.randomUUID();

  private static final String KEY_ID = "gateway-test-key";

  private static TestIssuer instance;

  private final WireMockServer server;

  private final RSAKey signingKey;

  /** Same key id, different key: what a forger without the issuer's private key could do. */
  private final RSAKey forgerKey;

  private TestIssuer() {
    this.signingKey = generateKey();
    this.forgerKey = generateKey();
    this.server =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    String issuer = issuerUri();
    server.stubFor(
        get("/.well-known/openid-configuration")
            .willReturn(
                okJson(
                    """
				{"issuer": "%s", "jwks_uri": "%s/oauth2/jwks", "id_token_signing_alg_values_supported": ["RS256"]}
				"""
                        .formatted(issuer, issuer))));
    server.stubFor(
        get("/oauth2/jwks").willReturn(okJson(new JWKSet(signingKey.toPublicJWK()).toString())));
    // The gateway's own client-credentials token (for auth-server's internal PAT endpoints).
    server.stubFor(
        post("/oauth2/token")
            .withBasicAuth("gateway", GATEWAY_CLIENT_SECRET)
            .withRequestBody(containing("grant_type=client_credentials"))
            .willReturn(
                okJson(
                    """
                    {"access_token": "%s", "token_type": "Bearer", "expires_in": 300, "scope": "pats.resolve"}"""
                        .formatted(tokenFor("gateway")))));
  }

  /**
   * The JWT auth-server mints for a personal access token: the owner as {@code sub}, only the
   * token's scopes, and {@code pat_id}.
   */
  public String patAccessToken(String ownerId, String patId, String... scopes) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder(
                claims(ownerId, issuerUri(), AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))))
            .claim("scope", String.join(" ", scopes))
            .claim("roles", List.of("USER"))
            .claim("pat_id", patId)
            .build();
    return sign(signingKey, claims);
  }

  public static synchronized TestIssuer shared() {
    if (instance == null) {
      instance = new TestIssuer();
      Runtime.getRuntime().addShutdownHook(new Thread(instance.server::stop));
    }
    return instance;
  }

  public String issuerUri() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A valid access token for a new, unique user. */
  public String tokenForNewUser() {
    return tokenFor("user-" + UUID.randomUUID());
  }

  public String tokenFor(String subject) {
    return sign(
        signingKey,
        claims(subject, issuerUri(), AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))));
  }

  /** A user's access token of one session: {@code sid} as auth-server writes it. */
  public String tokenForSession(String subject, String sessionId) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder(
                claims(subject, issuerUri(), AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))))
            .claim("sid", sessionId)
            .build();
    return sign(signingKey, claims);
  }

  public String expiredToken() {
    return sign(
        signingKey,
        claims("expired-user", issuerUri(), AUDIENCE, Instant.now().minus(Duration.ofMinutes(10))));
  }

  public String forgedToken() {
    return sign(
        forgerKey,
        claims("forged-user", issuerUri(), AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))));
  }

  public String tokenFromAnotherIssuer() {
    return sign(
        signingKey,
        claims(
            "foreign-user",
            "http://127.0.0.1:1/not-our-issuer",
            AUDIENCE,
            Instant.now().plus(Duration.ofMinutes(5))));
  }

  /** A token naming only {@code audience}, e.g. a service's client-credentials token. */
  public String tokenNamingOnly(String audience) {
    return sign(
        signingKey,
        claims("service-client", issuerUri(), audience, Instant.now().plus(Duration.ofMinutes(5))));
  }

  public String tokenForAnotherAudience() {
    return sign(
        signingKey,
        claims(
            "other-audience-user",
            issuerUri(),
            "some-other-api",
            Instant.now().plus(Duration.ofMinutes(5))));
  }

  private static JWTClaimsSet claims(
      String subject, String issuer, String audience, Instant expiresAt) {
    Instant issuedAt = expiresAt.minus(Duration.ofMinutes(10));
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(issuer)
        .audience(List.of(audience))
        .issueTime(Date.from(issuedAt))
        .notBeforeTime(Date.from(issuedAt))
        .expirationTime(Date.from(expiresAt))
        .jwtID(UUID.randomUUID().toString())
        .claim("scope", "openid")
        .build();
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).type(JOSEObjectType.JWT).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException ex) {
      throw new IllegalStateException(ex);
    }
    return jwt.serialize();
  }

  private static RSAKey generateKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
    } catch (JOSEException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
