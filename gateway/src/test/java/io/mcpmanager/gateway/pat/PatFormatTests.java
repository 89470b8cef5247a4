package io.mcpmanager.gateway.pat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatFormatTests {

  /** The same example as auth-server's PatSecretTests: both sides agree on the format. */
  static final String EXAMPLE = "mcpm_pat_e4EqrfLRLHVbUQY3XhqEZGKJdrJo3maWHmJe3DAWKg";

  @Test
  void shouldAcceptATokenAsAuthServerIssuesIt() {
    assertThat(PatFormat.isWellFormed(EXAMPLE)).isTrue();
    assertThat(PatFormat.isWellFormed(TestPats.newToken())).isTrue();
  }

  @Test
  void shouldRejectATypoInTheRandomPartOrTheChecksum() {
    assertThat(PatFormat.isWellFormed(TestPats.withTypo(EXAMPLE, 12))).isFalse();
    assertThat(PatFormat.isWellFormed(TestPats.withTypo(EXAMPLE, EXAMPLE.length() - 1))).isFalse();
    assertThat(PatFormat.isWellFormed(EXAMPLE.substring(0, EXAMPLE.length() - 1))).isFalse();
    assertThat(PatFormat.isWellFormed("mcpm_pat_" + "!".repeat(42))).isFalse();
  }
}
