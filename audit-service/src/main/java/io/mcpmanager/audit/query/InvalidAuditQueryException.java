package io.mcpmanager.audit.query;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemHandler.FieldError;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A filter, cursor or range of an audit query that cannot be answered: 400 naming the parameter.
 */
public class InvalidAuditQueryException extends ApiException {

  private InvalidAuditQueryException(String parameter, String message) {
    super(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.VALIDATION_FAILED,
        "Validation failed",
        parameter + ": " + message,
        Map.of("errors", List.of(new FieldError(parameter, message))));
  }

  public static InvalidAuditQueryException forParameter(String parameter, String message) {
    return new InvalidAuditQueryException(parameter, message);
  }
}
