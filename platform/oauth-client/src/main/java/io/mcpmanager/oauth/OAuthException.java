package io.mcpmanager.oauth;

/** A failed call to a provider's token endpoint. Messages carry error codes, never tokens. */
public abstract sealed class OAuthException extends RuntimeException
    permits OAuthErrorException, InvalidGrantException, OAuthUnavailableException {

  protected OAuthException(String message, Throwable cause) {
    super(message, cause);
  }
}
