package io.mcpmanager.discovery.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one account every service registers and looks up with ({@code mcpm.discovery.*}, from {@code
 * MCPM_DISCOVERY_USERNAME} / {@code MCPM_DISCOVERY_PASSWORD}). The repository holds no password:
 * without one from the environment (or Vault) the registry refuses to start.
 */
@ConfigurationProperties("mcpm.discovery")
public record DiscoveryCredentials(String username, String password) {

  static final int MINIMUM_PASSWORD_LENGTH = 16;

  public DiscoveryCredentials {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException(
          "mcpm.discovery.username (MCPM_DISCOVERY_USERNAME) must not be blank");
    }
    if (password == null || password.length() < MINIMUM_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "mcpm.discovery.password (MCPM_DISCOVERY_PASSWORD) must be set, at least "
              + MINIMUM_PASSWORD_LENGTH
              + " characters: the registry does not start without a password");
    }
  }

  @Override
  public String toString() {
    return "DiscoveryCredentials[username=" + username + ", password=[REDACTED]]";
  }
}
