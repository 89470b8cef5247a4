package io.mcpmanager.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PkceTests {

  @Test
  void shouldComputeTheS256ChallengeOfRfc7636AppendixB() {
    assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void shouldGenerateDistinctVerifiersOfValidLength() {
    Pkce one = Pkce.generate();
    Pkce two = Pkce.generate();
    assertThat(one.verifier()).hasSize(43).isNotEqualTo(two.verifier());
    assertThat(one.challenge()).isEqualTo(Pkce.challengeOf(one.verifier()));
    assertThat(one.toString()).doesNotContain(one.verifier());
  }

  @Test
  void shouldRejectATooShortVerifier() {
    assertThatThrownBy(() -> Pkce.of("short")).isInstanceOf(IllegalArgumentException.class);
  }
}
