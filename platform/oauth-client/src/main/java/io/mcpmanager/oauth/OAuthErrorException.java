package io.mcpmanager.oauth;

import org.jspecify.annotations.Nullable;

/** The provider answered with an OAuth error (RFC 6749 §5.2) other than an invalid grant. */
public final class OAuthErrorException extends OAuthException {

  private final String error;
  private final int status;

  private OAuthErrorException(String error, @Nullable String description, int status) {
    super(
        "token endpoint answered "
            + status
            + " "
            + error
            + (description == null ? "" : ": " + description),
        null);
    this.error = error;
    this.status = status;
  }

  public static OAuthErrorException of(String error, @Nullable String description, int status) {
    return new OAuthErrorException(error, description, status);
  }

  public String error() {
    return error;
  }

  public int status() {
    return status;
  }
}
