package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.net.URI;

/**
 * The browser part of OAuth (authorization code + PKCE, signed single-use state, offline access):
 * to be implemented on top of the shared platform OAuth client. Its callback hands the exchanged
 * tokens to {@link OAuthAccountConnector#connect}.
 */
public interface AuthorizationFlow {

  /** Where to send the user's browser; the state binds owner, type, PKCE verifier and expiry. */
  URI start(String ownerId, IntegrationType type);

  /** Verifies and consumes the state, exchanges the code; returns whose tokens these are. */
  CompletedAuthorization complete(String state, String code);

  /** The outcome of a callback. */
  record CompletedAuthorization(String ownerId, IntegrationType type, OAuthTokens tokens) {}
}
