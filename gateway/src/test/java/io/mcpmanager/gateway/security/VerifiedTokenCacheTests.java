package io.mcpmanager.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The signature check stands in for Nimbus here (it counts its calls and fails for tokens starting
 * with "forged"); the timestamp validator is the real one, on a clock the test moves.
 */
class VerifiedTokenCacheTests {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  private static final Duration LIFETIME = Duration.ofMinutes(5);

  /** Spring Security's default allowance for clock skew between issuer and gateway. */
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private final AtomicInteger signatureChecks = new AtomicInteger();

  private final MovableClock clock = new MovableClock(NOW);

  private final ReactiveJwtDecoder signatureVerifier =
      token -> {
        signatureChecks.incrementAndGet();
        if (token.startsWith("forged")) {
          return Mono.error(new BadJwtException("bad signature"));
        }
        return Mono.just(
            Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("alice")
                .issuedAt(NOW)
                .expiresAt(NOW.plus(LIFETIME))
                .build());
      };

  private final VerifiedTokenCache decoder =
      new VerifiedTokenCache(signatureVerifier, timestamps(), 100, Duration.ofMinutes(10), clock);

  @Test
  void shouldCheckTheSignatureOfATokenOnlyOnce() {
    Jwt first = decoder.decode("token-a").block();
    Jwt second = decoder.decode("token-a").block();

    assertThat(signatureChecks).hasValue(1);
    assertThat(second.getTokenValue()).isEqualTo("token-a");
    assertThat(second.getSubject()).isEqualTo(first.getSubject()).isEqualTo("alice");
    assertThat(second.getExpiresAt()).isEqualTo(NOW.plus(LIFETIME));
  }

  @Test
  void shouldCheckEveryOtherTokenItself() {
    decoder.decode("token-a").block();
    Jwt other = decoder.decode("token-b").block();

    assertThat(signatureChecks).hasValue(2);
    assertThat(other.getTokenValue()).isEqualTo("token-b");
  }

  @Test
  void shouldRejectARememberedTokenOnceItHasExpired() {
    decoder.decode("token-a").block();
    clock.advance(LIFETIME.plus(CLOCK_SKEW).plusSeconds(1));

    assertThatThrownBy(() -> decoder.decode("token-a").block())
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("expired");
    assertThat(signatureChecks).hasValue(1);
  }

  @Test
  void shouldNeverRememberATokenThatFailedItsSignatureCheck() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> decoder.decode("forged-token").block())
          .isInstanceOf(BadJwtException.class);
    }

    assertThat(signatureChecks).hasValue(2);
  }

  @Test
  void shouldNeverRememberATokenThatFailedValidation() {
    clock.advance(LIFETIME.plus(Duration.ofHours(1)));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> decoder.decode("token-a").block())
          .isInstanceOf(JwtValidationException.class);
    }

    assertThat(signatureChecks).hasValue(2);
  }

  private JwtTimestampValidator timestamps() {
    JwtTimestampValidator validator = new JwtTimestampValidator();
    validator.setClock(clock);
    return validator;
  }

  private static final class MovableClock extends Clock {

    private Instant now;

    MovableClock(Instant now) {
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
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
