package io.mcpmanager.auth.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelegationPropertiesTests {

  private final DelegationProperties properties =
      new DelegationProperties(
          List.of("mcpm-cli"),
          List.of("mcpm-api", "https://gateway.example/mcp/"),
          Duration.ofMinutes(15));

  @Test
  void shouldAllowExactAudiencesAndUrlsBelowAPrefix() {
    assertThat(properties.allowsAudience("mcpm-api")).isTrue();
    assertThat(properties.allowsAudience("https://gateway.example/mcp/github")).isTrue();
  }

  @Test
  void shouldRefuseLookalikesThePrefixItselfAndEscapes() {
    assertThat(properties.allowsAudience("mcpm-api-admin")).isFalse();
    assertThat(properties.allowsAudience("https://gateway.example/mcp/")).isFalse();
    assertThat(properties.allowsAudience("https://gateway.example/mcpx")).isFalse();
    assertThat(properties.allowsAudience("https://gateway.example/mcp/../api/admin")).isFalse();
    assertThat(properties.allowsAudience("https://gateway.example.evil/mcp/x")).isFalse();
  }
}
