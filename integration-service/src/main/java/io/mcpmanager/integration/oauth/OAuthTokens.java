package io.mcpmanager.integration.oauth;

import java.time.Instant;

/**
 * Tokens from a token endpoint. {@code refreshToken} is null when the provider did not rotate it.
 * {@link #toString()} hides the secrets so a stray log line cannot leak them.
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt, String scope) {

  @Override
  public String toString() {
    return "OAuthTokens[expiresAt=" + expiresAt + ", scope=" + scope + ", rotated=" + (refreshToken != null) + "]";
  }
}
