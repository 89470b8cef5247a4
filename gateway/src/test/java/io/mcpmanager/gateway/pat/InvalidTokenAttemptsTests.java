package io.mcpmanager.gateway.pat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InvalidTokenAttemptsTests {

  @Test
  void shouldBlockAnAddressAfterTheLimitOnlyAndOnlyThatAddress() {
    InvalidTokenAttempts attempts = new InvalidTokenAttempts(3, Duration.ofMinutes(1));

    attempts.recordInvalid("203.0.113.7");
    attempts.recordInvalid("203.0.113.7");
    assertThat(attempts.isBlocked("203.0.113.7")).isFalse();
    attempts.recordInvalid("203.0.113.7");

    assertThat(attempts.isBlocked("203.0.113.7")).isTrue();
    assertThat(attempts.isBlocked("203.0.113.8")).isFalse();
  }

  @Test
  void shouldForgetAnAddressWhenTheWindowEnds() {
    InvalidTokenAttempts attempts = new InvalidTokenAttempts(1, Duration.ofMillis(300));
    attempts.recordInvalid("198.51.100.1");
    assertThat(attempts.isBlocked("198.51.100.1")).isTrue();

    await().atMost(Duration.ofSeconds(3)).until(() -> !attempts.isBlocked("198.51.100.1"));
  }
}
