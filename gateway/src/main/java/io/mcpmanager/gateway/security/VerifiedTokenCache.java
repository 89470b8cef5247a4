package io.mcpmanager.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Checks each access token's signature once. The RS256 check is the largest single cost of a routed
 * request, and a client sends the same token until it expires, so a token whose signature was
 * verified is remembered, keyed by its SHA-256 digest, until it expires and at most {@code maxAge}
 * (a key removed from the issuer's JWKS stops being trusted within that time). Every use still runs
 * the validators (expiry, not-before, issuer, audience) against the current time. Only the decoded
 * claims and headers are kept, never the token itself; failures are never remembered.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

  private final ReactiveJwtDecoder signatureVerifier;

  private final OAuth2TokenValidator<Jwt> validator;

  private final Cache<String, VerifiedToken> verified;

  /**
   * @param signatureVerifier parses the token and checks its signature, and validates nothing else
   * @param validator the checks every use of a token must pass
   */
  VerifiedTokenCache(
      ReactiveJwtDecoder signatureVerifier,
      OAuth2TokenValidator<Jwt> validator,
      long maxEntries,
      Duration maxAge,
      Clock clock) {
    this.signatureVerifier = signatureVerifier;
    this.validator = validator;
    this.verified =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfter(
                Expiry.<String, VerifiedToken>creating(
                    (digest, token) -> token.lifetime(clock, maxAge)))
            .build();
  }

  @Override
  public Mono<Jwt> decode(String token) {
    String digest = digest(token);
    VerifiedToken known = verified.getIfPresent(digest);
    if (known != null) {
      return validated(known.toJwt(token));
    }
    return signatureVerifier
        .decode(token)
        .flatMap(this::validated)
        .doOnNext(jwt -> verified.put(digest, VerifiedToken.of(jwt)));
  }

  private Mono<Jwt> validated(Jwt jwt) {
    OAuth2TokenValidatorResult result = validator.validate(jwt);
    if (result.hasErrors()) {
      String description = result.getErrors().iterator().next().getDescription();
      return Mono.error(
          new JwtValidationException(
              "An error occurred while attempting to decode the Jwt: " + description,
              result.getErrors()));
    }
    return Mono.just(jwt);
  }

  private static String digest(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a verified token said, without the token. */
  private record VerifiedToken(
      @Nullable Instant issuedAt,
      @Nullable Instant expiresAt,
      Map<String, Object> headers,
      Map<String, Object> claims) {

    static VerifiedToken of(Jwt jwt) {
      return new VerifiedToken(
          jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getHeaders(), jwt.getClaims());
    }

    Jwt toJwt(String token) {
      return new Jwt(token, issuedAt, expiresAt, headers, claims);
    }

    Duration lifetime(Clock clock, Duration maxAge) {
      if (expiresAt == null) {
        return maxAge;
      }
      Duration left = Duration.between(clock.instant(), expiresAt);
      return left.isNegative() ? Duration.ZERO : left.compareTo(maxAge) < 0 ? left : maxAge;
    }
  }
}
