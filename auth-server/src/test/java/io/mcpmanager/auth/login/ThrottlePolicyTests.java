package io.mcpmanager.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The delay after repeated failures: none at first, then doubling up to the cap. */
class ThrottlePolicyTests {

  private final LoginThrottle.Policy policy =
      new LoginThrottle.Policy(
          5, Duration.ofSeconds(1), Duration.ofSeconds(60), 10, Duration.ofMinutes(15), 100);

  @Test
  void shouldNotDelayTheFirstFourFailures() {
    assertThat(policy.delayAfter(1)).isZero();
    assertThat(policy.delayAfter(4)).isZero();
  }

  @Test
  void shouldDoubleTheDelayFromTheFifthFailure() {
    assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayAfter(9)).isEqualTo(Duration.ofSeconds(16));
  }

  @Test
  void shouldCapTheDelayEvenAfterVeryManyFailures() {
    assertThat(policy.delayAfter(11)).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(60));
  }
}
