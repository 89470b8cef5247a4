package io.mcpmanager.auth.pat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token text: prefix, base62 and a checksum that catches a typo. */
class PatSecretTests {

  /**
   * A token of the documented shape, made outside this code (36 random base62 characters and their
   * CRC32 in 6 base62 characters). The gateway's tests check the same text, so both sides agree.
   */
  static final String EXAMPLE = "mcpm_pat_e4EqrfLRLHVbUQY3XhqEZGKJdrJo3maWHmJe3DAWKg";

  @Test
  void shouldGenerateDistinctWellFormedTokens() {
    String one = PatSecret.generate();
    String two = PatSecret.generate();

    assertThat(one).matches("mcpm_pat_[0-9A-Za-z]{42}").isNotEqualTo(two);
    assertThat(PatSecret.isWellFormed(one)).isTrue();
    assertThat(PatSecret.isWellFormed(two)).isTrue();
  }

  @Test
  void shouldAcceptATokenOfTheDocumentedShape() {
    assertThat(PatSecret.isWellFormed(EXAMPLE)).isTrue();
  }

  @Test
  void shouldRejectATypoAWrongPrefixAndAWrongLength() {
    String typo =
        EXAMPLE.substring(0, 20) + (EXAMPLE.charAt(20) == 'x' ? 'y' : 'x') + EXAMPLE.substring(21);

    assertThat(PatSecret.isWellFormed(typo)).isFalse();
    assertThat(PatSecret.isWellFormed("ghp_" + EXAMPLE.substring(9))).isFalse();
    assertThat(PatSecret.isWellFormed(EXAMPLE + "0")).isFalse();
    assertThat(PatSecret.isWellFormed(EXAMPLE.replace('e', '-'))).isFalse();
    assertThat(PatSecret.isWellFormed(null)).isFalse();
  }
}
