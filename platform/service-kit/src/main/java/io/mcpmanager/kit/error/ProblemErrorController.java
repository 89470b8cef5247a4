package io.mcpmanager.kit.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatch (a {@code sendError} from a filter, such as the firewall
 * refusing an encoded {@code %25} or a {@code //} in the path) with problem+json instead of Boot's
 * own JSON or HTML. Only the status travels: the exception behind it is never described.
 */
@RestController
public class ProblemErrorController implements ErrorController {

  private final ProblemResponses problems;

  public ProblemErrorController(ProblemResponses problems) {
    this.problems = problems;
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    HttpStatus status = statusOf(request);
    String detail =
        status.is5xxServerError()
            ? "An unexpected error occurred"
            : status == HttpStatus.BAD_REQUEST
                ? "The request was rejected: its path, headers or body are malformed"
                : status.getReasonPhrase();
    ProblemDetail problem =
        problems.problem(
            status, ProblemHandler.typeFor(status.value()), status.getReasonPhrase(), detail);
    // An error dispatch can come from before the security filter chain wrote its headers (the
    // firewall's refusal): send the ones every answer carries.
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header("X-Content-Type-Options", "nosniff")
        .cacheControl(CacheControl.noStore())
        .body(problem);
  }

  private static HttpStatus statusOf(HttpServletRequest request) {
    // The firewall also refuses parameter names when a filter first reads them: the request's
    // fault, not ours.
    for (Object cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        cause instanceof Throwable throwable;
        cause = throwable.getCause()) {
      if (throwable instanceof RequestRejectedException) {
        return HttpStatus.BAD_REQUEST;
      }
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    return status == null || status.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }
}
