package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.catalog.IntegrationType;

/**
 * The token-endpoint calls this service needs after a connection exists: refresh and revoke. The
 * authorization-code exchange (with PKCE and signed state) belongs to {@link AuthorizationFlow}.
 * The shared platform OAuth client can implement this interface directly.
 */
public interface OAuthTokenClient {

  boolean handles(IntegrationType type);

  /**
   * @throws InvalidGrantException the refresh token was revoked or expired (user must reconnect)
   * @throws TokenEndpointUnavailableException no usable answer (outage, timeout, 5xx, 429)
   */
  OAuthTokens refresh(String refreshToken);

  /** Revokes a token at the provider; {@code false} when the provider could not be reached. */
  boolean revoke(String token);
}
