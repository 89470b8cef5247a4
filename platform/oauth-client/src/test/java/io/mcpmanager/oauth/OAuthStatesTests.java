package io.mcpmanager.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class OAuthStatesTests {

  static JdbcClient jdbc;
  static String key;

  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  OAuthStates states = new OAuthStates(jdbc, clock, Duration.ofMinutes(10), key);

  @BeforeAll
  static void database() {
    jdbc = JdbcClient.create(Databases.dataSource(Databases.freshWithOAuthState()));
    key = randomKey();
  }

  static String randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void shouldReturnTheBoundUserAndAVerifierMatchingTheChallenge() {
    OAuthStates.IssuedState issued =
        states.issue("user-1", "github", "https://app/cb", "https://app/back", List.of("repo"));

    OAuthStates.ConsumedState consumed = states.consume("github", issued.state());

    assertThat(consumed.userId()).isEqualTo("user-1");
    assertThat(consumed.returnUrl()).isEqualTo("https://app/back");
    assertThat(consumed.scopes()).containsExactly("repo");
    assertThat(Pkce.challengeOf(consumed.codeVerifier())).isEqualTo(issued.codeChallenge());
    assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-01-01T10:10:00Z"));
  }

  @Test
  void shouldRejectAReplayedState() {
    String state = states.issue("user-1", "github", "https://app/cb", null, List.of()).state();
    states.consume("github", state);

    assertThatThrownBy(() -> states.consume("github", state))
        .isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("already used");
  }

  @Test
  void shouldRejectAStateForAnotherProvider() {
    String state = states.issue("user-1", "github", "https://app/cb", null, List.of()).state();

    assertThatThrownBy(() -> states.consume("gitlab", state))
        .isInstanceOf(InvalidStateException.class);
  }

  @Test
  void shouldRejectATamperedSignatureOrExpiry() {
    String state = states.issue("user-1", "github", "https://app/cb", null, List.of()).state();
    String[] parts = state.split("\\.");
    String laterExpiry = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];

    assertThatThrownBy(() -> states.consume("github", laterExpiry))
        .isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void shouldRejectAStateSignedWithAnotherKey() {
    OAuthStates other = new OAuthStates(jdbc, clock, Duration.ofMinutes(10), randomKey());
    String state = other.issue("user-1", "github", "https://app/cb", null, List.of()).state();

    assertThatThrownBy(() -> states.consume("github", state))
        .isInstanceOf(InvalidStateException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void shouldRejectAnExpiredStateAndPurgeOldRows() {
    String state = states.issue("user-1", "github", "https://app/cb", null, List.of()).state();
    states.issue("user-2", "github", "https://app/cb", null, List.of());
    clock.advance(Duration.ofMinutes(11));

    assertThatThrownBy(() -> states.consume("github", state)).hasMessageContaining("expired");
    assertThat(states.purgeExpired()).isGreaterThanOrEqualTo(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM oauth_state WHERE expires_at < now()")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void shouldRejectMalformedStates() {
    assertThatThrownBy(() -> states.consume("github", "garbage")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> states.consume("github", null)).hasMessageContaining("malformed");
  }

  @Test
  void shouldRefuseAShortKey() {
    assertThatThrownBy(() -> new OAuthStates(jdbc, clock, Duration.ofMinutes(10), "short"))
        .hasMessageContaining("MCPM_OAUTH_STATE_KEY");
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
