package io.mcpmanager.auth.pat;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * A presented token is not a valid one: malformed, unknown, revoked, expired or its owner disabled.
 * One answer for all, so a caller learns nothing about which tokens exist.
 */
class InvalidPatException extends ApiException {

  private InvalidPatException() {
    super(
        HttpStatus.UNAUTHORIZED,
        ProblemTypes.UNAUTHORIZED,
        "Unauthorized",
        "The personal access token is not valid");
  }

  static InvalidPatException invalid() {
    return new InvalidPatException();
  }
}
