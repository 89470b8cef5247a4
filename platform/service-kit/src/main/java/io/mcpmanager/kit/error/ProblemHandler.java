package io.mcpmanager.kit.error;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * One RFC 9457 answer for every failure of a servlet service: a stable {@code type}, a human {@code
 * detail}, field errors for validation and the trace id. A 500 never echoes the exception.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private static final Map<Integer, URI> TYPES_BY_STATUS =
      Map.of(
          400, ProblemTypes.MALFORMED_REQUEST,
          401, ProblemTypes.UNAUTHORIZED,
          403, ProblemTypes.FORBIDDEN,
          404, ProblemTypes.NOT_FOUND,
          405, ProblemTypes.METHOD_NOT_ALLOWED,
          406, ProblemTypes.NOT_ACCEPTABLE,
          409, ProblemTypes.CONFLICT,
          413, ProblemTypes.PAYLOAD_TOO_LARGE,
          415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
          503, ProblemTypes.SERVICE_UNAVAILABLE);
  static final String RETRY_AFTER_SECONDS = "5";

  /** The stable problem type for a status the framework answers by itself. */
  static URI typeFor(int status) {
    return TYPES_BY_STATUS.getOrDefault(
        status, status >= 500 ? ProblemTypes.INTERNAL_ERROR : ProblemTypes.MALFORMED_REQUEST);
  }

  private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";
  private static final Pattern FIELD_PATH =
      Pattern.compile("[a-z][a-z0-9_]{0,31}(\\[\\d+]|\\.[a-z][a-z0-9_]{0,31})*");

  private final ProblemResponses problems;

  public ProblemHandler(ProblemResponses problems) {
    this.problems = problems;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> handleApi(ApiException ex) {
    ProblemDetail problem = problems.problem(ex.status(), ex.type(), ex.title(), ex.detail());
    ex.properties().forEach(problem::setProperty);
    ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status());
    if (ex instanceof ServiceUnavailableException) {
      log.warn("dependency unavailable: {}", ex.detail());
    }
    if (ex instanceof RetryAfter retry) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(retry.retryAfterSeconds()));
    }
    return response.body(problem);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex) {
    List<FieldError> errors =
        ex.getConstraintViolations().stream()
            .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
            .toList();
    return validationFailed(errors);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
    String detail = "Parameter '" + ex.getName() + "' has an invalid value";
    return ResponseEntity.badRequest()
        .body(
            problems.problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_REQUEST,
                "Malformed request",
                detail));
  }

  /**
   * Spring Security's firewall checks parameter names when they are first read, which is during
   * data binding, inside the handler: a name with a control character then lands here.
   */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> handleRejectedRequest(RequestRejectedException ex) {
    return ResponseEntity.badRequest().body(problems.rejectedRequest());
  }

  @ExceptionHandler(OptimisticLockingFailureException.class)
  ResponseEntity<ProblemDetail> handleOptimisticLock(OptimisticLockingFailureException ex) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(
            problems.problem(
                HttpStatus.CONFLICT,
                ProblemTypes.CONCURRENT_MODIFICATION,
                "Concurrent modification",
                "The object was changed by another request; reload it and try again"));
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<ProblemDetail> handleIntegrity(DataIntegrityViolationException ex) {
    log.info("integrity violation: {}", ex.getMostSpecificCause().getClass().getSimpleName());
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(
            problems.problem(
                HttpStatus.CONFLICT,
                ProblemTypes.CONFLICT,
                "Conflict",
                "The request conflicts with the current state of the resource"));
  }

  @ExceptionHandler({
    CannotCreateTransactionException.class,
    TransientDataAccessException.class,
    DataAccessResourceFailureException.class
  })
  ResponseEntity<ProblemDetail> handleDatabaseDown(Exception ex) {
    log.warn("database unavailable: {}", ex.getClass().getSimpleName());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(
            problems.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.SERVICE_UNAVAILABLE,
                "Service unavailable",
                "The database is unavailable; retry later"));
  }

  /**
   * The database went away in the middle of a request: Spring reports some of these as plain system
   * errors (e.g. "Unable to rollback against JDBC Connection" when PostgreSQL stopped during the
   * transaction). A connection-class SQLState (08xxx), a server shutting down or starting (57P0x),
   * or the pool's closed-connection error (Hikari, no SQLState: the pool evicted the broken
   * connection under the transaction) anywhere in the causes means the dependency is down, not a
   * broken service.
   */
  static boolean lostDatabaseConnection(Throwable ex) {
    Throwable current = ex;
    for (int depth = 0; current != null && depth < 20; depth++, current = current.getCause()) {
      if (current instanceof SQLTransientConnectionException
          || current instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (current instanceof SQLException sql
          && (sql.getSQLState() == null
              ? HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())
              : sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
        return true;
      }
    }
    return false;
  }

  /** Let Spring Security's handlers answer 401/403 (they write problem+json too). */
  @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
  void rethrowSecurity(RuntimeException ex) {
    throw ex;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
    if (lostDatabaseConnection(ex)) {
      return handleDatabaseDown(ex);
    }
    log.error("unexpected error", ex);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(
            problems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL_ERROR,
                "Internal error",
                "An unexpected error occurred"));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
            .toList();
    List<FieldError> global =
        ex.getBindingResult().getGlobalErrors().stream()
            .map(e -> new FieldError(e.getObjectName(), e.getDefaultMessage()))
            .toList();
    return cast(validationFailed(concat(errors, global)));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors =
        ex.getParameterValidationResults().stream()
            .flatMap(
                r ->
                    r.getResolvableErrors().stream()
                        .map(
                            e ->
                                new FieldError(
                                    r.getMethodParameter().getParameterName(),
                                    e.getDefaultMessage())))
            .toList();
    return cast(validationFailed(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        problems.problem(
            HttpStatus.BAD_REQUEST,
            ProblemTypes.MALFORMED_REQUEST,
            "Malformed request",
            describeUnreadable(ex));
    return ResponseEntity.badRequest().body(problem);
  }

  /** Gives Spring's own 4xx answers (404, 405, 415, ...) our type URIs and the trace id. */
  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    if (body instanceof ProblemDetail problem) {
      if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
        problem.setType(typeFor(statusCode.value()));
      }
      problems.withTraceId(problem);
    }
    return super.handleExceptionInternal(ex, body, headers, statusCode, request);
  }

  static String describeUnreadable(HttpMessageNotReadableException ex) {
    Throwable cause = ex.getMostSpecificCause();
    // Field names are echoed only when they look like field names: a token pasted as a JSON key
    // must not come back in the error body.
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String name = unknown.getPropertyName();
      return looksLikeFieldPath(name)
          ? "Unknown field '" + name + "'"
          : "The request body has an unknown field";
    }
    if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
      String path = path((JacksonException) cause);
      return looksLikeFieldPath(path)
          ? "Field '" + path + "' has a wrong type or format"
          : "The request body has the wrong shape";
    }
    if (cause instanceof StreamConstraintsException limit) {
      // Jackson's message names the limit and the sizes, never the content.
      return "The request body exceeds a JSON limit: " + describeLimit(limit);
    }
    if (cause instanceof JacksonException) {
      return "The request body is not valid JSON";
    }
    return "The request body is missing or unreadable";
  }

  /** "String value length (300000) exceeds the maximum allowed (262144)". */
  private static String describeLimit(StreamConstraintsException limit) {
    String message = limit.getOriginalMessage();
    return message == null
        ? "a value is too long or too deeply nested"
        : message.replaceAll(", from [^)]*\\)", ")").strip();
  }

  private static boolean looksLikeFieldPath(@Nullable String path) {
    return path != null && FIELD_PATH.matcher(path).matches();
  }

  private static String path(JacksonException ex) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : ex.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private ResponseEntity<ProblemDetail> validationFailed(List<FieldError> rawErrors) {
    // The APIs speak snake_case JSON, so name fields as the client sent them.
    List<FieldError> errors =
        rawErrors.stream().map(e -> new FieldError(snakeCase(e.field()), e.message())).toList();
    String detail =
        errors.isEmpty()
            ? "The request is invalid"
            : errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElseThrow();
    ProblemDetail problem =
        problems.problem(
            HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "Validation failed", detail);
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  static @Nullable String snakeCase(@Nullable String field) {
    return field == null
        ? null
        : field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String lastNode(String propertyPath) {
    int dot = propertyPath.lastIndexOf('.');
    return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
    return (ResponseEntity) response;
  }

  /** One invalid field. */
  public record FieldError(@Nullable String field, @Nullable String message) {}
}
