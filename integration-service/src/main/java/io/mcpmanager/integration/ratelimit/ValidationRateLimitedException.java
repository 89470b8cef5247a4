package io.mcpmanager.integration.ratelimit;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Too many failed validations for this user or credential in the current hour. */
public class ValidationRateLimitedException extends ApiException {

  private final Duration retryAfter;

  private ValidationRateLimitedException(Duration retryAfter) {
    super(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too many requests",
        "Too many failed credential validations; retry later",
        Map.of("retry_after_seconds", seconds(retryAfter)));
    this.retryAfter = retryAfter;
  }

  public static ValidationRateLimitedException retryAfter(Duration retryAfter) {
    return new ValidationRateLimitedException(retryAfter);
  }

  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
