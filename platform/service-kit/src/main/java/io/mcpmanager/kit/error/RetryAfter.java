package io.mcpmanager.kit.error;

import java.time.Duration;

/** A failure the client may retry after a while: the answer carries {@code Retry-After}. */
public interface RetryAfter {

  Duration retryAfter();

  /** Whole seconds, rounded up and at least 1, as the header wants. */
  default long retryAfterSeconds() {
    return Math.max(1, (retryAfter().toMillis() + 999) / 1000);
  }
}
