package io.mcpmanager.integration.oauth;

/** The provider answered {@code invalid_grant}: the refresh token is dead. */
public class InvalidGrantException extends RuntimeException {

  public InvalidGrantException() {
    super("the provider rejected the refresh token (invalid_grant)");
  }
}
