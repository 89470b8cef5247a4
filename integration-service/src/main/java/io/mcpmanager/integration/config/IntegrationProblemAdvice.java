package io.mcpmanager.integration.config;

import io.mcpmanager.integration.ratelimit.ValidationRateLimitedException;
import io.mcpmanager.kit.error.ProblemResponses;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * This service's additions to the kit's problem handling: {@code Retry-After} on 429, and request
 * bodies that carry credentials never echo what the client sent. The kit names an unknown field;
 * here only names that look like field names are echoed, so a token pasted as a JSON key does not
 * come back in the error body.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntegrationProblemAdvice {

  private static final Pattern FIELD_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,31}$");

  private final ProblemResponses problems;

  IntegrationProblemAdvice(ProblemResponses problems) {
    this.problems = problems;
  }

  @ExceptionHandler(ValidationRateLimitedException.class)
  ResponseEntity<ProblemDetail> rateLimited(ValidationRateLimitedException ex) {
    ProblemDetail problem = problems.problem(ex.status(), ex.type(), ex.title(), ex.getMessage());
    ex.properties().forEach(problem::setProperty);
    return ResponseEntity.status(ex.status())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds())).body(problem);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
    return ResponseEntity.badRequest().body(problems.problem(HttpStatus.BAD_REQUEST,
        ProblemTypes.MALFORMED_REQUEST, "Malformed request", describe(ex.getMostSpecificCause())));
  }

  static String describe(Throwable cause) {
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String name = unknown.getPropertyName();
      return name != null && FIELD_NAME.matcher(name).matches() ? "Unknown field '" + name + "'"
          : "The request body has an unknown field";
    }
    if (cause instanceof MismatchedInputException mismatched) {
      String field = mismatched.getPath().isEmpty() ? null
          : mismatched.getPath().getLast().getPropertyName();
      return field != null && FIELD_NAME.matcher(field).matches()
          ? "Field '" + field + "' has a wrong type or format" : "The request body has the wrong shape";
    }
    if (cause instanceof JacksonException) {
      return "The request body is not valid JSON";
    }
    return "The request body is missing or unreadable";
  }
}
