package io.mcpmanager.mcp.integration;

/** The owner has no credential of that kind in the owning service. */
public class CredentialNotFoundException extends RuntimeException {

  private CredentialNotFoundException(String message) {
    super(message);
  }

  public static CredentialNotFoundException of(String what) {
    return new CredentialNotFoundException("no credential for " + what);
  }
}
