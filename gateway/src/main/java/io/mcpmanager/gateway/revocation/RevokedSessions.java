package io.mcpmanager.gateway.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The sessions (the {@code sid} of access tokens) their users ended, as learnt from {@code
 * session.revoked}, each kept until the last token issued for it has expired (plus the clock skew
 * token validation allows); a token validator that refuses their tokens as {@code invalid_token}.
 */
public final class RevokedSessions implements OAuth2TokenValidator<Jwt> {

  static final String SID = "sid";

  /** Spring Security's default leeway on {@code exp}: a token lives that much longer here. */
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private static final OAuth2Error REVOKED =
      new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The session was signed out.", null);

  private final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();
  private final Clock clock;

  public RevokedSessions(Clock clock) {
    this.clock = clock;
  }

  /** Refuses the session's tokens until {@code tokensValidUntil}; forgets those past theirs. */
  void revoked(String sessionId, Instant tokensValidUntil) {
    Instant now = clock.instant();
    refusedUntil.values().removeIf(until -> !until.isAfter(now));
    Instant until = tokensValidUntil.plus(CLOCK_SKEW);
    if (until.isAfter(now)) {
      refusedUntil.merge(sessionId, until, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  public boolean isRevoked(@Nullable String sessionId) {
    if (sessionId == null) {
      return false;
    }
    Instant until = refusedUntil.get(sessionId);
    return until != null && until.isAfter(clock.instant());
  }

  int size() {
    return refusedUntil.size();
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    return isRevoked(token.getClaimAsString(SID))
        ? OAuth2TokenValidatorResult.failure(REVOKED)
        : OAuth2TokenValidatorResult.success();
  }
}
