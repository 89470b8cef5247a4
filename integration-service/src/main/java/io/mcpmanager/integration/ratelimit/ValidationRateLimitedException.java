package io.mcpmanager.integration.ratelimit;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.kit.error.RetryAfter;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Too many failed validations for this user or credential in the current hour. */
public class ValidationRateLimitedException extends ApiException implements RetryAfter {

  private final Duration retryAfter;

  private ValidationRateLimitedException(Duration retryAfter) {
    super(
        HttpStatus.TOO_MANY_REQUESTS,
        ProblemTypes.RATE_LIMITED,
        "Too many requests",
        "Too many failed credential validations; retry later",
        Map.of("retry_after_seconds", Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
    this.retryAfter = retryAfter;
  }

  public static ValidationRateLimitedException retryAfter(Duration retryAfter) {
    return new ValidationRateLimitedException(retryAfter);
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }
}
