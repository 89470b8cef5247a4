package io.mcpmanager.kit.assertion;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import org.springframework.http.HttpStatus;

/** 403: the call carries no valid assertion for what it asks, or one already used. */
public class CallerAssertionRefusedException extends ApiException {

  private CallerAssertionRefusedException(String detail) {
    super(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
  }

  public static CallerAssertionRefusedException because(String detail) {
    return new CallerAssertionRefusedException(detail);
  }
}
