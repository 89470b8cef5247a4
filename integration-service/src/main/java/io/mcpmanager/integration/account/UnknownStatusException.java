package io.mcpmanager.integration.account;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemHandler.FieldError;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A status filter that names no status; the problem's field error names the parameter. */
public class UnknownStatusException extends ApiException {

  static final String FIELD = "status";

  private UnknownStatusException() {
    super(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.VALIDATION_FAILED,
        "Validation failed",
        FIELD + ": unknown status",
        Map.of("errors", List.of(new FieldError(FIELD, "unknown status"))));
  }

  public static UnknownStatusException inFilter() {
    return new UnknownStatusException();
  }
}
