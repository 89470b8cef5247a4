package io.mcpmanager.gateway.pat;

/** auth-server could not say whether a token is valid (down, slow, erroring): answer 503. */
class PatResolutionUnavailableException extends RuntimeException {

  PatResolutionUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  PatResolutionUnavailableException(String message) {
    super(message);
  }
}
