package io.mcpmanager.oauth;

import org.jspecify.annotations.Nullable;

/** A failed call to a provider's token endpoint. Messages carry error codes, never tokens. */
public abstract sealed class OAuthException extends RuntimeException
    permits OAuthErrorException, InvalidGrantException, OAuthUnavailableException {

  protected OAuthException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
