package io.mcpmanager.gateway.problem;

import java.time.Duration;

/** {@code Retry-After} in delta-seconds, rounded up and never below one second. */
public final class RetryAfter {

  private RetryAfter() {}

  public static String seconds(Duration delay) {
    long millis = Math.max(0, delay.toMillis());
    return Long.toString(Math.max(1, (millis + 999) / 1000));
  }
}
