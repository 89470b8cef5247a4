package io.mcpmanager.integration.oauth;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemHandler.FieldError;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The return URL of an OAuth start is not on the allow-list. */
public class InvalidReturnUrlException extends ApiException {

  private InvalidReturnUrlException() {
    super(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.VALIDATION_FAILED,
        "Validation failed",
        "return_url: must be under the frontend URL or an allowed return URL",
        Map.of("errors", List.of(new FieldError("return_url", "is not an allowed return URL"))));
  }

  public static InvalidReturnUrlException notAllowed() {
    return new InvalidReturnUrlException();
  }
}
