package io.mcpmanager.integration.oauth;

/** The token endpoint gave no usable answer; the refresh may be retried. */
public class TokenEndpointUnavailableException extends RuntimeException {

  public TokenEndpointUnavailableException(String what) {
    super(what);
  }
}
