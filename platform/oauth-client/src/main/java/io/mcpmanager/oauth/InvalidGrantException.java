package io.mcpmanager.oauth;

import org.jspecify.annotations.Nullable;

/**
 * The code or refresh token is no longer valid ({@code invalid_grant}, or GitHub's {@code
 * bad_verification_code} / {@code bad_refresh_token}): only a new authorization helps.
 */
public final class InvalidGrantException extends OAuthException {

  private final String error;

  private InvalidGrantException(String error, @Nullable String description) {
    super(
        "the grant was rejected: " + error + (description == null ? "" : ": " + description), null);
    this.error = error;
  }

  public static InvalidGrantException of(String error, @Nullable String description) {
    return new InvalidGrantException(error, description);
  }

  public String error() {
    return error;
  }
}
