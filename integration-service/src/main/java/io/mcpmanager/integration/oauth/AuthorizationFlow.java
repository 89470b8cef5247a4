package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.oauth.TokenResponse;
import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The browser part of OAuth for one provider: authorization code with PKCE (S256), a signed, user-
 * and type-bound, single-use state, and offline access. Built on the shared platform OAuth client
 * ({@code io.mcpmanager.oauth}); {@link OAuthConnectService} drives it and hands the tokens to
 * {@link io.mcpmanager.integration.account.OAuthAccountConnector#connect}.
 */
public interface AuthorizationFlow {

  boolean handles(IntegrationType type);

  /**
   * Where to send the user's browser.
   *
   * @throws OAuthNotConfiguredException this deployment has no client at the provider
   */
  StartedAuthorization start(String ownerId, IntegrationType type, @Nullable String returnUrl);

  /**
   * Checks and burns the state of a callback.
   *
   * @throws io.mcpmanager.oauth.InvalidStateException tampered, replayed, expired or for another
   *     type
   */
  PendingAuthorization consume(IntegrationType type, @Nullable String state);

  /**
   * Exchanges the code with the PKCE verifier the state carried.
   *
   * @throws io.mcpmanager.oauth.OAuthException the provider refused or could not be reached
   */
  TokenResponse exchange(PendingAuthorization pending, String code);

  /** A started authorization; {@code state} is what the starting browser gets bound to. */
  record StartedAuthorization(URI authorizationUrl, String state, Instant expiresAt) {}

  /** A consumed state: whose authorization this is. The verifier is a secret until the exchange. */
  record PendingAuthorization(
      String ownerId, IntegrationType type, @Nullable String returnUrl, String codeVerifier) {
    @Override
    public String toString() {
      return "PendingAuthorization[ownerId=" + ownerId + ", type=" + type + "]";
    }
  }
}
