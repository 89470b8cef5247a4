package io.mcpmanager.integration.ratelimit;

import io.mcpmanager.kit.error.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The kit's handler gives 429 its problem body; this adds the {@code Retry-After} header. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RateLimitProblemAdvice {

  private final ProblemResponses problems;

  RateLimitProblemAdvice(ProblemResponses problems) {
    this.problems = problems;
  }

  @ExceptionHandler(ValidationRateLimitedException.class)
  ResponseEntity<ProblemDetail> rateLimited(ValidationRateLimitedException ex) {
    ProblemDetail problem = problems.problem(ex.status(), ex.type(), ex.title(), ex.getMessage());
    ex.properties().forEach(problem::setProperty);
    return ResponseEntity.status(ex.status())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds())).body(problem);
  }
}
