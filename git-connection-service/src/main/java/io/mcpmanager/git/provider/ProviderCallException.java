package io.mcpmanager.git.provider;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A call to a provider's API failed. The message names the status, never a token. */
public class ProviderCallException extends RuntimeException {

  public enum Kind {
    /** 401: the token is no longer accepted. */
    UNAUTHORIZED,
    /** Primary or secondary rate limit; {@link #retryAfter()} when the provider said. */
    RATE_LIMITED,
    /** 5xx, timeout, connection refused. */
    UNAVAILABLE,
    /** Anything else. */
    FAILED
  }

  private final Kind kind;
  private final int status;
  private final @Nullable Duration retryAfter;

  private ProviderCallException(
      Kind kind,
      int status,
      @Nullable Duration retryAfter,
      String message,
      @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public static ProviderCallException status(String provider, String what, int status) {
    Kind kind = status == 401 ? Kind.UNAUTHORIZED : status >= 500 ? Kind.UNAVAILABLE : Kind.FAILED;
    return new ProviderCallException(
        kind, status, null, provider + " answered " + status + " to " + what, null);
  }

  public static ProviderCallException rateLimited(
      String provider, String what, int status, @Nullable Duration retryAfter) {
    return new ProviderCallException(
        Kind.RATE_LIMITED,
        status,
        retryAfter,
        provider + " rate-limited " + what + " (" + status + ")",
        null);
  }

  public static ProviderCallException unreachable(String provider, String what, Throwable cause) {
    return new ProviderCallException(
        Kind.UNAVAILABLE,
        0,
        null,
        provider + " unreachable for " + what + ": " + cause.getClass().getSimpleName(),
        cause);
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }

  /** Null when the provider gave no hint. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
