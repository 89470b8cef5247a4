package io.mcpmanager.integration.catalog;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemHandler.FieldError;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** {@code meta} does not fit its integration type. */
public class InvalidMetaException extends ApiException {

  private InvalidMetaException(List<FieldError> errors) {
    super(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.VALIDATION_FAILED,
        "Validation failed",
        errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")),
        Map.of("errors", errors));
  }

  public static InvalidMetaException of(List<FieldError> errors) {
    return new InvalidMetaException(errors);
  }
}
