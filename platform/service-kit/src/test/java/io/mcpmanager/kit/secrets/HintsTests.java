package io.mcpmanager.kit.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HintsTests {

  @Test
  void shouldShowTheLastFourCharactersOfALongTokenOnly() {
    String token = "gho_" + "x".repeat(32) + "a1b2";
    assertThat(Hints.mask(token)).isEqualTo("…a1b2");
  }

  @Test
  void shouldRevealNothingOfAShortToken() {
    assertThat(Hints.mask("abcdefghijklmno")).isEqualTo("…");
    assertThat(Hints.mask(null)).isEqualTo("…");
  }
}
