package io.mcpmanager.oauth;

import org.jspecify.annotations.Nullable;

/** The provider could not be reached, timed out, or answered 5xx / 429: worth retrying later. */
public final class OAuthUnavailableException extends OAuthException {

  private OAuthUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  public static OAuthUnavailableException status(int status) {
    return new OAuthUnavailableException("token endpoint answered " + status, null);
  }

  public static OAuthUnavailableException unreachable(Throwable cause) {
    return new OAuthUnavailableException(
        "token endpoint unreachable or timed out: " + cause.getClass().getSimpleName(), cause);
  }
}
