package io.mcpmanager.discovery.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DiscoveryCredentialsTests {

  @Test
  void shouldRefuseToStartWithoutAPassword() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DiscoveryCredentials("discovery", ""))
        .withMessageContaining("MCPM_DISCOVERY_PASSWORD");
  }

  @Test
  void shouldRefuseAShortPassword() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DiscoveryCredentials("discovery", "short"))
        .withMessageContaining("at least 16");
  }

  @Test
  void shouldRefuseABlankUsername() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DiscoveryCredentials(" ", "a-long-enough-password"))
        .withMessageContaining("MCPM_DISCOVERY_USERNAME");
  }

  @Test
  void shouldNeverPrintThePassword() {
    assertThat(new DiscoveryCredentials("discovery", "a-long-enough-password").toString())
        .doesNotContain("a-long-enough-password")
        .contains("discovery");
  }
}
