package io.mcpmanager.gateway.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The list keeps a session until its tokens have expired (plus skew), and no longer. */
class RevokedSessionsTests {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
  private final RevokedSessions sessions = new RevokedSessions(clock);

  @Test
  void shouldRefuseTheSessionsTokensUntilTheyExpiredPlusTheClockSkew() {
    sessions.revoked("s1", clock.instant().plus(Duration.ofMinutes(10)));

    assertThat(sessions.validate(token("s1")).hasErrors()).isTrue();
    assertThat(sessions.validate(token("s2")).hasErrors()).isFalse();
    assertThat(sessions.validate(token(null)).hasErrors()).isFalse();

    clock.advance(Duration.ofMinutes(10).plusSeconds(59));
    assertThat(sessions.isRevoked("s1")).isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(sessions.isRevoked("s1")).isFalse();
  }

  @Test
  void shouldForgetExpiredEntriesAndIgnoreARevocationWhoseTokensAreLongGone() {
    sessions.revoked("old", clock.instant().plus(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(5));

    sessions.revoked("replayed", clock.instant().minus(Duration.ofMinutes(3)));

    assertThat(sessions.size()).isZero();
  }

  @Test
  void shouldKeepTheLaterExpiryWhenASessionIsRevokedTwice() {
    sessions.revoked("s1", clock.instant().plus(Duration.ofMinutes(10)));
    sessions.revoked("s1", clock.instant().plus(Duration.ofMinutes(1)));

    clock.advance(Duration.ofMinutes(5));

    assertThat(sessions.isRevoked("s1")).isTrue();
  }

  private static Jwt token(String sid) {
    Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("user");
    if (sid != null) {
      jwt.claim("sid", sid);
    }
    return jwt.build();
  }

  private static final class MutableClock extends Clock {

    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
