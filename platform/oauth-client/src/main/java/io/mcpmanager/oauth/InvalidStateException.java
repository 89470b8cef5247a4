package io.mcpmanager.oauth;

/**
 * The OAuth {@code state} is malformed, tampered with, replayed, for another provider or expired.
 */
public class InvalidStateException extends RuntimeException {

  private final String reason;

  private InvalidStateException(String reason) {
    super("invalid OAuth state: " + reason);
    this.reason = reason;
  }

  public static InvalidStateException because(String reason) {
    return new InvalidStateException(reason);
  }

  public String reason() {
    return reason;
  }
}
