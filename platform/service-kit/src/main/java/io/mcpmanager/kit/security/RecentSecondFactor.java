package io.mcpmanager.kit.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The step-up rule (RFC 9470) read from auth-server's claims: {@code mfa_enrolled} (the user has a
 * second factor), {@code amr} (RFC 8176 methods; {@code mfa} when two factors were used) and {@code
 * auth_time} (when the user last authenticated). A token without a user (client credentials) is not
 * subject to it; a user without a second factor passes.
 */
public final class RecentSecondFactor {

  public static final String MFA_ENROLLED = "mfa_enrolled";
  public static final String AMR = "amr";
  public static final String AUTH_TIME = "auth_time";
  public static final String PAT_ID = "pat_id";
  public static final String ACT = "act";
  public static final String MFA = "mfa";

  private final Duration maxAge;
  private final Clock clock;
  private final SecondFactorEnrolments enrolments;

  public RecentSecondFactor(Duration maxAge, Clock clock, SecondFactorEnrolments enrolments) {
    this.maxAge = maxAge;
    this.clock = clock;
    this.enrolments = enrolments;
  }

  public Duration maxAge() {
    return maxAge;
  }

  /** Why the token cannot perform a sensitive operation, or empty when it can. */
  public Optional<String> refusal(Jwt jwt) {
    if (jwt.hasClaim(PAT_ID)) {
      return Optional.of("A personal access token cannot perform this operation; sign in again");
    }
    if (jwt.hasClaim(ACT)) {
      return Optional.of("A delegated token cannot perform this operation; sign in again");
    }
    if (CurrentUser.from(jwt).isService() || !enrolled(jwt)) {
      return Optional.empty();
    }
    List<String> methods = jwt.getClaimAsStringList(AMR);
    if (methods == null || !methods.contains(MFA)) {
      return Optional.of("This operation needs a second factor; sign in again with it");
    }
    Instant authenticated = authTime(jwt);
    if (authenticated == null || authenticated.plus(maxAge).isBefore(clock.instant())) {
      return Optional.of(
          "This operation needs a second factor used within the last "
              + maxAge.toMinutes()
              + " minutes; sign in again");
    }
    return Optional.empty();
  }

  private boolean enrolled(Jwt jwt) {
    return Boolean.TRUE.equals(jwt.getClaim(MFA_ENROLLED))
        || enrolments.isEnrolled(jwt.getSubject());
  }

  private static @Nullable Instant authTime(Jwt jwt) {
    Object value = jwt.getClaim(AUTH_TIME);
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof Number seconds) {
      return Instant.ofEpochSecond(seconds.longValue());
    }
    return null;
  }
}
