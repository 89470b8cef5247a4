package io.mcpmanager.kit.error;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** A dependency is down; the answer is 503 with {@code Retry-After}. */
public class ServiceUnavailableException extends ApiException implements RetryAfter {

  private final Duration retryAfter;

  public ServiceUnavailableException(
      URI type, String detail, Duration retryAfter, @Nullable Throwable cause) {
    super(HttpStatus.SERVICE_UNAVAILABLE, type, "Service unavailable", detail);
    this.retryAfter = retryAfter;
    if (cause != null) {
      initCause(cause);
    }
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }
}
